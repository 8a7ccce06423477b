import { z } from "zod";
import { CATEGORY_PURPOSE_CODES, CREDITOR_REFERENCE_TYPE_CODES, DOCUMENT_TYPE_CODES, PURPOSE_CODES } from "./ob-code-sets";
import { ActiveOrHistoricCurrencyCode, CountryCode, ISODateTime, OBPostalAddress7, OBProxy1, obRisk1, text } from "./ob-common";

/**
 * Building blocks of the UK Open Banking 4.0 Payment Initiation API, as its document
 * (uk-ob-payment-initiation-4.0.yaml) defines them: the same names, bounds, patterns and code sets,
 * objects closed (`additionalProperties: false` there, strict here). What every UK API defines alike
 * (OBPostalAddress7, OBProxy1, OBStatusReason, OBRisk1's fields, …) is in ob-common.ts. None carries
 * a registry id: the operation-level schemas (OBWrite…) do, so each standard's document names what
 * is its own.
 */

const Lei = text(1, 20).regex(/^[0-9]{4}[0]{2}[A-Z0-9]{12}[0-9]{2}/);

/** `OBActiveOrHistoricCurrencyAndAmount`: a decimal string of up to 13 digits and 5 decimals. */
export const ObAmount = z.strictObject({
  Amount: z
    .string()
    .regex(/^\d{1,13}$|^\d{1,13}\.\d{1,5}$/)
    .describe("A decimal string; the currency's precision is checked too (`0.001` GBP is refused)."),
  Currency: ActiveOrHistoricCurrencyCode,
});

const SchemeName = z
  .string()
  .min(1)
  .max(40)
  .describe(
    "`OBInternalAccountIdentification4Code`. The sandbox's accounts answer to `UK.OBIE.SortCodeAccountNumber` (sort code + account number, 14 digits) and `UK.OBIE.IBAN`.",
  );

/** `DebtorAccount` of an initiation. */
export const ObDebtorAccount = z.strictObject({
  SchemeName,
  Identification: text(1, 256),
  Name: text(1, 350).optional(),
  SecondaryIdentification: text(1, 34).optional(),
  Proxy: OBProxy1.optional(),
});

/** `CreditorAccount` of an initiation: a name is required. */
export const ObCreditorAccount = z.strictObject({
  SchemeName,
  Identification: text(1, 256),
  Name: text(1, 350).describe("The beneficiary's name. `AML HIT` is rejected by the sandbox's sanctions screening (`RJCT`, `RR04`)."),
  SecondaryIdentification: text(1, 34).optional(),
  Proxy: OBProxy1.optional(),
});

/** `CreditorAgent`. */
export const ObCreditorAgent = z.strictObject({
  SchemeName: text(1, 40).optional(),
  Identification: text(1, 35).optional(),
  Name: text(1, 140).optional(),
  LEI: Lei.optional(),
  PostalAddress: OBPostalAddress7.optional(),
});

/** `OBUltimateCreditor1` / `OBUltimateDebtor1`. */
export const ObUltimateParty = z.object({
  Name: text(1, 140).optional(),
  Identification: text(1, 256).optional(),
  LEI: Lei.optional(),
  SchemeName: text(1, 40).optional(),
  PostalAddress: OBPostalAddress7.optional(),
});

/** `OBRegulatoryReporting1`. */
export const ObRegulatoryReporting = z.object({
  DebitCreditReportingIndicator: z.enum(["CRED", "DEBT", "BOTH"]).optional(),
  Authority: z.object({ Name: text(1, 140).optional(), CountryCode: CountryCode.optional() }).optional(),
  Details: z
    .array(
      z.object({
        Type: text(1, 35).optional(),
        Date: ISODateTime.optional(),
        Country: CountryCode.optional(),
        Amount: ObAmount.optional(),
        Information: z.array(text(1, 35)).max(10).optional(),
      }),
    )
    .max(10)
    .optional(),
});

/** `OBRemittanceInformation2`. */
export const ObRemittanceInformation = z.object({
  Structured: z
    .array(
      z.object({
        ReferredDocumentInformation: z
          .array(
            z.object({
              Code: z.enum(DOCUMENT_TYPE_CODES).optional(),
              Issuer: text(1, 35).optional(),
              Number: text(1, 35).optional(),
              RelatedDate: ISODateTime.optional(),
              LineDetails: z.array(text(0, 2048)).max(20).optional(),
            }),
          )
          .max(20)
          .optional(),
        ReferredDocumentAmount: z.number().int().min(-2147483648).max(2147483647).optional(),
        CreditorReferenceInformation: z
          .object({
            Code: z.enum(CREDITOR_REFERENCE_TYPE_CODES).optional(),
            Issuer: text(1, 35).optional(),
            Reference: text(1, 35).optional(),
          })
          .optional(),
        Invoicer: text(1, 256).optional(),
        Invoicee: text(1, 256).optional(),
        TaxRemittance: text(1, 140).optional(),
        AdditionalRemittanceInformation: z.array(text(1, 140)).max(3).optional(),
      }),
    )
    .max(10)
    .optional(),
  Unstructured: z
    .array(text(1, 140))
    .max(10)
    .optional()
    .describe("The first line (its first 35 characters) is the payment's reference on both statements."),
});

/** `OBSupplementaryData1`: anything, kept as sent. */
export const ObSupplementaryData = z.record(z.string().max(128), z.unknown());

/** `OBRisk1`: purpose codes from the ISO lists. */
export const ObRisk = obRisk1({ payment: z.enum(PURPOSE_CODES), category: z.enum(CATEGORY_PURPOSE_CODES) });

/** `Authorisation` of a consent request. */
export const ObAuthorisation = z.strictObject({
  AuthorisationType: z.enum(["Any", "Single"]),
  CompletionDateTime: ISODateTime.optional().describe("The consent must be authorised by then; the sandbox expires it then."),
});

/** `OBSCASupportData1`. */
export const ObScaSupportData = z.object({
  RequestedSCAExemptionType: z
    .enum(["BillPayment", "ContactlessTravel", "EcommerceGoods", "EcommerceServices", "Kiosk", "Parking", "PartyToParty"])
    .optional(),
  AppliedAuthenticationApproach: z.enum(["CA", "SCA"]).optional(),
  ReferencePaymentOrderId: text(1, 40).optional(),
});

/** `LocalInstrument` (`OBInternalLocalInstrument1Code`). */
export const ObLocalInstrument = z
  .string()
  .min(1)
  .max(50)
  .describe(
    "`OBInternalLocalInstrument1Code`. The sandbox pays `UK.OBIE.FPS` (the default), `UK.OBIE.CHAPS` and `UK.OBIE.Paym` at once, `UK.OBIE.BACS` a day later (settlement on the sandbox clock).",
  );

/** `Charges` entries. */
export const ObCharge = z.strictObject({
  ChargeBearer: z.enum(["BorneByCreditor", "BorneByDebtor", "FollowingServiceLevel", "Shared"]),
  Type: z.string().min(1).max(50),
  Amount: ObAmount,
});

/** `OBCashAccountDebtor4`: the account the customer paid from, when the consent asked to read it. */
export const ObDebtor = z.object({
  SchemeName: z.string().optional(),
  Identification: z.string().optional(),
  Name: z.string().optional(),
  SecondaryIdentification: z.string().optional(),
  LEI: Lei.optional(),
});

/** `Links`. */
export const ObLinks = z.strictObject({
  Self: z.url(),
  First: z.url().optional(),
  Prev: z.url().optional(),
  Next: z.url().optional(),
  Last: z.url().optional(),
});

/** `Meta`. */
export const ObMeta = z.strictObject({
  TotalPages: z.number().int().optional(),
  FirstAvailableDateTime: ISODateTime.optional(),
  LastAvailableDateTime: ISODateTime.optional(),
});

/** `OBErrorResponse1`: every refusal with a body (401 and 404 have none). */
export const ObErrorResponse = z.strictObject({
  Id: text(1, 40).optional(),
  Code: text(1, 40).optional(),
  Message: text(1, 500).optional(),
  Errors: z
    .array(
      z.strictObject({
        ErrorCode: text(4, 4).describe("`OBInternalErrorResponseError1Code`; the UK.OBIE name heads `Message`."),
        Message: text(1, 500).optional(),
        Path: text(1, 500).optional(),
        Url: z.string().optional(),
      }),
    )
    .min(1),
});

/** The request headers every operation reads (FAPI and the UK profile). */
export const ObRequestHeaders = {
  "x-fapi-auth-date": z
    .string()
    .regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)$/)
    .optional()
    .describe("When the customer last logged in with you (RFC 7231 date). Accepted, not used."),
  "x-fapi-customer-ip-address": z
    .string()
    .max(64)
    .optional()
    .describe("The customer's address, when they are present. Accepted, not used."),
  "x-fapi-interaction-id": z.string().max(64).optional().describe("A correlation id (RFC 4122 UUID), echoed; made up when absent."),
  "x-customer-user-agent": z.string().max(512).optional().describe("The customer's user agent. Accepted, not used."),
  "x-jws-signature": z.string().max(8192).optional().describe("A detached JWS of the body: checked when the app turns message signing on."),
};

export const ObHeaders = z.looseObject(ObRequestHeaders);

/** Payment-initiation POSTs: `x-idempotency-key` as the profile defines it. */
export const ObIdempotentHeaders = z.looseObject({
  ...ObRequestHeaders,
  "x-idempotency-key": z
    .string()
    .max(40)
    .regex(/^(?!\s)(.*)(\S)$/, "must not start or end with white space")
    .describe(
      "Required, at most 40 characters, kept 24 hours: the same key with the same body gets the same answer (the resource is made once, however many requests race); the same key with another body is a 400 `UK.OBIE.Header.Invalid`.",
    ),
});

/** An OBErrorResponse1 answer for the document. */
export const obError = (description: string) => ({ description, content: { "application/json": { schema: ObErrorResponse } } });

/**
 * The refusals with a body every payment-initiation operation can give, with what each means here.
 * A 401 (no valid token, the reason in `WWW-Authenticate`) and a 429 (`Retry-After`) have none, as
 * the standard's document says.
 */
export function obErrorResponses(own: { 409?: string } = {}) {
  return {
    400: obError(
      "`UK.OBIE.Field.*`/`Header.*` (the request does not fit the schema), `UK.OBIE.Resource.NotFound` (no such id for your app), `UK.OBIE.Resource.InvalidConsentStatus` (the consent is not `AUTH`, has expired, or was used), `UK.OBIE.Resource.ConsentMismatch` (the payment differs from its consent), `UK.OBIE.Rules.InsufficientFunds`, `UK.OBIE.Unsupported.*`. Every answer, refusals included, carries `x-fapi-interaction-id` and the bank's `x-jws-signature`.",
    ),
    403: obError(
      "`UK.OBIE.Resource.ConsentMismatch`: the token may not make this call (a customer's token where the app's is needed or the reverse, a token without scope `payments`, or the token of another consent).",
    ),
    ...(own[409] ? { 409: obError(own[409]) } : {}),
    500: obError("`UK.OBIE.UnexpectedError`: `Sandbox-Scenario: internal_error`, or a fault."),
  };
}

/** A success answer of the standard (JSON; with `x-fapi-interaction-id` and the bank's detached `x-jws-signature`). */
export function obResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}

/** The schema of a payment-initiation create: `x-idempotency-key` required, 201 with the resource, or the standard's refusals. */
export function obCreateSchema<T extends z.ZodType>(operation: {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  body: z.ZodType;
  created: string;
  resource: T;
  errors?: Parameters<typeof obErrorResponses>[0];
}) {
  const { created, resource, errors, ...rest } = operation;
  return { ...rest, headers: ObIdempotentHeaders, response: { 201: obResponse(created, resource), ...obErrorResponses(errors) } };
}
