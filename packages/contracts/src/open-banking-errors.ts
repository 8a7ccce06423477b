/**
 * UK Open Banking Read/Write API 4.0: its error vocabulary, shared by the portal's gateway (its own
 * refusals on /open-banking/v4.0) and the bank's UK routes, so both write the same body.
 *
 * The body is `OBErrorResponse1`: `Errors` (at least one `OBError1`) plus an optional `Id`; the
 * top-level `Code` and `Message` are deprecated in 4.0 and never written. An `OBError1`'s
 * `ErrorCode` is an `OBExternalStatusReason1Code`: four characters (the documents' schema says
 * `minLength: 4, maxLength: 4`). Version 3's `UK.OBIE.*` names became the `U0xx` codes below
 * (OpenBankingUK/External_Internal_CodeSets, OB_Internal_CodeSet, code set
 * OBExternalStatusReason1Code); the ISO 20022 status reasons in the same set (AM04 and so on) say
 * why a payment could not be made. `name` keeps the 3.x name so a reader knows the code.
 *
 * Only 400, 403 and 500 answers have a body in the 4.0 documents: 401, 404, 405, 406, 415 and 429
 * have none (a 401 says why in `WWW-Authenticate`, a 429 when to retry in `Retry-After`). Every
 * answer, error or not, carries `x-fapi-interaction-id`.
 */

export type ObErrorInfo = {
  /** The 3.x name (`UK.OBIE.…`) or the ISO 20022 name. */
  name: string;
  /** The HTTP status the code set pairs the code with; null where it names none (ISO reasons). */
  status: number | null;
  description: string;
};

/** The codes the sandbox uses. Add codes from the same code set when a route needs one. */
export const OB_ERROR_CODES = {
  U000: { name: "UK.OBIE.UnexpectedError", status: 500, description: "Something unexpected went wrong at the bank." },
  U001: {
    name: "UK.OBIE.Field.Expected",
    status: 400,
    description: "A field is required in combination with another field's value; Path names it.",
  },
  U002: {
    name: "UK.OBIE.Field.Invalid",
    status: 400,
    description: "A field's value is invalid or longer than the bank accepts; Path names it.",
  },
  U003: { name: "UK.OBIE.Field.InvalidDate", status: 400, description: "A date is invalid, e.g. in the past where the future is expected." },
  U004: { name: "UK.OBIE.Field.Missing", status: 400, description: "A mandatory field is missing; Path names it." },
  U005: {
    name: "UK.OBIE.Field.Unexpected",
    status: 400,
    description: "A field is present where another field's value rules it out; Path names it.",
  },
  U006: { name: "UK.OBIE.Header.Invalid", status: 400, description: "An HTTP header has an invalid value; Path names the header." },
  U007: { name: "UK.OBIE.Header.Missing", status: 400, description: "A required HTTP header is missing; Path names the header." },
  U008: {
    name: "UK.OBIE.Resource.ConsentMismatch",
    status: 400,
    description: "The payment order does not match its consent (Initiation or Risk differ); Path names the field.",
  },
  U009: {
    name: "UK.OBIE.Resource.InvalidConsentStatus",
    status: 400,
    description: "The consent's status does not allow this request (e.g. not authorised, rejected, consumed).",
  },
  U010: {
    name: "UK.OBIE.Resource.InvalidFormat",
    status: 400,
    description: "The body does not match the endpoint's schema.",
  },
  U011: { name: "UK.OBIE.Resource.NotFound", status: 400, description: "No resource with the given id exists." },
  U012: { name: "UK.OBIE.Rules.AfterCutOffDateTime", status: 400, description: "The request arrived after the cut-off date and time." },
  U013: { name: "UK.OBIE.Rules.DuplicateReference", status: 400, description: "The reference was already used." },
  U014: {
    name: "UK.OBIE.Rules.FailsControlParameters",
    status: 400,
    description: "The payment breaches a limit set by the consent's control parameters (VRP).",
  },
  U015: {
    name: "UK.OBIE.Signature.Invalid",
    status: 400,
    description: "The x-jws-signature is well formed but does not verify.",
  },
  U016: {
    name: "UK.OBIE.Signature.InvalidClaim",
    status: 400,
    description: "A JOSE header claim of the x-jws-signature has an invalid value (e.g. an unknown kid); Path names it.",
  },
  U017: {
    name: "UK.OBIE.Signature.MissingClaim",
    status: 400,
    description: "A mandatory JOSE header claim of the x-jws-signature is missing; Path names it.",
  },
  U018: { name: "UK.OBIE.Signature.Malformed", status: 400, description: "The x-jws-signature cannot be parsed as a JWS." },
  U019: { name: "UK.OBIE.Signature.Missing", status: 400, description: "The request needs an x-jws-signature and has none." },
  U020: {
    name: "UK.OBIE.Signature.Unexpected",
    status: 400,
    description: "The request carries an x-jws-signature where none is expected.",
  },
  U021: {
    name: "UK.OBIE.Unsupported.AccountIdentifier",
    status: 400,
    description: "The account identifier is not supported for its scheme.",
  },
  U022: {
    name: "UK.OBIE.Unsupported.AccountSecondaryIdentifier",
    status: 400,
    description: "The secondary account identifier is not supported for its scheme.",
  },
  U023: { name: "UK.OBIE.Unsupported.Currency", status: 400, description: "The currency is not supported." },
  U024: { name: "UK.OBIE.Unsupported.EventType", status: 400, description: "The event type is not supported." },
  U025: { name: "UK.OBIE.Unsupported.Frequency", status: 400, description: "The frequency is not supported." },
  U026: { name: "UK.OBIE.Unsupported.LocalInstrument", status: 400, description: "The local instrument is not supported." },
  U027: { name: "UK.OBIE.Unsupported.Scheme", status: 400, description: "The identification scheme is not supported." },
  U028: { name: "UK.OBIE.Reauthenticate", status: 403, description: "The customer must authenticate again." },
  U029: {
    name: "UK.OBIE.Rules.ResourceAlreadyExists",
    status: 409,
    description: "A resource with the same parameters exists, or its state does not allow the operation.",
  },
  U042: {
    name: "UK.OBIE.OtherReason",
    status: null,
    description: "A reason that cannot be determined or disclosed.",
  },
  // ISO 20022 status reasons (same code set): why access or a payment was refused.
  AG01: { name: "TransactionForbidden", status: null, description: "The transaction is forbidden on this type of account." },
  AG08: { name: "InvalidAccessRights", status: null, description: "The caller's access rights are invalid or missing." },
  AC06: { name: "BlockedAccount", status: null, description: "The account is blocked: nothing can be posted to it." },
  AM02: { name: "NotAllowedAmount", status: null, description: "The amount is greater than the allowed maximum." },
  AM04: { name: "InsufficientFunds", status: null, description: "The funds available do not cover the amount." },
  AM05: { name: "Duplication", status: null, description: "The payment duplicates an earlier one." },
} as const satisfies Record<string, ObErrorInfo>;

export type ObErrorCode = keyof typeof OB_ERROR_CODES;

/** One `OBError1`. */
export type ObError = { ErrorCode: ObErrorCode; Message?: string; Path?: string; Url?: string };

/** `OBErrorResponse1` as 4.0 has it (the deprecated `Code` and `Message` left out). */
export type ObErrorResponse = { Id?: string; Errors: [ObError, ...ObError[]] };

/** The content type of a UK error body, as the documents name it. */
export const OB_ERROR_CONTENT_TYPE = "application/json; charset=utf-8";

/** The documents' limits: Id ≤ 40, Message and Path ≤ 500 characters. */
const LIMITS = { Id: 40, Message: 500, Path: 500 } as const;

const clip = (value: string, max: number) => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

/**
 * An `OBErrorResponse1` body, within the documents' limits (long texts are cut, never refused).
 *
 *   obErrorBody({ id: requestId, errors: [{ code: "U009", message: "Consent cns_1 is Consumed.", path: "Data.ConsentId" }] })
 */
export function obErrorBody(options: {
  /** A reference for the error instance (the sandbox's request id). */
  id?: string;
  errors: { code: ObErrorCode; message?: string; path?: string; url?: string }[];
}): ObErrorResponse {
  if (options.errors.length === 0) throw new Error("OBErrorResponse1 needs at least one error.");
  const errors = options.errors.map(({ code, message, path, url }): ObError => {
    if (!(code in OB_ERROR_CODES)) throw new Error(`Unknown OBExternalStatusReason1Code ${code}.`);
    return {
      ErrorCode: code,
      ...(message ? { Message: clip(message, LIMITS.Message) } : {}),
      ...(path ? { Path: clip(path, LIMITS.Path) } : {}),
      ...(url ? { Url: url } : {}),
    };
  }) as ObErrorResponse["Errors"];
  return { ...(options.id ? { Id: clip(options.id, LIMITS.Id) } : {}), Errors: errors };
}
