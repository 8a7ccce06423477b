import { z } from "zod";
import { ActiveOrHistoricCurrencyCode, ISODateTime, OBPostalAddress7, OBStatusReason, text } from "./ob-common";
import {
  Links,
  OBActiveCurrencyAndAmount_SimpleType,
  OBActiveOrHistoricCurrencyAndAmount,
  OBCashAccountCreditor3,
  OBCashAccountDebtorWithName,
  OBRegulatoryReporting1,
  OBRemittanceInformation2,
  OBRisk1,
  OBUltimateCreditor1,
  OBUltimateDebtor1,
} from "./vrp-cof-common";

/**
 * UK Open Banking 4.0 Variable Recurring Payments (uk-ob-vrp-4.0.yaml): the request and answer
 * bodies of domestic-vrp-consents and domestic-vrps, named as the document names them.
 */

export const OBVRPConsentType = z.enum(["UK.OBIE.VRPType.Sweeping", "UK.OBIE.VRPType.Other"]);
export const OBVRPAuthenticationMethods = z.enum(["UK.OBIE.SCA", "UK.OBIE.SCANotRequired"]);
export const OBVRPInteractionTypes = z.enum(["InSession", "OffSession"]);

export const PERIOD_TYPES = ["Day", "Week", "Fortnight", "Month", "Half-year", "Year"] as const;

export const OBDomesticVRPPeriodicLimit = z.object({
  PeriodType: z.enum(PERIOD_TYPES),
  PeriodAlignment: z
    .enum(["Consent", "Calendar"])
    .describe(
      "`Consent`: periods start on the consent's creation date; `Calendar`: they follow the calendar (ISO weeks from Monday, months, half-years from January and July, years), the first one pro-rated to the days left in it. `Fortnight` is `Consent` only.",
    ),
  Amount: OBActiveCurrencyAndAmount_SimpleType,
  Currency: ActiveOrHistoricCurrencyCode,
});

/**
 * What the sandbox reads in `ControlParameters.SupplementaryData` (the standard lets the ASPSP
 * define it): a limit over the consent's whole life, which 4.0's control parameters lack.
 */
export const VrpSupplementaryData = z.strictObject({
  MaximumCumulativeAmount: OBActiveOrHistoricCurrencyAndAmount.optional().describe(
    "Sandbox extension: the most all payments under the consent may add up to, over its whole life.",
  ),
  MaximumCumulativeNumberOfPayments: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe("Sandbox extension: the most payments the consent may make, over its whole life."),
});

export const OBDomesticVRPControlParameters = z
  .object({
    ValidFromDateTime: ISODateTime.optional().describe("No payment before this time (sandbox clock)."),
    ValidToDateTime: ISODateTime.optional().describe("No payment from this time on: the consent is then `EXPD` (sandbox clock)."),
    MaximumIndividualAmount: OBActiveOrHistoricCurrencyAndAmount.describe("The most one payment may be."),
    PeriodicLimits: z
      .array(OBDomesticVRPPeriodicLimit)
      .min(1)
      .max(12)
      .describe("The most all payments in each period may add up to; every limit holds."),
    VRPType: z.array(OBVRPConsentType).min(1).max(2),
    PSUAuthenticationMethods: z.array(OBVRPAuthenticationMethods).min(1).max(2),
    PSUInteractionTypes: z.array(OBVRPInteractionTypes).max(2).optional(),
    SupplementaryData: VrpSupplementaryData.optional().describe(
      "The sandbox understands `MaximumCumulativeAmount` and `MaximumCumulativeNumberOfPayments` (limits over the consent's whole life); anything else is refused, as the standard asks.",
    ),
  })
  .meta({ id: "OBDomesticVRPControlParameters" });

export const OBDomesticVRPInitiation = z
  .object({
    DebtorAccount: OBCashAccountDebtorWithName.optional().describe(
      "The account to pay from, if the TPP knows it: the customer then cannot pick another at the bank.",
    ),
    CreditorAccount: OBCashAccountCreditor3.optional().describe("The payee; when absent, each payment's Instruction names it."),
    CreditorPostalAddress: OBPostalAddress7.optional(),
    UltimateCreditor: OBUltimateCreditor1.optional(),
    UltimateDebtor: OBUltimateDebtor1.optional(),
    RemittanceInformation: OBRemittanceInformation2.optional(),
    RegulatoryReporting: z.array(OBRegulatoryReporting1).max(10).optional(),
  })
  .meta({ id: "OBDomesticVRPInitiation" });

export const OBDomesticVRPConsentRequest = z
  .object({
    Data: z.object({
      ReadRefundAccount: z.enum(["Yes", "No"]).optional(),
      ControlParameters: OBDomesticVRPControlParameters,
      Initiation: OBDomesticVRPInitiation,
    }),
    Risk: OBRisk1,
  })
  .meta({ id: "OBDomesticVRPConsentRequest" });

export type VrpConsentRequest = z.infer<typeof OBDomesticVRPConsentRequest>;

export const VrpConsentStatus = z
  .enum(["AWAU", "RJCT", "AUTH", "CANC", "EXPD"])
  .describe(
    "AWAU awaiting the customer, AUTH authorised (VRP consents stay authorised), RJCT refused, CANC deleted or revoked, EXPD past ValidToDateTime.",
  );

export const OBDomesticVRPConsentResponse = z
  .object({
    Data: z.object({
      ReadRefundAccount: z.enum(["Yes", "No"]).optional(),
      ConsentId: text(1, 128),
      CreationDateTime: ISODateTime,
      Status: VrpConsentStatus,
      StatusReason: z.array(OBStatusReason).max(10).optional(),
      StatusUpdateDateTime: ISODateTime,
      ControlParameters: OBDomesticVRPControlParameters,
      Initiation: OBDomesticVRPInitiation,
      DebtorAccount: OBCashAccountDebtorWithName.optional().describe("The account the customer authorised, once authorised."),
    }),
    Risk: OBRisk1,
    Links,
    Meta: z.object({}),
  })
  .meta({ id: "OBDomesticVRPConsentResponse" });

export type VrpConsentResponse = z.infer<typeof OBDomesticVRPConsentResponse>;

export const OBVRPFundsConfirmationRequest = z
  .object({
    Data: z.object({
      ConsentId: text(1, 128),
      Reference: text(1, 35).optional(),
      InstructedAmount: OBActiveOrHistoricCurrencyAndAmount,
    }),
  })
  .meta({ id: "OBVRPFundsConfirmationRequest" });

export const OBVRPFundsConfirmationResponse = z
  .object({
    Data: z.object({
      FundsConfirmationId: text(1, 40),
      ConsentId: text(1, 128),
      CreationDateTime: ISODateTime,
      Reference: text(1, 35).optional(),
      FundsAvailableResult: z
        .object({ FundsAvailableDateTime: ISODateTime, FundsAvailable: z.enum(["Available", "NotAvailable"]) })
        .meta({ id: "OBPAFundsAvailableResult1" }),
      InstructedAmount: OBActiveOrHistoricCurrencyAndAmount,
    }),
  })
  .meta({ id: "OBVRPFundsConfirmationResponse" });

export const OBDomesticVRPInstruction = z
  .object({
    InstructionIdentification: text(1, 35),
    EndToEndIdentification: text(1, 35),
    RemittanceInformation: OBRemittanceInformation2.optional(),
    LocalInstrument: text(1, 50).optional().describe("`UK.OBIE.FPS` (Faster Payments), the only instrument the sandbox pays VRPs with."),
    InstructedAmount: OBActiveOrHistoricCurrencyAndAmount,
    CreditorPostalAddress: OBPostalAddress7.optional(),
    CreditorAccount: OBCashAccountCreditor3,
    UltimateCreditor: OBUltimateCreditor1.optional(),
    SupplementaryData: z.record(z.string().max(128), z.unknown()).optional(),
  })
  .meta({ id: "OBDomesticVRPInstruction" });

export const OBDomesticVRPRequest = z
  .object({
    Data: z.object({
      ConsentId: text(1, 128),
      PSUAuthenticationMethod: OBVRPAuthenticationMethods,
      PSUInteractionType: OBVRPInteractionTypes.optional(),
      VRPType: OBVRPConsentType,
      Initiation: OBDomesticVRPInitiation,
      Instruction: OBDomesticVRPInstruction,
    }),
    Risk: OBRisk1,
  })
  .meta({ id: "OBDomesticVRPRequest" });

export type VrpPaymentRequest = z.infer<typeof OBDomesticVRPRequest>;

export const VrpPaymentStatus = z.enum([
  "RCVD",
  "RJCT",
  "CANC",
  "PDNG",
  "ACTC",
  "ACCP",
  "ACFC",
  "ACSP",
  "ACWC",
  "ACSC",
  "ACWP",
  "ACCC",
  "BLCK",
]);

export const OBDomesticVRPResponse = z
  .object({
    Data: z.object({
      DomesticVRPId: text(1, 40),
      ConsentId: text(1, 128),
      CreationDateTime: ISODateTime,
      Status: VrpPaymentStatus.describe(
        "ACSC once the debtor account is debited (Faster Payments settle at once), RJCT for a declined payment.",
      ),
      StatusReason: z.array(OBStatusReason).max(10).optional(),
      StatusUpdateDateTime: ISODateTime,
      ExpectedExecutionDateTime: ISODateTime.optional(),
      ExpectedSettlementDateTime: ISODateTime.optional(),
      Refund: OBCashAccountDebtorWithName.optional(),
      Initiation: OBDomesticVRPInitiation,
      Instruction: OBDomesticVRPInstruction,
      DebtorAccount: OBCashAccountDebtorWithName.optional(),
    }),
    Risk: OBRisk1,
    Links,
    Meta: z.object({}),
  })
  .meta({ id: "OBDomesticVRPResponse" });

export type VrpPaymentResponse = z.infer<typeof OBDomesticVRPResponse>;

export const OBDomesticVRPDetails = z
  .object({
    Data: z.object({
      PaymentStatus: z
        .array(
          z.object({
            PaymentTransactionId: text(1, 210),
            Status: VrpPaymentStatus,
            StatusUpdateDateTime: ISODateTime,
            StatusDetail: z
              .object({
                LocalInstrument: text(1, 50).optional(),
                Status: text(1, 128),
                StatusReason: text(1, 64).optional(),
                StatusReasonDescription: text(1, 256).optional(),
              })
              .optional(),
          }),
        )
        .max(10)
        .optional(),
    }),
  })
  .meta({ id: "OBDomesticVRPDetails" });

export const ConsentIdParams = z.object({ ConsentId: text(1, 128).describe("The consent's id (`cns_…`).") });
export const DomesticVrpIdParams = z.object({ DomesticVRPId: text(1, 128).describe("The payment's id (`pay_…`).") });
