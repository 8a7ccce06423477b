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
};

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
    status: error.status,
    headers: { ...(error.headers ?? {}) },
    body: bgErrorBody(
      fields
        ? fields.map((field) => ({ code, text: `${field.pointer}: ${field.detail}`, path: field.pointer }))
        : [{ code, text: error.message }],
    ),
  };
}
