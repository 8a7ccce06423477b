import { z } from "zod";

/**
 * Building blocks of the Berlin Group NextGenPSD2 1.3.11 surface, named after the official
 * document's schemas (`accountReference`, `amount`, `hrefType`, …). They validate what the TPP
 * sends, shape what the bank answers (the serializer checks it) and generate the standard's own
 * OpenAPI document. The official YAML stays the conformance target (tests/support/standards-contract.ts).
 */

export const Iban = z
  .string()
  .max(34)
  .regex(/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{1,30}$/, "must be an IBAN")
  .meta({ id: "iban", description: "IBAN of an account (ISO 13616).", examples: ["GB29OBSX99001141825937"] });

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code")
  .meta({ id: "currencyCode", description: "ISO 4217 alpha-3 currency code." });

export const AmountValue = z
  .string()
  .regex(/^-?[0-9]{1,14}(\.[0-9]{1,3})?$/, "must be a decimal amount such as 125.50")
  .meta({ id: "amountValue", description: "Decimal amount with a dot as separator; negative for debits in reports." });

export const Amount = z
  .object({ currency: CurrencyCode, amount: AmountValue })
  .meta({ id: "amount", examples: [{ currency: "GBP", amount: "125.50" }] });

/** ISO 20022 ExternalCashAccountType1Code: what our account types are in the standard's terms. */
export const CashAccountType = z
  .string()
  .max(4)
  .meta({ id: "cashAccountType", description: "CACC (current), SVGS (savings), CARD, LOAN." });

export const AccountReference = z
  .object({
    iban: Iban.optional(),
    bban: z
      .string()
      .regex(/^[a-zA-Z0-9]{1,30}$/)
      .optional(),
    pan: z.string().max(35).optional(),
    maskedPan: z.string().max(35).optional(),
    msisdn: z.string().max(35).optional(),
    other: z
      .object({ identification: z.string().max(35) })
      .loose()
      .optional(),
    currency: CurrencyCode.optional(),
    cashAccountType: CashAccountType.optional(),
  })
  .meta({
    id: "accountReference",
    description:
      "An account, by one identifier. This sandbox addresses payment accounts by `iban` (its accounts are GBP accounts with GB IBANs).",
  });

export const Href = z.object({ href: z.string().max(2048) }).meta({ id: "hrefType" });

/** `_links`: named hyperlinks to the next steps (relative to the portal's origin, or absolute for the SCA page). */
export const Links = z.record(z.string().max(64), Href).meta({ id: "_linksAll" });

export const ScaStatus = z
  .enum(["received", "psuIdentified", "psuAuthenticated", "scaMethodSelected", "started", "unconfirmed", "finalised", "failed", "exempted"])
  .meta({ id: "scaStatus", description: "Where one authorisation (SCA) of a consent, payment or cancellation stands." });

export const ConsentStatus = z
  .enum(["received", "rejected", "valid", "revokedByPsu", "expired", "terminatedByTpp", "partiallyAuthorised"])
  .meta({
    id: "consentStatus",
    description:
      "`received` until the PSU authorises it, then `valid` until `validUntil` passes on the sandbox clock (`expired`); `rejected` when the PSU refuses; `terminatedByTpp` after `DELETE`; `revokedByPsu` when the customer withdraws it (the bank's connected-apps page).",
  });

export const TransactionStatus = z
  .enum(["ACCC", "ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "ACWP", "RCVD", "PDNG", "RJCT", "CANC", "ACFC", "PATC", "PART"])
  .meta({ id: "transactionStatus", description: "ISO 20022 payment status." });

export const PsuMessage = z.string().max(500).meta({ id: "psuMessageText" });

export const AuthenticationObject = z
  .object({
    authenticationType: z.string().max(35),
    authenticationVersion: z.string().max(35).optional(),
    authenticationMethodId: z.string().max(35),
    name: z.string().max(70).optional(),
    explanation: z.string().max(500).optional(),
  })
  .meta({ id: "authenticationObject" });

export const ChallengeData = z
  .object({
    otpMaxLength: z.number().int().min(1).max(64).optional(),
    otpFormat: z.enum(["characters", "integer"]).optional(),
    additionalInformation: z.string().max(512).optional(),
  })
  .meta({ id: "challengeData" });

export const TppMessage = z
  .object({
    category: z.enum(["ERROR", "WARNING"]),
    code: z.string().max(64),
    path: z.string().max(300).optional(),
    text: z.string().max(500).optional(),
  })
  .meta({ id: "tppMessageGeneric" });

/** The NextGenPSD2 error body (`Error4xx_NG_*`): the bank's error handler writes it (domain/berlin-group/bg-errors.ts). */
export const ErrorBody = z
  .object({ tppMessages: z.array(TppMessage).max(50), _links: Links.optional() })
  .meta({ id: "Error_NG", description: "Messages to the TPP: a category and the standard's code (FORMAT_ERROR, CONSENT_INVALID, …)." });

/** A JSON answer with a description. */
export function bgJson<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

const ERROR_TEXT: Record<number, string> = {
  400: "FORMAT_ERROR (a header, parameter or body field is invalid: `path` names it), PARAMETER_NOT_SUPPORTED, SERVICE_INVALID, RESOURCE_UNKNOWN (an account named in the body), SCA_INVALID (a wrong OTP), FUNDS_NOT_AVAILABLE…",
  401: "CERTIFICATE_INVALID / CERTIFICATE_MISSING (the API key, standing in for the TPP's eIDAS certificate), TOKEN_INVALID (a client-credentials token), ROLE_INVALID (the credential lacks the role: a token without this service's scope, a read-only key's change), CONSENT_INVALID, CONSENT_EXPIRED, PSU_CREDENTIALS_INVALID.",
  403: "CONSENT_UNKNOWN (no such consent of this TPP), RESOURCE_UNKNOWN (no such payment or authorisation of this TPP), SERVICE_BLOCKED (the app is suspended, or the account frozen).",
  404: "RESOURCE_UNKNOWN: no such account in this sandbox.",
  405: "SERVICE_INVALID, or CANCELLATION_INVALID (the payment can no longer be cancelled).",
  409: "STATUS_INVALID: the resource is not in a state that allows it (an authorisation already finalised, a consent already rejected).",
  429: "ACCESS_EXCEEDED: the consent's `frequencyPerDay` is used up for today (sandbox clock), or the key's quota.",
};

/** The error answers an operation can give, each with the NextGenPSD2 body (`tppMessages`). */
export function bgErrors(statuses: readonly (400 | 401 | 403 | 404 | 405 | 409 | 429)[]) {
  return Object.fromEntries(statuses.map((status) => [status, bgJson(ERROR_TEXT[status], ErrorBody)])) as Record<
    number,
    ReturnType<typeof bgJson<typeof ErrorBody>>
  >;
}

const BooleanHeader = z.enum(["true", "false"]);

/** PSU-IP-Address: the PSU's address as the TPP saw it (IPv4 or IPv6). */
export const PsuIpAddress = z
  .union([z.ipv4(), z.ipv6()])
  .describe("The IP address of the PSU's request to the TPP. Required where the PSU takes part (consent creation, payment initiation).");

/** Headers that steer the SCA (Strong Customer Authentication) of a new consent, payment or authorisation. */
export const ScaHeaders = {
  "psu-id": z
    .string()
    .max(70)
    .optional()
    .describe("The PSU's login at the bank: `user_<persona>`, e.g. `user_good_credit`. Needed for EMBEDDED (or given in the next step)."),
  "tpp-redirect-preferred": BooleanHeader.optional().describe(
    "`true` (or absent): REDIRECT, the bank's page at `_links.scaRedirect`. `false`: EMBEDDED (or DECOUPLED with `TPP-Decoupled-Preferred: true`).",
  ),
  "tpp-decoupled-preferred": BooleanHeader.optional().describe(
    "`true`: DECOUPLED. The PSU approves in the bank's app, which the sandbox control `POST /v1/sandbox/berlin-group/authorisations/{authorisationId}` stands in for.",
  ),
  "tpp-redirect-uri": z
    .url()
    .max(2048)
    .optional()
    .describe(
      "Where the bank's page sends the PSU back. Required for REDIRECT, and it must be one of the redirect URIs registered with the app's OAuth client (exact match).",
    ),
  "tpp-nok-redirect-uri": z
    .url()
    .max(2048)
    .optional()
    .describe("Where the page sends the PSU when the authorisation fails or is refused (else TPP-Redirect-URI). Must be registered too."),
  "tpp-explicit-authorisation-preferred": BooleanHeader.optional().describe(
    "`true`: no authorisation is started with the resource; start one with `POST …/authorisations`.",
  ),
};

export const PsuIpHeaders = { "psu-ip-address": PsuIpAddress };

/** Consent-ID of an account call: the TPP's `valid` account-information consent. */
export const ConsentIdHeader = {
  "consent-id": z.string().min(1).max(64).describe("The id of a `valid` consent of this TPP (from `POST /v1/consents`)."),
};

export const ConsentIdParams = z.object({ consentId: z.string().min(1).max(64) });
export const AuthorisationParams = z.object({ consentId: z.string().min(1).max(64), authorisationId: z.string().min(1).max(64) });
