import { z } from "zod";
import { personas } from "../seed/personas";

/**
 * Building blocks shared by every bank schema. Schemas that carry `meta({ id })` become
 * named components in the OpenAPI document (fastify-type-provider-zod reads zod's global
 * registry), so the document and the validators come from the same objects.
 *
 * Every string and array has a bound, on requests (validation refuses more) and on answers
 * (the serializer checks them, so the document's promise holds): a pattern that bounds the
 * length counts, and the document states its longest match as `maxLength`.
 */

/** ISO 4217 code. */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/);

export const Money = z
  .object({
    amount: z
      .string()
      .regex(/^-?\d{1,15}(\.\d{1,3})?$/)
      .describe("Decimal string in the currency's major unit, e.g. `125.50`; negative means money out. Never a float."),
    currency: CurrencyCode.describe("ISO 4217 currency code."),
  })
  .meta({
    id: "Money",
    description: "An exact amount of money.",
    examples: [{ amount: "125.50", currency: "GBP" }],
  });

/** RFC 3339 in UTC; at most nanosecond precision (`2026-11-21T10:30:00.123456789Z`, 30 characters). */
export const Timestamp = z.iso.datetime({ offset: false }).max(30).describe("RFC 3339 timestamp in UTC.");

export const IsoDate = z.iso.date().describe("ISO 8601 calendar date (YYYY-MM-DD).");

/** Ids are opaque: only their alphabet and length are checked, so a wrong id is a 404, not a 400. */
export const ResourceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_]+$/, "must contain only letters, digits and underscores");

/** The seeded test customers' keys (`good_credit`, …): the sandbox reference documents each. */
export const PersonaKey = z.enum(personas.map((persona) => persona.persona) as [string, ...string[]]);

/** Names of people and businesses, as the API accepts them (and so as it returns them). */
export const NAME_MAX = 70;

/**
 * Free text a client sends (names, references, notes), trimmed and bounded. Control characters are
 * refused: they have no place on a statement, and would corrupt logs and CSV exports downstream.
 */
export const InputText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // Spelled as code points, not \p{Cc}: a JSON Schema pattern is read without the `u` flag by many tools.
    .regex(/^[^\u0000-\u001F\u007F-\u009F]*$/, "must not contain control characters");

/** A positive decimal amount as sent: the currency's precision and the operation's limits are checked after. */
export const DecimalAmount = z.string().regex(/^\d{1,15}(\.\d{1,3})?$/, "must be a positive decimal string such as 12.50");

/** Free text the bank writes (descriptions, messages, warnings): bounded so clients can size it. */
export const Text = (max: number) => z.string().max(max);

/** Counters the sandbox reports (transactions booked, payments settled…): a sandbox holds far fewer. */
export const Count = z.number().int().min(0).max(1_000_000);
