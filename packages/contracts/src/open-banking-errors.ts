/**
 * UK Open Banking Read/Write API 4.0 errors (OBErrorResponse1), written the same way by the
 * portal's gateway (its own refusals) and the bank (everything else).
 *
 * 4.0 makes `Errors[].ErrorCode` a 4-character code (`OBExternalStatusReason1Code`: minLength 4,
 * maxLength 4). The values are OBL's own assignment, from its code set (OpenBankingUK/
 * External_Internal_CodeSets, OB_Internal_CodeSet.csv, code set OBExternalStatusReason1Code, which
 * pairs each U-code with its v3 name and HTTP status), plus the ISO 20022 status reasons the same
 * set carries (AM04 and so on) for why access or a payment was refused. The v3 names
 * (`UK.OBIE.Field.Missing`, …) are what integrators search for, so each code here is keyed by its
 * name, and every `Message` starts with it.
 */
export const obErrorCodes = {
  "UK.OBIE.UnexpectedError": "U000",
  "UK.OBIE.Field.Expected": "U001",
  "UK.OBIE.Field.Invalid": "U002",
  "UK.OBIE.Field.InvalidDate": "U003",
  "UK.OBIE.Field.Missing": "U004",
  "UK.OBIE.Field.Unexpected": "U005",
  "UK.OBIE.Header.Invalid": "U006",
  "UK.OBIE.Header.Missing": "U007",
  "UK.OBIE.Resource.ConsentMismatch": "U008",
  "UK.OBIE.Resource.InvalidConsentStatus": "U009",
  "UK.OBIE.Resource.InvalidFormat": "U010",
  "UK.OBIE.Resource.NotFound": "U011",
  "UK.OBIE.Rules.AfterCutOffDateTime": "U012",
  "UK.OBIE.Rules.DuplicateReference": "U013",
  "UK.OBIE.Rules.FailsControlParameters": "U014",
  "UK.OBIE.Signature.Invalid": "U015",
  "UK.OBIE.Signature.InvalidClaim": "U016",
  "UK.OBIE.Signature.MissingClaim": "U017",
  "UK.OBIE.Signature.Malformed": "U018",
  "UK.OBIE.Signature.Missing": "U019",
  "UK.OBIE.Signature.Unexpected": "U020",
  "UK.OBIE.Unsupported.AccountIdentifier": "U021",
  "UK.OBIE.Unsupported.AccountSecondaryIdentifier": "U022",
  "UK.OBIE.Unsupported.Currency": "U023",
  "UK.OBIE.Unsupported.EventType": "U024",
  "UK.OBIE.Unsupported.Frequency": "U025",
  "UK.OBIE.Unsupported.LocalInstrument": "U026",
  "UK.OBIE.Unsupported.Scheme": "U027",
  "UK.OBIE.Reauthenticate": "U028",
  "UK.OBIE.Rules.ResourceAlreadyExists": "U029",
  "UK.OBIE.OtherReason": "U042",
  // Query parameters have no code of their own in the set: a parameter is a field (Invalid, Missing, Unexpected).
  "UK.OBIE.Parameter.Invalid": "U002",
  "UK.OBIE.Parameter.Missing": "U004",
  "UK.OBIE.Parameter.Unexpected": "U005",
  // ISO 20022 status reasons of the same code set (named as ISO names them).
  InsufficientFunds: "AM04",
  InvalidAccessRights: "AG08",
  BlockedAccount: "AC06",
  TransactionForbidden: "AG01",
  NotAllowedAmount: "AM02",
  // The set has no UK.OBIE name for it: a payment the funds do not cover is ISO's InsufficientFunds.
  "UK.OBIE.Rules.InsufficientFunds": "AM04",
} as const;

export type ObErrorName = keyof typeof obErrorCodes;

/** One entry of `Errors`: the name is kept at the head of `Message`. */
export type ObErrorDetail = { name: ObErrorName; message: string; path?: string; url?: string };

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The OBErrorResponse1 body: `Id` is the request's id (for support), `Code` and `Message` the
 * deprecated summary the schema still carries, `Errors` the details (at least one). Lengths are
 * held to the schema's bounds (Id 40, Code 40, Message 500).
 */
export function obErrorBody(options: { status: number; id: string; message: string; errors: ObErrorDetail[] }) {
  const errors = options.errors.length ? options.errors : [{ name: "UK.OBIE.UnexpectedError" as const, message: options.message }];
  return {
    Code: cut(`${options.status} ${REASONS[options.status] ?? "Error"}`, 40),
    Id: cut(options.id, 40),
    Message: cut(options.message, 500),
    Errors: errors.map((error) => ({
      ErrorCode: obErrorCodes[error.name],
      Message: cut(`${error.name}: ${error.message}`, 500),
      ...(error.path ? { Path: cut(error.path, 500) } : {}),
      ...(error.url ? { Url: error.url } : {}),
    })),
  };
}

/**
 * The UK documents give these answers no body (their `401Error`, `404Error`, `405Error`,
 * `406Error`, `415Error` and `429Error` responses have no content): the reason goes in
 * `WWW-Authenticate`'s `error_description` for a 401, the wait in `Retry-After` for a 429. Only
 * 400, 403 and 500 (and the statuses the documents do not know, 409, 413, 502, 504) carry an OBErrorResponse1.
 */
export const OB_BODYLESS_STATUSES: ReadonlySet<number> = new Set([401, 404, 405, 406, 415, 429]);

/** The content type of a UK error body, as the documents name it. */
export const OB_ERROR_CONTENT_TYPE = "application/json; charset=utf-8";
