import { z } from "zod";
import { MAX_CONSENT_ACCOUNTS } from "../domain/consents/create-consent";
import { SCOPES } from "../domain/oauth/scopes";
import { PersonaKey, ResourceId, Timestamp } from "./common";
import { Cursor, Limit, pageOf } from "./pagination";
import { exampleIds } from "./example-run";

export const Permission = z
  .enum(SCOPES)
  .describe(
    "`accounts:read` (accounts and balances), `transactions:read`, `payments:write` (make payments from the shared accounts and read them).",
  );

const consentExample = {
  id: "cns_7Qm2cV0pX4bN1sR8tY3wZa",
  customer_id: "cus_2Jd8Lq0vR5nT7wX1yZ4bCe",
  persona: "good_credit",
  status: "authorised",
  permissions: ["accounts:read", "transactions:read"],
  account_ids: ["acc_0Pf3Hk9sD2mQ6vW8xY1zAb"],
  source: "authorization_code",
  created_at: "2026-11-21T10:30:00.000Z",
  expires_at: "2027-02-19T10:30:00.000Z",
  revoked_at: null,
};

export const Consent = z
  .object({
    id: ResourceId.describe("The consent id (`cns_…`), also returned by the token endpoint as `consent_id`."),
    customer_id: ResourceId.describe("The test customer who granted it."),
    persona: PersonaKey.nullable().describe("The customer's persona, e.g. `good_credit`."),
    status: z
      .enum(["authorised", "revoked", "expired"])
      .describe(
        "`expired` once the sandbox clock passes `expires_at`; `revoked` after `DELETE /v1/consents/{consent_id}`. Tokens work only while `authorised`.",
      ),
    permissions: z.array(Permission).max(SCOPES.length).describe("What the customer granted."),
    account_ids: z.array(ResourceId).max(MAX_CONSENT_ACCOUNTS).describe("The accounts the customer chose to share; tokens see no others."),
    source: z
      .enum(["authorization_code", "sandbox"])
      .describe(
        "`authorization_code`: the customer logged in at the bank and approved; `sandbox`: minted with `POST /v1/sandbox/consents`.",
      ),
    created_at: Timestamp,
    expires_at: Timestamp.describe("90 days after it was granted, on the sandbox clock."),
    revoked_at: Timestamp.nullable(),
  })
  .meta({ id: "Consent", description: "A customer's permission for your app to use chosen accounts.", examples: [consentExample] });

export type ConsentDto = z.infer<typeof Consent>;

export const ConsentList = pageOf(Consent, "ConsentList", "A page of consents, newest first.");

export const ConsentParams = z.object({
  consent_id: ResourceId.describe("The consent id (`cns_…`), from `GET /v1/consents` or `POST /v1/sandbox/consents`.").meta({
    examples: [exampleIds.consentId],
  }),
});

export const ListConsentsQuery = z.strictObject({
  status: z
    .enum(["authorised", "revoked", "expired"])
    .optional()
    .describe("Only consents in this status.")
    .meta({ examples: ["authorised"] }),
  customer_id: ResourceId.optional().describe("Only this customer's consents."),
  limit: Limit,
  cursor: Cursor.optional(),
});

export const CreateSandboxConsentBody = z
  .strictObject({
    persona: PersonaKey.describe("The test customer, e.g. `good_credit` (see the sandbox reference)."),
    permissions: z.array(Permission).min(1).max(SCOPES.length).describe("What to grant."),
    account_ids: z
      .array(ResourceId)
      .min(1)
      .max(MAX_CONSENT_ACCOUNTS)
      .optional()
      .describe("Which of the persona's accounts to share; all of them when omitted."),
  })
  .meta({ examples: [{ persona: "good_credit", permissions: ["accounts:read", "transactions:read"] }] });

export const SandboxConsentTokens = z
  .object({
    consent: Consent,
    access_token: z
      .string()
      .regex(/^oat_[0-9A-Za-z]{43}$/)
      .describe("Send as `Authorization: Bearer …` to customer-data endpoints. Lives one hour on the sandbox clock."),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().min(0).max(86_400).describe("Seconds until the access token expires."),
    refresh_token: z
      .string()
      .regex(/^ort_[0-9A-Za-z]{43}$/)
      .describe("Exchange at `POST /oauth/token` (grant_type=refresh_token) for a new pair; each refresh token works once."),
    scope: z
      .string()
      .max(100)
      .regex(/^[a-z]+:[a-z]+( [a-z]+:[a-z]+)*$/)
      .describe("The granted permissions, space-separated."),
  })
  .meta({
    id: "SandboxConsentTokens",
    description:
      "A consent minted without the browser, with its first tokens: what the token endpoint would return after a real authorization.",
    examples: [
      {
        consent: { ...consentExample, source: "sandbox" },
        access_token: "oat_4kFqP0zR8sV2mN6xW1yT3bC7dE9gH5jL0aS2dF4gH6j",
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token: "ort_8mN2bV4cX6zL1kJ3hG5fD7sA9qW0eR2tY4uI6oP8aSd",
        scope: "accounts:read transactions:read",
      },
    ],
  });
