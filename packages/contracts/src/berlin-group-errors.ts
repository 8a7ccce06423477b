/**
 * Berlin Group NextGenPSD2 1.3.11: its error vocabulary, shared by the portal's gateway (its own
 * refusals on /berlin-group/v1) and the bank's Berlin Group routes, so both write the same body.
 *
 * An error body is `{ "tppMessages": [{ "category": "ERROR", "code": "…", "path"?: "…", "text"?: "…" }] }`
 * (the document's `Error4xx_NG_*` schemas; `text` at most 500 characters). The 1.3.11 document
 * types each status's message code as a plain string; the codes and the statuses they go with are
 * the Implementation Guidelines' list, which the 1.3.x documents before it carried as enums
 * (`MessageCode400_AIS`, `MessageCode401_PIS`, …). The sandbox uses only these.
 *
 * Which service a path belongs to matters: the document gives a 429 a body only for AIS, and no
 * 5xx a body at all ("no valid message codes"), so `bgErrorHasBody` says when to send one.
 * Every answer carries the TPP's `X-Request-ID`.
 */

export type BgMessageCodeInfo = {
  /** The HTTP statuses the guidelines pair the code with (the first is the usual one). */
  statuses: readonly number[];
  description: string;
};

export const BG_MESSAGE_CODES = {
  // 400
  FORMAT_ERROR: { statuses: [400], description: "A request field or header does not have the required format; path names it." },
  PARAMETER_NOT_CONSISTENT: { statuses: [400], description: "Parameters contradict each other (e.g. query and body)." },
  PARAMETER_NOT_SUPPORTED: { statuses: [400], description: "A parameter is not supported by this bank." },
  SERVICE_INVALID: { statuses: [400, 405], description: "The service is not valid for the resource or the data sent." },
  RESOURCE_UNKNOWN: { statuses: [404, 403, 400], description: "The addressed resource is unknown, or not the TPP's." },
  RESOURCE_EXPIRED: { statuses: [403, 400], description: "The addressed resource has expired." },
  RESOURCE_BLOCKED: { statuses: [400], description: "The addressed resource is blocked (e.g. by a concurrent authorisation)." },
  TIMESTAMP_INVALID: { statuses: [400], description: "A timestamp is outside the accepted period." },
  PERIOD_INVALID: { statuses: [400], description: "The requested period is outside the accepted range." },
  SCA_METHOD_UNKNOWN: { statuses: [400], description: "The selected SCA method is unknown." },
  SCA_INVALID: { statuses: [400], description: "The SCA data is invalid (e.g. a wrong OTP)." },
  CONSENT_UNKNOWN: { statuses: [403, 400], description: "The Consent-ID is unknown, or not the TPP's." },
  SESSIONS_NOT_SUPPORTED: { statuses: [400], description: "Combined AIS and PIS sessions are not supported." },
  PAYMENT_FAILED: { statuses: [400], description: "The payment initiation failed at the bank." },
  EXECUTION_DATE_INVALID: { statuses: [400], description: "The requested execution date is not a valid execution date." },
  CARD_INVALID: { statuses: [400], description: "The card number is unknown to the bank or not linked to the account." },
  NO_PIIS_ACTIVATION: { statuses: [400], description: "The account is not enabled for funds confirmation." },
  // 401
  CERTIFICATE_INVALID: { statuses: [401], description: "The TPP's credential (the eIDAS certificate's stand-in) is not valid." },
  CERTIFICATE_EXPIRED: { statuses: [401], description: "The TPP's credential has expired." },
  CERTIFICATE_BLOCKED: { statuses: [401], description: "The TPP's credential is blocked." },
  CERTIFICATE_REVOKED: { statuses: [401], description: "The TPP's credential has been revoked." },
  CERTIFICATE_MISSING: { statuses: [401], description: "The request carries no TPP credential." },
  ROLE_INVALID: { statuses: [401], description: "The TPP's credential does not allow this service." },
  SIGNATURE_INVALID: { statuses: [401], description: "The request's Signature header does not verify." },
  SIGNATURE_MISSING: { statuses: [401], description: "The request needs a Signature header and has none." },
  CORPORATE_ID_INVALID: { statuses: [401], description: "The PSU-Corporate-ID is unknown." },
  PSU_CREDENTIALS_INVALID: { statuses: [401], description: "The PSU's credentials are wrong." },
  CONSENT_INVALID: { statuses: [401], description: "The consent does not cover this access, or is not authorised." },
  CONSENT_EXPIRED: { statuses: [401], description: "The consent has expired." },
  TOKEN_UNKNOWN: { statuses: [401], description: "The OAuth2 access token is unknown." },
  TOKEN_INVALID: { statuses: [401], description: "The OAuth2 access token is not valid for this request." },
  TOKEN_EXPIRED: { statuses: [401], description: "The OAuth2 access token has expired." },
  // 403
  SERVICE_BLOCKED: { statuses: [403], description: "The service is blocked for this TPP or PSU." },
  PRODUCT_INVALID: { statuses: [403], description: "The payment product is not available to the PSU." },
  // 404, 405, 406, 409, 429
  PRODUCT_UNKNOWN: { statuses: [404], description: "The payment product is not supported by the bank." },
  CANCELLATION_INVALID: { statuses: [405], description: "The payment cannot be cancelled (any more)." },
  REQUESTED_FORMATS_INVALID: { statuses: [406], description: "The Accept header asks for a format the bank does not offer." },
  STATUS_INVALID: { statuses: [409], description: "The resource's status does not allow this request." },
  ACCESS_EXCEEDED: { statuses: [429], description: "The allowed number of accesses (e.g. frequencyPerDay) is spent." },
  // Not errors: messages on 2xx answers.
  WARNING: { statuses: [200, 201], description: "A warning that did not stop the request." },
  FUNDS_NOT_AVAILABLE: { statuses: [200], description: "The payment status report: funds were not available." },
  BENEFICIARY_WHITELISTING_REQUIRED: { statuses: [201], description: "The PSU must trust the creditor before the payment runs." },
} as const satisfies Record<string, BgMessageCodeInfo>;

export type BgMessageCode = keyof typeof BG_MESSAGE_CODES;

export type TppMessage = {
  category: "ERROR" | "WARNING";
  code: BgMessageCode;
  /** Where the problem is: a body path or a header name. */
  path?: string;
  text?: string;
};

/** The document's limit on `text`. */
const TEXT_MAX = 500;

/**
 * An error body: `{ tppMessages: [...] }`, `text` cut to the document's 500 characters.
 *
 *   tppMessages({ code: "FORMAT_ERROR", text: "X-Request-ID must be a UUID.", path: "X-Request-ID" })
 */
export function tppMessages(
  ...messages: { code: BgMessageCode; text?: string; path?: string; category?: TppMessage["category"] }[]
): { tppMessages: TppMessage[] } {
  if (messages.length === 0) throw new Error("tppMessages needs at least one message.");
  return {
    tppMessages: messages.map(({ code, text, path, category }) => {
      if (!(code in BG_MESSAGE_CODES)) throw new Error(`Unknown Berlin Group message code ${code}.`);
      return {
        category: category ?? (code === "WARNING" ? "WARNING" : "ERROR"),
        code,
        ...(path ? { path } : {}),
        ...(text ? { text: text.length <= TEXT_MAX ? text : `${text.slice(0, TEXT_MAX - 1)}…` } : {}),
      };
    }),
  };
}

/** The document's service families, which decide some answers' shape. */
export type BgService = "AIS" | "PIS" | "PIIS" | "SBS";

/** The service a Berlin Group path belongs to (after the surface's prefix, e.g. `/payments/…`). */
export function bgServiceOf(path: string): BgService {
  const first = path.split("?")[0].replace(/^\/berlin-group\/v1/, "").split("/")[1] ?? "";
  if (first === "payments" || first === "bulk-payments" || first === "periodic-payments") return "PIS";
  if (first === "funds-confirmations") return "PIIS";
  if (first === "signing-baskets") return "SBS";
  // consents, accounts, card-accounts (and anything unknown: the most common family)
  return "AIS";
}

/** Whether the document gives an error answer of this status a body for this service. */
export function bgErrorHasBody(status: number, service: BgService): boolean {
  if (status >= 500) return false;
  if (status === 429) return service === "AIS";
  return true;
}

/** The content type of a Berlin Group error body (the NextGenPSD2 form, not problem+json). */
export const BG_ERROR_CONTENT_TYPE = "application/json";
