import { z } from "zod";
import { MAX_KEY_LIFETIME_MS, MAX_OVERLAP_SECONDS } from "./key-lifecycle";

const keyName = z.string().trim().min(1, "Name is required").max(60, "Name must be at most 60 characters");

export const createKeyInput = z.object({
  name: keyName,
  scope: z.enum(["read_only", "read_write"], { error: "Scope must be read_only or read_write" }).default("read_write"),
  /** RFC 3339; omitted or null: the key never expires. */
  expires_at: z.iso
    .datetime({ offset: true, error: "Must be an RFC 3339 timestamp, e.g. 2027-01-31T00:00:00Z" })
    .max(40)
    .nullish()
    // Unparsable values already failed above: one message per field.
    .refine((value) => !value || !(Date.parse(value) <= Date.now()), "Must be in the future")
    .refine((value) => !value || !(Date.parse(value) > Date.now() + MAX_KEY_LIFETIME_MS), "Must be within a year"),
});

export type CreateKeyInput = z.input<typeof createKeyInput>;

export const rollKeyInput = z.object({
  /** How long the old key keeps working: 0 (stops now) to 7 days. */
  overlap_seconds: z
    .number({ error: "Must be a number of seconds" })
    .int("Must be a whole number of seconds")
    .min(0, "Must be 0 or more")
    .max(MAX_OVERLAP_SECONDS, "At most 7 days (604800 seconds)"),
  /** Name of the new key; defaults to the old key's name. */
  name: keyName.optional(),
});

export type RollKeyInput = z.input<typeof rollKeyInput>;
