import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/**
 * A consent as the bank's /v1/consents returns it (mock-bank/src/schemas/consent.ts), passed on as
 * is: /v1's own and those made through UK Open Banking or the Berlin Group (one consent store).
 */
export const consentDto = z.object({
  id: resourceId,
  standard: z.enum(["v1", "uk_open_banking", "berlin_group"]).describe("The API the consent was made through."),
  kind: z
    .enum([
      "account_access",
      "domestic_payment",
      "domestic_scheduled_payment",
      "international_payment",
      "file_payment",
      "domestic_vrp",
      "funds_confirmation",
      "payment",
      "bulk_payment",
    ])
    .describe("What it is for."),
  customer_id: resourceId.nullable().describe("Null while a standard's consent awaits authorisation."),
  persona: text(64).nullable(),
  status: z.enum(["awaiting_authorisation", "authorised", "rejected", "consumed", "revoked", "expired"]),
  permissions: z.array(text(40)).max(10).describe("/v1's permissions (empty for a standard's consent)."),
  standard_permissions: z.array(text(64)).max(50).describe("A standard's consent: its permissions in the standard's own names."),
  account_ids: z.array(resourceId).max(100),
  source: z.enum(["authorization_code", "sandbox", "client"]),
  created_at: timestamp,
  expires_at: timestamp.nullable().describe("Null: no expiry."),
  revoked_at: timestamp.nullable(),
  revoked_by: z.enum(["customer", "tpp", "developer", "token_replay"]).nullable(),
});

/** A sandbox consent with its first tokens, as the bank's POST /v1/sandbox/consents returns it. */
export const sandboxConsentTokensDto = z.object({
  consent: consentDto,
  access_token: text(100).describe("`oat_…`: send as `Authorization: Bearer …`. Lives one hour on the sandbox clock."),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().min(0).max(86_400),
  refresh_token: text(100).describe("`ort_…`: exchange at `POST /oauth/token` for a new pair; works once."),
  scope: text(100).describe("The granted permissions, space-separated."),
});
