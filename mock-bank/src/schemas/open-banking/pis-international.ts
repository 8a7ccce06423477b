import { z } from "zod";
import { CurrencyCode, ISODateTime, OBPostalAddress7 } from "./ob-common";
import { ObLinks, ObMeta, ObRisk } from "./pis-common";
import { consentData, consentHeadFields, ConsentStatus, initiationFields, paymentOrderFields, PaymentOrderStatus } from "./pis-domestic";

/**
 * International payments of the UK Open Banking 4.0 Payment Initiation API, priced with the
 * sandbox's FX quotes.
 */

const ChargeBearer = z.enum(["BorneByCreditor", "BorneByDebtor", "FollowingServiceLevel", "Shared"]);

const RequestedExchangeRate = z
  .strictObject({
    UnitCurrency: CurrencyCode,
    ExchangeRate: z.number().optional(),
    RateType: z.enum(["Actual", "Agreed", "Indicative"]),
    ContractIdentification: z.string().min(1).max(256).optional(),
  })
  .describe(
    "`Actual` or `Indicative`: the sandbox quotes a firm rate when the consent is staged and holds it until the consent's CutOffDateTime. `Agreed` rates (a contract agreed beforehand) are not offered.",
  );

/** `Initiation` of an international payment. */
export const ObInternationalInitiation = z.strictObject({
  ...initiationFields,
  InstructedAmount: initiationFields.InstructedAmount.describe(
    "What to pay: in the debtor account's currency (the beneficiary gets what it buys), or in `CurrencyOfTransfer` (the beneficiary gets exactly this; the debit is priced to buy it).",
  ),
  CreditorAccount: initiationFields.CreditorAccount.describe("The beneficiary: a non-GB IBAN (`UK.OBIE.IBAN`), with its check digits."),
  InstructionPriority: z.enum(["Normal", "Urgent"]).optional(),
  ExtendedPurpose: z.string().min(1).max(140).optional(),
  ChargeBearer: ChargeBearer.optional().describe("The sandbox's FX fee is borne by the debtor: `BorneByDebtor` (or leave it out)."),
  CurrencyOfTransfer: CurrencyCode.describe("The currency the beneficiary receives: EUR, USD, CHF, SEK, NOK, DKK, PLN, JPY, CAD or AUD."),
  DestinationCountryCode: z
    .string()
    .regex(/^[A-Z]{2,2}$/)
    .optional(),
  ExchangeRateInformation: RequestedExchangeRate.optional(),
  Creditor: z
    .strictObject({
      Name: z.string().min(1).max(350).optional(),
      LEI: z
        .string()
        .min(1)
        .max(20)
        .regex(/^[0-9]{4}[0]{2}[A-Z0-9]{12}[0-9]{2}/)
        .optional(),
      PostalAddress: OBPostalAddress7.optional(),
    })
    .optional(),
});
export type ObInternationalInitiationInput = z.infer<typeof ObInternationalInitiation>;

/** The rate the bank gives: the sandbox's FX quote behind the consent. */
export const ObExchangeRateInformation = z.strictObject({
  UnitCurrency: CurrencyCode.describe("The debtor account's currency: 1 unit of it buys `ExchangeRate` units of CurrencyOfTransfer."),
  ExchangeRate: z.number(),
  RateType: z.enum(["Actual", "Agreed", "Indicative"]),
  ContractIdentification: z.string().min(1).max(256).optional().describe("The sandbox's FX quote (`fxq_…`), also readable through /v1."),
  ExpirationDateTime: ISODateTime.optional(),
});

export const ObWriteInternationalConsent = z
  .strictObject({ Data: z.strictObject({ ...consentData, Initiation: ObInternationalInitiation }), Risk: ObRisk })
  .meta({ id: "OBWriteInternationalConsent5", description: "An international payment consent to stage for the customer to authorise." });

export const ObWriteInternationalConsentResponse = z
  .strictObject({
    Data: z.strictObject({
      ...consentHeadFields,
      Status: ConsentStatus,
      ExchangeRateInformation: ObExchangeRateInformation.optional(),
      ...consentData,
      Initiation: ObInternationalInitiation,
    }),
    Risk: ObRisk,
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteInternationalConsentResponse6" });

export const ObWriteInternational = z
  .strictObject({ Data: z.strictObject({ ConsentId: z.string().min(1).max(128), Initiation: ObInternationalInitiation }), Risk: ObRisk })
  .meta({ id: "OBWriteInternational3" });

export const ObWriteInternationalResponse = z
  .strictObject({
    Data: z.strictObject({
      InternationalPaymentId: z.string().min(1).max(40),
      ...paymentOrderFields,
      Status: PaymentOrderStatus.exclude(["RCVD", "CANC"]),
      ExchangeRateInformation: ObExchangeRateInformation.optional(),
      Initiation: ObInternationalInitiation,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteInternationalResponse5" });

/** `Initiation` of an international scheduled payment: dated, EndToEndIdentification optional. */
export const ObInternationalScheduledInitiation = z.strictObject({
  ...ObInternationalInitiation.shape,
  EndToEndIdentification: initiationFields.EndToEndIdentification.optional(),
  RequestedExecutionDateTime: ISODateTime.describe(
    "When the money leaves the debtor account, on the sandbox clock; in the future, at most a year ahead. The rate is the one quoted when the consent was staged.",
  ),
});
export type ObInternationalScheduledInitiationInput = z.infer<typeof ObInternationalScheduledInitiation>;

export const ObWriteInternationalScheduledConsent = z
  .strictObject({
    Data: z.strictObject({ Permission: z.literal("Create"), ...consentData, Initiation: ObInternationalScheduledInitiation }),
    Risk: ObRisk,
  })
  .meta({ id: "OBWriteInternationalScheduledConsent5", description: "An international scheduled (future-dated) payment consent." });

export const ObWriteInternationalScheduledConsentResponse = z
  .strictObject({
    Data: z.strictObject({
      ...consentHeadFields,
      Status: ConsentStatus,
      Permission: z.literal("Create"),
      ExchangeRateInformation: ObExchangeRateInformation.optional(),
      ...consentData,
      Initiation: ObInternationalScheduledInitiation,
    }),
    Risk: ObRisk,
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteInternationalScheduledConsentResponse6" });

export const ObWriteInternationalScheduled = z
  .strictObject({
    Data: z.strictObject({ ConsentId: z.string().min(1).max(128), Initiation: ObInternationalScheduledInitiation }),
    Risk: ObRisk,
  })
  .meta({ id: "OBWriteInternationalScheduled3" });

export const ObWriteInternationalScheduledResponse = z
  .strictObject({
    Data: z.strictObject({
      InternationalScheduledPaymentId: z.string().min(1).max(40),
      ...paymentOrderFields,
      Status: PaymentOrderStatus.exclude(["RCVD", "CANC"]),
      ExchangeRateInformation: ObExchangeRateInformation.optional(),
      Initiation: ObInternationalScheduledInitiation,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteInternationalScheduledResponse6" });
