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
  consent_not_authorised: "UK.OBIE.Resource.InvalidConsentStatus",
  quote_expired: "UK.OBIE.Rules.AfterCutOffDateTime",
};

/**
 * The UK documents have no 422, and a consent that cannot be used is a 400 there: our refusals of
 * a well-formed request answer 400 with their UK name. Anything unlisted keeps its status.
 */
const STATUSES: Record<string, number> = { consent_not_authorised: 400 };
const ukStatus = (error: AppError) => STATUSES[error.code] ?? (error.status === 422 ? 400 : error.status);

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
  const status = ukStatus(error);
  const headers = { ...(error.headers ?? {}) };
  if (status === 401) {
    const challenge = headers["www-authenticate"] ?? 'Bearer realm="open-banking", error="invalid_token"';
    headers["www-authenticate"] = `${challenge}, error_description="${error.message.replaceAll('"', "'")}"`;
  }
  if (OB_BODYLESS_STATUSES.has(status)) return { status, headers, body: null };
  const given = NAMES[error.code] ?? byStatus(status);
  // The standard's finer names for schema failures: a header's problem is a header's error, a
  // required field left out is Missing, an unknown one Unexpected.
  const name = (field: FieldError): ObErrorName => {
    if (given !== "UK.OBIE.Field.Invalid") return given;
    const missing = /received undefined/.test(field.detail);
    if (field.pointer.startsWith("/headers/")) return missing ? "UK.OBIE.Header.Missing" : "UK.OBIE.Header.Invalid";
    if (field.pointer.startsWith("/query/")) return "UK.OBIE.Parameter.Invalid";
    if (missing) return "UK.OBIE.Field.Missing";
    return field.detail === "is not a known parameter" ? "UK.OBIE.Field.Unexpected" : given;
  };
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
