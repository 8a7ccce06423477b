import type { AppError, FieldError } from "@openbank/contracts/errors";
import { OB_BODYLESS_STATUSES, obErrorBody, type ObErrorName } from "@openbank/contracts/open-banking-errors";

/**
 * The UK surface's errors: thrown as AppError with one of our codes (or `ObError` for a rule only
 * the standard has), answered as OBErrorResponse1 with the UK.OBIE name the standard gives.
 */
export class ObError extends Error {
  constructor(
    readonly status: number,
    readonly code: ObErrorName,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** Our codes → the UK name a TPP expects (anything unlisted is by its status). */
const NAMES: Record<string, ObErrorName> = {
  validation_failed: "UK.OBIE.Field.Invalid",
  malformed_json: "UK.OBIE.Resource.InvalidFormat",
  unsupported_media_type: "UK.OBIE.Header.Invalid",
  resource_not_found: "UK.OBIE.Resource.NotFound",
  consent_not_found: "UK.OBIE.Resource.NotFound",
  account_not_found: "UK.OBIE.Resource.NotFound",
  insufficient_scope: "UK.OBIE.Resource.ConsentMismatch",
  consent_account_not_granted: "UK.OBIE.Resource.ConsentMismatch",
  consent_expired: "UK.OBIE.Resource.InvalidConsentStatus",
  consent_revoked: "UK.OBIE.Resource.InvalidConsentStatus",
  idempotency_key_reused: "UK.OBIE.Header.Invalid",
  idempotency_key_in_flight: "UK.OBIE.Rules.ResourceAlreadyExists",
  idempotency_key_required: "UK.OBIE.Header.Missing",
  insufficient_funds: "UK.OBIE.Rules.InsufficientFunds",
  invalid_beneficiary: "UK.OBIE.Field.Invalid",
  currency_mismatch: "UK.OBIE.Unsupported.Currency",
};

/** Where an invalid field is (the pointer's root) → its UK name, for validation failures. */
const POINTER_NAMES: Record<string, ObErrorName> = { headers: "UK.OBIE.Header.Invalid", query: "UK.OBIE.Parameter.Invalid" };

const byStatus = (status: number): ObErrorName =>
  status === 403 ? "UK.OBIE.Resource.ConsentMismatch" : status >= 500 ? "UK.OBIE.UnexpectedError" : "UK.OBIE.Field.Invalid";

/** A JSON pointer of ours (`/body/Data/Initiation/InstructedAmount`) → the standard's path (`Data.Initiation.InstructedAmount`). */
const toPath = (field: FieldError) => field.pointer.split("/").slice(2).join(".") || undefined;

export type ObAnswer = { status: number; headers: Record<string, string>; body: ReturnType<typeof obErrorBody> | null };

export function obErrorAnswer(error: AppError | ObError, options: { requestId: string; docsUrl: string }): ObAnswer {
  if (error instanceof ObError) {
    const body = obErrorBody({
      status: error.status,
      id: options.requestId,
      message: error.message,
      errors: [{ name: error.code, message: error.message, path: error.path, url: options.docsUrl }],
    });
    return { status: error.status, headers: {}, body: OB_BODYLESS_STATUSES.has(error.status) ? null : body };
  }
  // The UK documents define no 422: a refusal of the request (insufficient funds, a reused
  // idempotency key, a creditor we cannot pay) is the profile's 400 Bad Request.
  const status = error.status === 422 ? 400 : error.status;
  const headers = { ...(error.headers ?? {}) };
  if (status === 401) {
    const challenge = headers["www-authenticate"] ?? 'Bearer realm="open-banking", error="invalid_token"';
    headers["www-authenticate"] = `${challenge}, error_description="${error.message.replaceAll('"', "'")}"`;
  }
  if (OB_BODYLESS_STATUSES.has(status)) return { status, headers, body: null };
  const named = NAMES[error.code] ?? byStatus(status);
  // An invalid header or query parameter is named as such (UK.OBIE.Header.Invalid, .Parameter.Invalid).
  const name = (field: FieldError): ObErrorName =>
    named !== "UK.OBIE.Field.Invalid" ? named : (POINTER_NAMES[field.pointer.split("/")[1]] ?? named);
  const fields = error.errors?.length ? error.errors : [{ pointer: "", detail: error.message }];
  return {
    status,
    headers,
    body: obErrorBody({
      status,
      id: options.requestId,
      message: error.message,
      errors: fields.map((field) => ({
        name: name(field),
        message: field.pointer ? `${toPath(field) ?? field.pointer}: ${field.detail}` : field.detail,
        path: toPath(field),
        url: options.docsUrl,
      })),
    }),
  };
}
