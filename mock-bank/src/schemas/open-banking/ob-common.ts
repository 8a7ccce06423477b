import { z } from "zod";
import { ACCOUNT_TYPE_CODES, ADDRESS_TYPE_CODES, PAYMENT_CONTEXT_CODES, PROXY_ACCOUNT_TYPE_CODES } from "./ob-code-sets";

/**
 * Building blocks the UK Open Banking 4.0 documents define alike (payment initiation, VRP,
 * confirmation of funds, account information), by their official names: written once here, imported
 * by each API's schemas. They carry no `meta({ id })`: the operation-level schemas (OBWrite…,
 * OBRead…) do, so each standard's document names what is its own and inlines these.
 *
 * Blocks the surfaces bound differently today stay with their surface (Links, Meta,
 * OBErrorResponse1, amounts, remittance and regulatory reporting, the request headers): the VRP
 * document's remittance and document codes do differ from the payment initiation one's, and the
 * others change what the published documents say if merged.
 */

export const text = (min: number, max: number) => z.string().min(min).max(max);

/** `ISODateTime`: a date-time with a time zone (`Z` or an offset; the profile requires one in answers). */
export const ISODateTime = z.iso.datetime({ offset: true }).max(35);

export const CountryCode = z.string().regex(/^[A-Z]{2,2}$/);
export const CurrencyCode = z.string().regex(/^[A-Z]{3,3}$/);
export const ActiveOrHistoricCurrencyCode = CurrencyCode.describe("ISO 4217 currency code.");

/** `OBPostalAddress7`. */
export const OBPostalAddress7 = z.strictObject({
  AddressType: z.enum(ADDRESS_TYPE_CODES).optional(),
  Department: text(1, 70).optional(),
  SubDepartment: text(1, 70).optional(),
  StreetName: text(1, 140).optional(),
  BuildingNumber: text(1, 16).optional(),
  BuildingName: text(1, 140).optional(),
  Floor: text(1, 70).optional(),
  UnitNumber: text(1, 16).optional(),
  Room: text(1, 70).optional(),
  PostBox: text(1, 16).optional(),
  TownLocationName: text(1, 140).optional(),
  DistrictName: text(1, 140).optional(),
  CareOf: text(1, 140).optional(),
  PostCode: text(1, 16).optional(),
  TownName: text(1, 140).optional(),
  CountrySubDivision: text(1, 35).optional(),
  Country: CountryCode.optional(),
  AddressLine: z.array(text(1, 70)).max(7).optional(),
});

/** `OBProxy1`. */
export const OBProxy1 = z.object({
  Identification: text(1, 2048),
  Code: z.enum(PROXY_ACCOUNT_TYPE_CODES),
  Type: text(1, 35).optional(),
});

/** `OBStatusReason`. */
export const OBStatusReason = z.object({
  StatusReasonCode: text(1, 4).optional(),
  StatusReasonDescription: text(1, 500).optional(),
  Path: text(1, 500).optional(),
});

/**
 * `OBRisk1`. `purposeCode` checks PaymentPurposeCode and CategoryPurposeCode: the payment initiation
 * API against the ISO lists, VRP and confirmation of funds only their form.
 */
export const obRisk1 = <Payment extends z.ZodType, Category extends z.ZodType>(purposeCode: { payment: Payment; category: Category }) =>
  z.strictObject({
    PaymentContextCode: z.enum(PAYMENT_CONTEXT_CODES).optional(),
    MerchantCategoryCode: text(3, 4).optional(),
    MerchantCustomerIdentification: text(1, 70).optional(),
    ContractPresentIndicator: z.boolean().optional(),
    BeneficiaryPrepopulatedIndicator: z.boolean().optional(),
    PaymentPurposeCode: purposeCode.payment.optional(),
    CategoryPurposeCode: purposeCode.category.optional(),
    BeneficiaryAccountType: z.enum(ACCOUNT_TYPE_CODES).optional(),
    DeliveryAddress: OBPostalAddress7.optional(),
  });
