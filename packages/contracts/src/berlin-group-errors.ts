import type { ErrorCode } from "./errors";

/**
 * Berlin Group NextGenPSD2 1.3.11 errors: `{ tppMessages: [{ category, code, path?, text? }] }`
 * (the document's `Error4xx_NG_*` shapes), written the same way by the portal's gateway (its own
 * refusals) and the bank. The codes are the implementation guidelines' message codes (1.3.11 types
 * them as plain strings; the 1.3.x documents before it listed them as enums per status and service,
 * `MessageCode401_AIS` and so on).
 *
 * Which service a path belongs to matters: the document gives a 429 a body only for AIS, and no
 * 5xx a body at all ("no valid message codes"): `bgErrorHasBody` says when to send one. Every
 * answer carries the TPP's `X-Request-ID`.
 */

export const bgMessageCodes = [
  // 400
  "FORMAT_ERROR",
  "PARAMETER_NOT_CONSISTENT",
  "PARAMETER_NOT_SUPPORTED",
  "SERVICE_INVALID",
  "RESOURCE_UNKNOWN",
  "RESOURCE_EXPIRED",
  "RESOURCE_BLOCKED",
  "TIMESTAMP_INVALID",
  "PERIOD_INVALID",
  "SCA_METHOD_UNKNOWN",
  "SCA_INVALID",
  "CONSENT_UNKNOWN",
  "SESSIONS_NOT_SUPPORTED",
  "PAYMENT_FAILED",
  "EXECUTION_DATE_INVALID",
  "PRODUCT_INVALID",
  "FUNDS_NOT_AVAILABLE",
  "CARD_INVALID",
  "NO_PIIS_ACTIVATION",
  // 401
  "CERTIFICATE_INVALID",
  "CERTIFICATE_EXPIRED",
  "CERTIFICATE_BLOCKED",
  "CERTIFICATE_REVOKED",
  "CERTIFICATE_MISSING",
  "ROLE_INVALID",
  "SIGNATURE_INVALID",
  "SIGNATURE_MISSING",
  "CORPORATE_ID_INVALID",
  "PSU_CREDENTIALS_INVALID",
  "CONSENT_INVALID",
  "CONSENT_EXPIRED",
  "TOKEN_UNKNOWN",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  // 403
  "SERVICE_BLOCKED",
  "PRODUCT_UNKNOWN",
  // 405
  "CANCELLATION_INVALID",
  // 406
  "REQUESTED_FORMATS_INVALID",
  // 409
  "STATUS_INVALID",
  // 429
  "ACCESS_EXCEEDED",
  // 2xx messages
  "WARNING",
  "BENEFICIARY_WHITELISTING_REQUIRED",
  // 5xx: not codes of the document, which gives 5xx answers no body (see bgErrorHasBody)
  "INTERNAL_SERVER_ERROR",
  "SERVICE_UNAVAILABLE",
] as const;

export type BgMessageCode = (typeof bgMessageCodes)[number];

export type BgMessage = { code: BgMessageCode; text?: string; path?: string; category?: "ERROR" | "WARNING" };

/**
 * Our error codes (the catalogue's) in NextGenPSD2 terms: the message code, and the status when the
 * standard's differs from ours. The gateway's refusals and the bank's are written from this one
 * table, so both surfaces refuse the same thing the same way.
 *
 * - The app's API key stands in for the TPP's eIDAS certificate (CERTIFICATE_*), an access token is
 *   a token (TOKEN_*). An app holding a portal-issued test certificate gets the certificate's and
 *   the signature's own CERTIFICATE_* / SIGNATURE_* refusals from the gateway's signing check
 *   (lib/gateway/tpp-signature), not from this table.
 * - A credential without the scope or the right to change anything (a read-only key's write, a
 *   client-credentials token without `accounts`) is the TPP lacking the PSD2 role: ROLE_INVALID,
 *   a 401 code in the implementation guidelines (the 1.3.x documents' `MessageCode401_*`), not 403.
 * - SERVICE_BLOCKED (403) is a service blocked for the PSU or the TPP: a suspended app, a frozen
 *   account.
 */
const MESSAGES: Partial<Record<ErrorCode, { code: BgMessageCode; status?: number }>> = {
  validation_failed: { code: "FORMAT_ERROR" },
  malformed_json: { code: "FORMAT_ERROR" },
  unsupported_media_type: { code: "FORMAT_ERROR" },
  payload_too_large: { code: "FORMAT_ERROR" },
  idempotency_key_reused: { code: "FORMAT_ERROR" },
  invalid_beneficiary: { code: "FORMAT_ERROR" },
  resource_not_found: { code: "RESOURCE_UNKNOWN" },
  not_found: { code: "SERVICE_INVALID" },
  method_not_allowed: { code: "SERVICE_INVALID" },
  missing_api_key: { code: "CERTIFICATE_MISSING" },
  invalid_api_key: { code: "CERTIFICATE_INVALID" },
  revoked_api_key: { code: "CERTIFICATE_REVOKED" },
  expired_api_key: { code: "CERTIFICATE_EXPIRED" },
  invalid_token: { code: "TOKEN_INVALID" },
  invalid_dpop_proof: { code: "TOKEN_INVALID" },
  use_dpop_nonce: { code: "TOKEN_INVALID" },
  insufficient_scope: { code: "ROLE_INVALID", status: 401 },
  app_suspended: { code: "SERVICE_BLOCKED" },
  account_frozen: { code: "SERVICE_BLOCKED", status: 403 },
  consent_account_not_granted: { code: "CONSENT_INVALID" },
  consent_expired: { code: "CONSENT_EXPIRED" },
  consent_revoked: { code: "CONSENT_INVALID" },
  insufficient_funds: { code: "FUNDS_NOT_AVAILABLE" },
  currency_mismatch: { code: "PARAMETER_NOT_CONSISTENT" },
  limit_exceeded: { code: "PAYMENT_FAILED" },
  quote_expired: { code: "PAYMENT_FAILED" },
  early_withdrawal_not_allowed: { code: "PAYMENT_FAILED" },
  deposit_not_accepted: { code: "PAYMENT_FAILED" },
  rate_limited: { code: "ACCESS_EXCEEDED" },
};

/** The message code of a status no table entry names. */
function codeByStatus(status: number): BgMessageCode {
  if (status === 401) return "TOKEN_INVALID";
  if (status === 403) return "SERVICE_BLOCKED";
  if (status === 404) return "RESOURCE_UNKNOWN";
  if (status === 409) return "STATUS_INVALID";
  if (status === 429) return "ACCESS_EXCEEDED";
  if (status >= 500) return "INTERNAL_SERVER_ERROR";
  return "FORMAT_ERROR";
}

/** One of our errors (its code and status) as the Berlin Group answers it. NextGenPSD2 has no 422: it is a 400. */
export function bgMessageOf(errorCode: string, status: number): { code: BgMessageCode; status: number } {
  const mapped = (MESSAGES as Record<string, { code: BgMessageCode; status?: number } | undefined>)[errorCode];
  const answered = mapped?.status ?? (status === 422 ? 400 : status);
  return { code: mapped?.code ?? codeByStatus(answered), status: answered };
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The `tppMessages` body; `text` is held to the document's 500 characters. */
export function bgErrorBody(messages: BgMessage[]) {
  return {
    tppMessages: messages.map((message) => ({
      category: message.category ?? "ERROR",
      code: message.code,
      ...(message.path ? { path: message.path } : {}),
      ...(message.text ? { text: cut(message.text, 500) } : {}),
    })),
  };
}

/** The document's service families, which decide some answers' shape. */
export type BgService = "AIS" | "PIS" | "PIIS" | "SBS";

/** The service a Berlin Group path belongs to (`/berlin-group/v1/payments/…`, or without the prefix). */
export function bgServiceOf(path: string): BgService {
  const first =
    path
      .split("?")[0]
      .replace(/^\/berlin-group/, "")
      .replace(/^\/v1/, "")
      .split("/")[1] ?? "";
  if (first === "payments" || first === "bulk-payments" || first === "periodic-payments") return "PIS";
  if (first === "funds-confirmations") return "PIIS";
  if (first === "signing-baskets") return "SBS";
  // consents, accounts, card-accounts (and anything unknown: the most common family)
  return "AIS";
}

/**
 * Whether the document gives an error answer of this status a body on this service: never 408,
 * 415 or 5xx; 406 and 429 only for account information.
 */
export function bgErrorHasBody(status: number, service: BgService): boolean {
  if (status >= 500 || status === 408 || status === 415) return false;
  if (status === 406 || status === 429) return service === "AIS";
  return true;
}

/** The content type of a Berlin Group error body (the NextGenPSD2 form, not problem+json). */
export const BG_ERROR_CONTENT_TYPE = "application/json";
