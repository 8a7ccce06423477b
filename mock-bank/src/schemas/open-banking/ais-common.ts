import { z } from "zod";
import { ActiveOrHistoricCurrencyCode, ISODateTime } from "./ob-common";

/**
 * Building blocks of the UK Account and Transaction API 4.0 schemas (uk-ob-account-info-4.0.yaml).
 * Shared names of the UK documents (Links, Meta, OBErrorResponse1) carry no registry id here, so
 * they cannot collide with the payment APIs' copies; the AIS-only schemas carry the official names.
 */

/** OBActiveOrHistoricCurrencyAndAmount: a positive decimal string (the direction is said elsewhere) and the currency. */
export const ObAmount = z.strictObject({
  Amount: z
    .string()
    .regex(/^\d{1,13}$|^\d{1,13}\.\d{1,5}$/)
    .describe("A positive amount: up to 13 digits and 5 decimals."),
  Currency: ActiveOrHistoricCurrencyCode,
});

export const ObCreditDebit = z.enum(["Credit", "Debit"]);

export const ObLinks = z
  .strictObject({
    Self: z.url(),
    First: z.url().optional(),
    Prev: z.url().optional(),
    Next: z.url().optional(),
    Last: z.url().optional(),
  })
  .describe("Links to this resource and, for a paged list, to its other pages.");

export const ObMeta = z
  .strictObject({
    TotalPages: z.number().int().optional(),
    FirstAvailableDateTime: ISODateTime.optional(),
    LastAvailableDateTime: ISODateTime.optional(),
  })
  .describe("Meta data of the answer: the number of pages of a list.");

/** OBErrorResponse1 as the UK documents define it (400, 403 and 500 answers carry it). */
export const ObErrorResponse = z
  .strictObject({
    Code: z.string().min(1).max(40).describe("Deprecated summary: the HTTP status and its reason."),
    Id: z.string().min(1).max(40).describe("The request's id, for support."),
    Message: z.string().min(1).max(500),
    Errors: z
      .array(
        z.strictObject({
          ErrorCode: z.string().min(4).max(4).describe("The 4-character code; the `UK.OBIE.*` name it stands for starts the `Message`."),
          Message: z.string().min(1).max(500),
          Path: z.string().min(1).max(500).optional(),
          Url: z.string().optional(),
        }),
      )
      .min(1),
  })
  .describe("OBErrorResponse1");

/** A scheme name and identification of an account (OBCashAccount…), as every AIS resource writes one. */
export const ObCashAccount = z.strictObject({
  SchemeName: z.string().describe("`UK.OBIE.SortCodeAccountNumber`, `UK.OBIE.IBAN` or `UK.OBIE.PAN` (masked)."),
  Identification: z.string().min(1).max(256),
  Name: z.string().min(1).max(350).optional(),
  SecondaryIdentification: z.string().min(1).max(34).optional(),
});

/** The FAPI headers every UK call may carry (the Authorization header is the gateway's to check). */
export const FapiHeaders = z.looseObject({
  "x-fapi-auth-date": z
    .string()
    .regex(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)$/,
      "must be an RFC 7231 date, e.g. Sun, 10 Sep 2017 19:43:31 UTC",
    )
    .optional()
    .describe("When the customer last logged in with the app (RFC 7231 date)."),
  "x-fapi-customer-ip-address": z.string().max(64).optional().describe("The customer's IP address, when they are present."),
  "x-fapi-interaction-id": z.string().max(64).optional().describe("A correlation id (RFC 4122 UUID), echoed; made when absent."),
  "x-customer-user-agent": z.string().max(512).optional().describe("The customer's user agent, when they are present."),
});

export const AccountIdParams = z.strictObject({ AccountId: z.string().min(1).max(100).describe("An AccountId from GET /accounts.") });
export const ConsentIdParams = z.strictObject({ ConsentId: z.string().min(1).max(128).describe("The ConsentId of the consent.") });
export const StatementIdParams = AccountIdParams.extend({
  StatementId: z.string().min(1).max(100).describe("A StatementId from GET /accounts/{AccountId}/statements."),
});

/**
 * A filter date-time as the AIS documents take it: a date, or a date-time whose zone (if any) is
 * ignored (the filter is in UTC, the zone the sandbox keeps its ledger in).
 */
const FILTER_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const FilterDateTime = z
  .string()
  .max(35)
  .refine(
    (value) => FILTER_DATE_TIME.test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 10)}T00:00:00Z`)),
    "must be an ISO 8601 date or date-time, e.g. 2026-01-01T00:00:00",
  )
  .meta({ format: "date-time" });

/** `page`: the sandbox's paging parameter (the standard leaves its name to the bank); Links carry it. */
const Page = z.coerce.number().int().min(1).max(100_000).optional().describe("The page to read (1 is the first); follow Links.Next.");

export const TransactionsQuery = z.object({
  fromBookingDateTime: FilterDateTime.optional().describe("Transactions booked at or after this instant (UTC; a zone is ignored)."),
  toBookingDateTime: FilterDateTime.optional().describe("Transactions booked at or before this instant (UTC; a zone is ignored)."),
  page: Page,
});

export const StatementsQuery = z.object({
  fromStatementDateTime: FilterDateTime.optional().describe("Statements whose period starts at or after this instant."),
  toStatementDateTime: FilterDateTime.optional().describe("Statements whose period ends at or before this instant."),
});

/** The instant a filter names, its zone dropped as the standard says. */
export function filterInstant(value: string | undefined, end: boolean): Date | undefined {
  if (value === undefined) return undefined;
  const local = value.replace(/(Z|[+-]\d{2}:?\d{2})$/, "");
  if (local.length === 10) return new Date(`${local}T${end ? "23:59:59.999" : "00:00:00.000"}Z`);
  return new Date(`${local}Z`);
}

const JSON_TYPES = ["application/json; charset=utf-8", "application/json"] as const;

/** A UK answer with a body: the document lists JSON with and without the charset. */
export function obJson<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: Object.fromEntries(JSON_TYPES.map((type) => [type, { schema }])) as Record<string, { schema: T }> };
}

/**
 * A UK answer without a body (the documents give 204, 401, 404, 405, 406, 415 and 429 none): a
 * `null` schema, which the OpenAPI document renders as a response without content.
 */
export const bodyless = (description: string) => z.null().describe(description);

/**
 * The error answers of an AIS operation as the document lists them: 400 (an invalid field, header or
 * parameter, an unknown resource id), 401 (the token), 403 (permissions, accounts, consent status),
 * 405, 406 (an Accept the bank cannot answer, e.g. encrypted JSON), 415 (a body that is not JSON),
 * 429 and 500; 404 for the operations the document gives one.
 */
export function obErrorResponses(options: { notFound?: boolean; unsupportedMedia?: boolean } = {}) {
  return {
    400: obJson(
      "Bad request: UK.OBIE.Field.Invalid (a body field), UK.OBIE.Header.Invalid, UK.OBIE.Parameter.Invalid, or UK.OBIE.Resource.NotFound (an id that does not exist for this app).",
      ObErrorResponse,
    ),
    401: bodyless(
      "The access token is missing, unknown or expired, or its consent was revoked (CANC) or has expired (EXPD): the reason is in WWW-Authenticate.",
    ),
    403: obJson(
      "Forbidden: UK.OBIE.Resource.ConsentMismatch (a permission the consent lacks, an account the customer did not choose, a token of the wrong kind or scope) or UK.OBIE.Resource.InvalidConsentStatus (a consent that is not authorised).",
      ObErrorResponse,
    ),
    ...(options.notFound ? { 404: bodyless("No such route.") } : {}),
    405: bodyless("Method not allowed."),
    406: bodyless("The Accept header asks for a representation the bank does not produce (only JSON; no encrypted payloads)."),
    ...(options.unsupportedMedia ? { 415: bodyless("The body is not JSON.") } : {}),
    429: bodyless("Too many requests: wait for Retry-After."),
    500: obJson("Something went wrong on the bank's side (UK.OBIE.UnexpectedError).", ObErrorResponse),
  };
}
