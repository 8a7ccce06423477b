import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/** A consent as the bank's /v1/consents returns it (mock-bank/src/schemas/consent.ts), passed on as is. */
export const consentDto = z.object({
  id: resourceId,
  customer_id: resourceId,
  persona: text(64).nullable(),
  status: z.enum(["authorised", "revoked", "expired"]),
  permissions: z.array(text(40)).max(10),
  account_ids: z.array(resourceId).max(100),
  source: z.enum(["authorization_code", "sandbox"]),
  created_at: timestamp,
  expires_at: timestamp,
  revoked_at: timestamp.nullable(),
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
