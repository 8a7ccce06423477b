import { z } from "zod";

/**
 * Building blocks shared by every bank schema. Schemas that carry `meta({ id })` become
 * named components in the OpenAPI document (fastify-type-provider-zod reads zod's global
 * registry), so the document and the validators come from the same objects.
 */

export const Money = z
  .object({
    amount: z
      .string()
      .regex(/^-?\d{1,15}(\.\d{1,3})?$/)
      .describe("Decimal string in the currency's major unit, e.g. `125.50`; negative means money out. Never a float."),
    currency: z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 currency code."),
  })
  .meta({
    id: "Money",
    description: "An exact amount of money.",
    examples: [{ amount: "125.50", currency: "GBP" }],
  });

export const Timestamp = z.iso.datetime({ offset: false }).describe("RFC 3339 timestamp in UTC.");

export const IsoDate = z.iso.date().describe("ISO 8601 calendar date (YYYY-MM-DD).");

/** Ids are opaque: only their alphabet and length are checked, so a wrong id is a 404, not a 400. */
export const ResourceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_]+$/, "must contain only letters, digits and underscores");
