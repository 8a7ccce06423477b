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

/** The APIs a consent can be made through: this one, and the open-banking standards over the same bank. */
export const CONSENT_STANDARDS = ["v1", "uk_open_banking", "berlin_group"] as const;

/** What a consent is for, in every standard (a Berlin Group payment is a consent underneath too). */
export const CONSENT_KINDS = [
  "account_access",
  "domestic_payment",
  "domestic_scheduled_payment",
  "international_payment",
  "file_payment",
  "domestic_vrp",
  "funds_confirmation",
  "payment",
  "bulk_payment",
] as const;

export const CONSENT_STATUSES = ["awaiting_authorisation", "authorised", "rejected", "consumed", "revoked", "expired"] as const;

/** The most permissions a standard's consent names (UK Open Banking has about twenty). */
const MAX_STANDARD_PERMISSIONS = 50;

const consentExample = {
  id: "cns_7Qm2cV0pX4bN1sR8tY3wZa",
  standard: "v1",
  kind: "account_access",
  customer_id: "cus_2Jd8Lq0vR5nT7wX1yZ4bCe",
  persona: "good_credit",
  status: "authorised",
  permissions: ["accounts:read", "transactions:read"],
  standard_permissions: [],
  account_ids: ["acc_0Pf3Hk9sD2mQ6vW8xY1zAb"],
  source: "authorization_code",
  created_at: "2026-11-21T10:30:00.000Z",
  expires_at: "2027-02-19T10:30:00.000Z",
  revoked_at: null,
  revoked_by: null,
};

export const Consent = z
  .object({
    id: ResourceId.describe("The consent id (`cns_…`), also returned by the token endpoint as `consent_id`."),
    standard: z
      .enum(CONSENT_STANDARDS)
      .describe(
        "The API the consent was made through: `v1` (this API), `uk_open_banking` (`/open-banking/v4.0`) or `berlin_group` (`/berlin-group/v1`). Every standard's consents live in one store, so all of them are listed and revocable here.",
      ),
    kind: z
      .enum(CONSENT_KINDS)
      .describe(
        "What it is for: `account_access` (every /v1 consent; UK account-access consents, Berlin Group account consents), the UK payment consents (`domestic_payment`, `domestic_scheduled_payment`, `international_payment`, `file_payment`, `domestic_vrp`), `funds_confirmation`, and the Berlin Group payments (`payment`, `bulk_payment`).",
      ),
    customer_id: ResourceId.nullable().describe(
      "The test customer who granted it; `null` while a standard's consent awaits authorisation.",
    ),
    persona: PersonaKey.nullable().describe("The customer's persona, e.g. `good_credit`."),
    status: z
      .enum(CONSENT_STATUSES)
      .describe(
        "`authorised`: usable. `expired` once the sandbox clock passes `expires_at`; `revoked` after `DELETE /v1/consents/{consent_id}`, the app's own DELETE in its standard, or the customer on the bank's connected-apps page (`revoked_by` says who). A standard's consent can also be `awaiting_authorisation` (created, the customer has not approved yet), `rejected` (the customer declined) or `consumed` (a one-off payment consent that was used). Tokens work only while `authorised`.",
      ),
    permissions: z
      .array(Permission)
      .max(SCOPES.length)
      .describe("What the customer granted, in /v1's permissions; empty for a standard's consent (see `standard_permissions`)."),
    standard_permissions: z
      .array(
        z
          .string()
          .max(64)
          .regex(/^[A-Za-z0-9_.:-]+$/),
      )
      .max(MAX_STANDARD_PERMISSIONS)
      .describe(
        "A standard's consent: its permissions in the standard's own names (UK `ReadAccountsDetail`, `ReadBalances`, …; Berlin Group `accounts`, `balances`, `transactions`, …). Empty for /v1 consents and for payment consents, which name no permissions.",
      ),
    account_ids: z
      .array(ResourceId)
      .max(MAX_CONSENT_ACCOUNTS)
      .describe("The accounts the customer chose to share (or, for a payment consent, the account it pays from); tokens see no others."),
    source: z
      .enum(["authorization_code", "sandbox", "client"])
      .describe(
        "`authorization_code`: the customer logged in at the bank and approved; `sandbox`: minted with `POST /v1/sandbox/consents`; `client`: created by the app through a standard's consent endpoint (then authorised by the customer).",
      ),
    created_at: Timestamp,
    expires_at: Timestamp.nullable().describe(
      "On the sandbox clock: 90 days after a /v1 consent was granted; a standard's consent has the expiry it was created with, or none (`null`).",
    ),
    revoked_at: Timestamp.nullable(),
    revoked_by: z
      .enum(["customer", "tpp", "developer", "token_replay"])
      .nullable()
      .describe(
        "Who revoked it: `customer` (the bank's connected-apps page), `tpp` (the app, with its standard's DELETE or by revoking a refresh token at `/oauth/revoke`), `developer` (`DELETE /v1/consents/{consent_id}` or the portal) or `token_replay` (an authorization code or refresh token was used twice, so the bank revoked every token of the authorization, as OAuth 2.0 Security BCP asks). `null` unless revoked.",
      ),
  })
  .meta({
    id: "Consent",
    description: "A customer's permission for your app to use chosen accounts, made through /v1 or an open-banking standard.",
    examples: [
      consentExample,
      {
        ...consentExample,
        id: "cns_3Hn8dW1qY5cM2tS9uZ4xAb",
        standard: "uk_open_banking",
        permissions: [],
        standard_permissions: ["ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail"],
        source: "client",
        expires_at: null,
      },
    ],
  });

export type ConsentDto = z.infer<typeof Consent>;

export const ConsentList = pageOf(Consent, "ConsentList", "A page of consents, newest first.");

export const ConsentParams = z.object({
  consent_id: ResourceId.describe("The consent id (`cns_…`), from `GET /v1/consents` or `POST /v1/sandbox/consents`.").meta({
    examples: [exampleIds.consentId],
  }),
});

export const ListConsentsQuery = z.strictObject({
  status: z
    .enum(CONSENT_STATUSES)
    .optional()
    .describe("Only consents in this status.")
    .meta({ examples: ["authorised"] }),
  standard: z
    .enum(CONSENT_STANDARDS)
    .optional()
    .describe("Only consents made through this API.")
    .meta({ examples: ["uk_open_banking"] }),
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
