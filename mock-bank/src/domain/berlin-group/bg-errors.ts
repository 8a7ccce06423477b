import type { AppError } from "@openbank/contracts/errors";
import { bgErrorBody, type BgMessageCode } from "@openbank/contracts/berlin-group-errors";

/**
 * The Berlin Group surface's errors: thrown as AppError with one of our codes, or `BgError` for a
 * rule only the standard has; answered as `{ tppMessages: [...] }` with the standard's codes.
 */
export class BgError extends Error {
  constructor(
    readonly status: number,
    readonly code: BgMessageCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Our codes → the Berlin Group message code (anything unlisted is by its status). */
const CODES: Record<string, BgMessageCode> = {
  validation_failed: "FORMAT_ERROR",
  malformed_json: "FORMAT_ERROR",
  unsupported_media_type: "FORMAT_ERROR",
  resource_not_found: "RESOURCE_UNKNOWN",
  not_found: "SERVICE_INVALID",
  method_not_allowed: "SERVICE_INVALID",
  invalid_token: "TOKEN_INVALID",
  missing_api_key: "CERTIFICATE_MISSING",
  invalid_api_key: "CERTIFICATE_INVALID",
  insufficient_scope: "SERVICE_BLOCKED",
  consent_account_not_granted: "CONSENT_INVALID",
  consent_expired: "CONSENT_EXPIRED",
  consent_revoked: "CONSENT_INVALID",
  insufficient_funds: "FUNDS_NOT_AVAILABLE",
  account_frozen: "SERVICE_BLOCKED",
  invalid_beneficiary: "FORMAT_ERROR",
  currency_mismatch: "PARAMETER_NOT_CONSISTENT",
  limit_exceeded: "PAYMENT_FAILED",
  idempotency_key_reused: "FORMAT_ERROR",
  rate_limited: "ACCESS_EXCEEDED",
  aml_declined: "PAYMENT_FAILED",
  quote_expired: "PAYMENT_FAILED",
  early_withdrawal_not_allowed: "PAYMENT_FAILED",
  deposit_not_accepted: "PAYMENT_FAILED",
};

/**
 * Our JSON pointers as NextGenPSD2 paths: a header as the document spells it ("/headers/psu-ip-address"
 * → "PSU-IP-Address"), a body field dotted ("/body/instructedAmount/amount" → "instructedAmount.amount",
 * "/body/payments/0/creditorName" → "payments[0].creditorName"), a parameter by its name.
 */
function bgPath(pointer: string): string {
  const field = /^\/(body|query|params)\/(.+)$/.exec(pointer)?.[2];
  if (field)
    return field.split("/").reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  const header = /^\/headers\/(.+)$/.exec(pointer)?.[1];
  if (!header) return pointer;
  return header
    .split("-")
    .map((part) => (["id", "ip", "uri", "psu", "tpp", "sca"].includes(part) ? part.toUpperCase() : part[0].toUpperCase() + part.slice(1)))
    .join("-");
}

const byStatus = (status: number): BgMessageCode =>
  status === 401
    ? "TOKEN_INVALID"
    : status === 403
      ? "SERVICE_BLOCKED"
      : status === 404
        ? "RESOURCE_UNKNOWN"
        : status === 409
          ? "STATUS_INVALID"
          : status === 429
            ? "ACCESS_EXCEEDED"
            : status >= 500
              ? "INTERNAL_SERVER_ERROR"
              : "FORMAT_ERROR";

export type BgAnswer = { status: number; headers: Record<string, string>; body: ReturnType<typeof bgErrorBody> };

export function bgErrorAnswer(error: AppError | BgError): BgAnswer {
  if (error instanceof BgError)
    return { status: error.status, headers: {}, body: bgErrorBody([{ code: error.code, text: error.message, path: error.path }]) };
  const code = CODES[error.code] ?? byStatus(error.status);
  const fields = error.errors?.length ? error.errors : null;
  return {
    // NextGenPSD2 has no 422: a request the bank refuses for its content is a 400.
    status: error.status === 422 ? 400 : error.status,
    headers: { ...(error.headers ?? {}) },
    body: bgErrorBody(
      fields
        ? fields.map((field) => ({ code, text: `${bgPath(field.pointer)}: ${field.detail}`, path: bgPath(field.pointer) }))
        : [{ code, text: error.message }],
    ),
  };
}
