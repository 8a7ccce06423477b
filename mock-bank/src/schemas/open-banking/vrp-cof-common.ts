import { z } from "zod";
import { CREDITOR_REFERENCE_TYPE_CODES, VRP_DOCUMENT_TYPE_CODES } from "./ob-code-sets";
import { ActiveOrHistoricCurrencyCode, CountryCode, ISODateTime, OBPostalAddress7, OBProxy1, obRisk1, text } from "./ob-common";

/**
 * Building blocks of the VRP and Confirmation of Funds documents (uk-ob-vrp-4.0.yaml,
 * uk-ob-confirmation-funds-4.0.yaml) as these two bound them; what every UK API defines alike is
 * in ob-common.ts. They carry no `meta({ id })`: the payment-initiation surface defines the same
 * names, and two zod schemas with one id cannot be converted together. Names follow the official
 * documents.
 */

/** Up to 13 digits and 5 decimals, as the standard writes amounts; the currency's own precision is checked after. */
export const OBActiveCurrencyAndAmount_SimpleType = z
  .string()
  .max(19)
  .regex(/^\d{1,13}$|^\d{1,13}\.\d{1,5}$/)
  .describe("A decimal amount in the currency's major unit, e.g. `10.50`.");

export const OBActiveOrHistoricCurrencyAndAmount = z.object({
  Amount: OBActiveCurrencyAndAmount_SimpleType,
  Currency: ActiveOrHistoricCurrencyCode,
});

/** The scheme names the documents list (OBInternalAccountIdentification4Code); the sandbox pays and debits two of them. */
export const ACCOUNT_SCHEMES = [
  "UK.OBIE.BBAN",
  "UK.OBIE.IBAN",
  "UK.OBIE.PAN",
  "UK.OBIE.Paym",
  "UK.OBIE.SortCodeAccountNumber",
  "UK.OBIE.Wallet",
] as const;

export const SchemeName = text(1, 40).describe(
  "`UK.OBIE.SortCodeAccountNumber` (sort code + account number, 14 digits) or `UK.OBIE.IBAN`; other schemes are `UK.OBIE.Unsupported.Scheme`.",
);

export const OBCashAccountDebtorWithName = z.object({
  SchemeName,
  Identification: text(1, 256),
  Name: text(1, 70),
  SecondaryIdentification: text(1, 34).optional(),
  Proxy: OBProxy1.optional(),
});

export const OBCashAccountCreditor3 = z.object({
  SchemeName,
  Identification: text(1, 256),
  Name: text(1, 70),
  SecondaryIdentification: text(1, 34).optional(),
  Proxy: OBProxy1.optional(),
});

const Party = z.object({
  Name: text(1, 140).optional(),
  Identification: text(1, 256).optional(),
  LEI: text(1, 20).optional(),
  SchemeName: text(1, 40).optional(),
  PostalAddress: OBPostalAddress7.optional(),
});

export const OBUltimateCreditor1 = Party;
export const OBUltimateDebtor1 = Party;

const OBRemittanceInformationStructured = z.object({
  ReferredDocumentInformation: z
    .array(
      z.object({
        Code: z.enum(VRP_DOCUMENT_TYPE_CODES).optional(),
        Issuer: text(1, 35).optional(),
        Number: text(1, 35).optional(),
        RelatedDate: ISODateTime.optional(),
        LineDetails: z.array(text(0, 1024)).max(100).optional(),
      }),
    )
    .max(100)
    .optional(),
  ReferredDocumentAmount: z.number().int().min(-2_147_483_648).max(2_147_483_647).optional(),
  CreditorReferenceInformation: z
    .object({
      Code: z.enum(CREDITOR_REFERENCE_TYPE_CODES).optional(),
      Issuer: text(1, 35).optional(),
      Reference: text(1, 35).optional(),
    })
    .optional(),
  Invoicer: text(0, 256).optional(),
  Invoicee: text(0, 256).optional(),
  TaxRemittance: text(1, 140).optional(),
  AdditionalRemittanceInformation: z.array(text(1, 140)).max(3).optional(),
});

export const OBRemittanceInformation2 = z.object({
  Structured: z.array(OBRemittanceInformationStructured).max(100).optional(),
  Unstructured: z.array(text(1, 140)).max(100).optional(),
});

export const OBRegulatoryReporting1 = z.object({
  DebitCreditReportingIndicator: z.enum(["CRED", "DEBT", "BOTH"]).optional(),
  Authority: z
    .object({
      Name: text(1, 140).optional(),
      CountryCode: CountryCode.optional(),
    })
    .optional(),
  Details: z
    .array(
      z.object({
        Type: text(1, 35).optional(),
        Date: ISODateTime.optional(),
        Country: CountryCode.optional(),
        Amount: OBActiveOrHistoricCurrencyAndAmount.optional(),
        Information: z.array(text(1, 35)).max(100).optional(),
      }),
    )
    .max(100)
    .optional(),
});

/** Four capitals or digits: the ISO purpose codes (the documents' enumerations are long; the sandbox does not act on them). */
const IsoCode = z.string().regex(/^[A-Z0-9]{4}$/);

export const OBRisk1 = obRisk1({ payment: IsoCode, category: IsoCode });

export const Links = z.object({
  Self: z.url().max(2048),
  First: z.url().max(2048).optional(),
  Prev: z.url().max(2048).optional(),
  Next: z.url().max(2048).optional(),
  Last: z.url().max(2048).optional(),
});

/** The UK error body (OBErrorResponse1): `ErrorCode` is the 4.0 four-character code, `Message` starts with the UK.OBIE name. */
export const OBErrorResponse1 = z.strictObject({
  Id: text(1, 40).optional(),
  Code: text(1, 40).optional(),
  Message: text(1, 500).optional(),
  Errors: z
    .array(
      z.strictObject({
        ErrorCode: z.string().min(4).max(4),
        Message: text(1, 500).optional(),
        Path: text(1, 500).optional(),
        Url: z.string().max(2048).optional(),
      }),
    )
    .min(1)
    .max(50),
});

/** The request headers every UK operation takes (the gateway turns `Authorization` into its own). */
export const ObRequestHeaders = z.object({
  "x-fapi-auth-date": z
    .string()
    .max(40)
    .regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)$/)
    .optional()
    .describe("When the PSU last logged in with the TPP (RFC 7231 date)."),
  "x-fapi-customer-ip-address": z.string().max(64).optional().describe("The PSU's IP address, when the PSU is present."),
  "x-fapi-interaction-id": z.string().max(64).optional().describe("Correlation id; echoed (a UUID is made when absent)."),
  "x-customer-user-agent": z.string().max(1024).optional().describe("The PSU's user agent."),
});

/** POSTs that create a resource also take the idempotency key and a detached signature of the body. */
export const ObIdempotentHeaders = ObRequestHeaders.extend({
  "x-idempotency-key": z
    .string()
    .max(40)
    .describe("Required: the same key and body within 24 hours gets the same resource back (at most 40 characters)."),
  "x-jws-signature": z
    .string()
    .max(8192)
    .optional()
    .describe("Detached JWS of the body; checked by the gateway when the app turns message signing on."),
});

export const obJson = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

/** An answer without a body (204 after a delete, 401, 405): documented as `null`, never serialised. */
export const obBodyless = (description: string) => z.null().describe(description);

/** The error answers every UK operation documents, with their OBErrorResponse1 bodies (401 has none). */
export function obErrorResponses(own: { 409?: string } = {}) {
  return {
    400: obJson(
      "Bad request: the body, a header or a rule of the standard (UK.OBIE.Field.*, Header.*, Resource.*, Rules.*; `Path` names the field). An unknown id is a 400 UK.OBIE.Resource.NotFound, as the profile says.",
      OBErrorResponse1,
    ),
    401: obBodyless("The access token is missing, unknown or expired (no body; `WWW-Authenticate` says why)."),
    403: obJson("The token may not make this call: the wrong kind of token or scope, or another consent's resource.", OBErrorResponse1),
    ...(own[409] ? { 409: obJson(own[409], OBErrorResponse1) } : {}),
    500: obJson("Something went wrong on the bank's side (UK.OBIE.UnexpectedError).", OBErrorResponse1),
  };
}
