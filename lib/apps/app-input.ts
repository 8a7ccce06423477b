import { z } from "zod";

/**
 * A redirect URI must be absolute, without a fragment, and https — except loopback http
 * for local development (RFC 8252). Matching is exact, so we store it as typed.
 */
export const redirectUriSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => URL.canParse(value), "Must be an absolute URL, e.g. https://example.com/callback")
  .refine((value) => !URL.canParse(value) || !new URL(value).hash, "Must not contain a #fragment")
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    return url.protocol === "https:" || (url.protocol === "http:" && loopback);
  }, "Must use https (http is allowed only for localhost)");

export const createAppInput = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(60, "Name must be at most 60 characters"),
  description: z.string().trim().max(500, "Description must be at most 500 characters").default(""),
  redirect_uris: z.array(redirectUriSchema).max(10, "At most 10 redirect URIs").default([]),
  team_id: z.string().max(64).optional().describe("The team to register it in (`team_…`); your personal team when omitted."),
});

export const redirectUrisInput = z.strictObject({
  redirect_uris: z.array(redirectUriSchema).max(10, "At most 10 redirect URIs"),
});

export type CreateAppInput = z.input<typeof createAppInput>;
