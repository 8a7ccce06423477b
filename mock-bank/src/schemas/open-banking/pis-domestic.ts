import { z } from "zod";
import { ISODateTime, OBPostalAddress7, OBStatusReason, text } from "./ob-common";
import {
  ObAmount,
  ObAuthorisation,
  ObCharge,
  ObCreditorAccount,
  ObCreditorAgent,
  ObDebtor,
  ObDebtorAccount,
  ObLinks,
  ObLocalInstrument,
  ObMeta,
  ObRegulatoryReporting,
  ObRemittanceInformation,
  ObRisk,
  ObScaSupportData,
  ObSupplementaryData,
  ObUltimateParty,
} from "./pis-common";

/**
 * Domestic payments (single immediate, and scheduled) of the UK Open Banking 4.0 Payment
 * Initiation API: consents, payment orders, payment details and funds confirmation.
 */

export const initiationFields = {
  InstructionIdentification: text(1, 35).describe("Your id of the instruction, unique for you."),
  EndToEndIdentification: text(1, 35).describe("Your end-to-end id, passed along the payment chain."),
  LocalInstrument: ObLocalInstrument.optional(),
  InstructedAmount: ObAmount.describe("What to pay, in GBP (the sandbox's domestic payments). `666.66` is rejected (`RJCT`, `AM04`)."),
  DebtorAccount: ObDebtorAccount.optional().describe(
    "The account to pay from, if you know it: the customer then confirms it rather than choosing one. It must be one of your sandbox's accounts.",
  ),
  CreditorAgent: ObCreditorAgent.optional(),
  CreditorAccount: ObCreditorAccount,
  CreditorPostalAddress: OBPostalAddress7.optional(),
  UltimateCreditor: ObUltimateParty.optional(),
  UltimateDebtor: ObUltimateParty.optional(),
  RegulatoryReporting: z.array(ObRegulatoryReporting).max(10).optional(),
  RemittanceInformation: ObRemittanceInformation.optional(),
  SupplementaryData: ObSupplementaryData.optional(),
};

/** `Initiation` of a domestic payment (OBWriteDomesticConsent4 / OBWriteDomestic2). */
export const ObDomesticInitiation = z.strictObject(initiationFields);
export type ObDomesticInitiationInput = z.infer<typeof ObDomesticInitiation>;

/** `Initiation` of a domestic scheduled payment: EndToEndIdentification optional, RequestedExecutionDateTime required. */
export const ObDomesticScheduledInitiation = z.strictObject({
  ...initiationFields,
  EndToEndIdentification: initiationFields.EndToEndIdentification.optional(),
  RequestedExecutionDateTime: ISODateTime.describe(
    "When the money leaves the debtor account, on the sandbox clock (advance it with `POST /v1/sandbox/clock/advance`). In the future, at most a year ahead.",
  ),
});
export type ObDomesticScheduledInitiationInput = z.infer<typeof ObDomesticScheduledInitiation>;

export const consentData = {
  ReadRefundAccount: z.enum(["No", "Yes"]).optional().describe("`Yes`: the payment's answers carry the refund account (the debtor's)."),
  Authorisation: ObAuthorisation.optional(),
  SCASupportData: ObScaSupportData.optional(),
};

export const ObWriteDomesticConsent = z
  .strictObject({ Data: z.strictObject({ ...consentData, Initiation: ObDomesticInitiation }), Risk: ObRisk })
  .meta({ id: "OBWriteDomesticConsent4", description: "A domestic payment consent to stage for the customer to authorise." });

export const ObWriteDomesticScheduledConsent = z
  .strictObject({
    Data: z.strictObject({ Permission: z.literal("Create"), ...consentData, Initiation: ObDomesticScheduledInitiation }),
    Risk: ObRisk,
  })
  .meta({ id: "OBWriteDomesticScheduledConsent4", description: "A domestic scheduled (future-dated) payment consent." });

/** The head of every consent answer. */
export const consentHeadFields = {
  ConsentId: text(1, 128),
  CreationDateTime: ISODateTime,
  StatusReason: z.array(OBStatusReason).optional(),
  StatusUpdateDateTime: ISODateTime,
  CutOffDateTime: ISODateTime.optional().describe("The consent must be used (the payment submitted) by then, on the sandbox clock."),
  ExpectedExecutionDateTime: ISODateTime.optional(),
  ExpectedSettlementDateTime: ISODateTime.optional(),
  Charges: z.array(ObCharge).optional(),
  Debtor: ObDebtor.optional().describe("The account the customer chose to pay from, once authorised."),
};

export const ConsentStatus = z
  .enum(["AWAU", "RJCT", "AUTH", "COND"])
  .describe("`AWAU` awaiting authorisation, `AUTH` authorised, `COND` consumed by its payment, `RJCT` rejected, revoked or expired.");

export const ObWriteDomesticConsentResponse = z
  .strictObject({
    Data: z.strictObject({ ...consentHeadFields, Status: ConsentStatus, ...consentData, Initiation: ObDomesticInitiation }),
    Risk: ObRisk,
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteDomesticConsentResponse5" });

export const ObWriteDomesticScheduledConsentResponse = z
  .strictObject({
    Data: z.strictObject({
      ...consentHeadFields,
      Status: ConsentStatus,
      Permission: z.literal("Create"),
      ...consentData,
      Initiation: ObDomesticScheduledInitiation,
    }),
    Risk: ObRisk,
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteDomesticScheduledConsentResponse5" });

export const ObWriteDomestic = z
  .strictObject({ Data: z.strictObject({ ConsentId: text(1, 128), Initiation: ObDomesticInitiation }), Risk: ObRisk })
  .meta({
    id: "OBWriteDomestic2",
    description: "The payment order of an authorised consent: `Initiation` and `Risk` exactly as consented.",
  });

export const ObWriteDomesticScheduled = z
  .strictObject({ Data: z.strictObject({ ConsentId: text(1, 128), Initiation: ObDomesticScheduledInitiation }), Risk: ObRisk })
  .meta({ id: "OBWriteDomesticScheduled2" });

/** The statuses of a payment order (ISO 20022 `ExternalPaymentTransactionStatus1Code`). */
export const PaymentOrderStatus = z
  .enum(["RCVD", "CANC", "PDNG", "ACTC", "PATC", "ACCP", "ACFC", "ACSP", "ACWC", "ACSC", "ACWP", "ACCC", "BLCK", "RJCT"])
  .describe(
    "`ACCC` the beneficiary (one of your sandbox's accounts) was credited; `ACSC` settled and sent on to the beneficiary's bank; `ACSP` in settlement (BACS and international settle a day later on the sandbox clock); `PDNG` scheduled, not yet executed; `RJCT` rejected (see `StatusReason`).",
  );

const orderFields = {
  ConsentId: text(1, 128),
  CreationDateTime: ISODateTime,
  StatusUpdateDateTime: ISODateTime,
  StatusReason: z.array(OBStatusReason).optional(),
  ExpectedExecutionDateTime: ISODateTime.optional(),
  ExpectedSettlementDateTime: ISODateTime.optional(),
  Refund: z
    .strictObject({
      Account: z.strictObject({
        SchemeName: z.string(),
        Identification: text(1, 256),
        Name: text(1, 350),
        SecondaryIdentification: text(1, 34).optional(),
      }),
    })
    .optional(),
  Charges: z.array(ObCharge).optional(),
  Debtor: ObDebtor.optional(),
};

export const paymentOrderFields = orderFields;

export const ObWriteDomesticResponse = z
  .strictObject({
    Data: z.strictObject({
      DomesticPaymentId: text(1, 40),
      ...orderFields,
      Status: PaymentOrderStatus.exclude(["CANC"]),
      Initiation: ObDomesticInitiation,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteDomesticResponse5" });

export const ObWriteDomesticScheduledResponse = z
  .strictObject({
    Data: z.strictObject({
      DomesticScheduledPaymentId: text(1, 40),
      ...orderFields,
      Status: PaymentOrderStatus.exclude(["ACCC"]),
      Initiation: ObDomesticScheduledInitiation,
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteDomesticScheduledResponse5" });

export const ObWritePaymentDetailsResponse = z
  .strictObject({
    Data: z.strictObject({
      PaymentStatus: z
        .array(
          z.strictObject({
            PaymentTransactionId: text(1, 210),
            Status: PaymentOrderStatus.exclude(["RCVD", "CANC"]),
            StatusUpdateDateTime: ISODateTime,
            StatusDetail: z
              .strictObject({
                LocalInstrument: z.string().optional(),
                Status: PaymentOrderStatus.exclude(["RCVD", "CANC"]),
                StatusReason: text(1, 4).optional(),
                StatusReasonDescription: text(1, 256).optional(),
              })
              .optional(),
          }),
        )
        .optional(),
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWritePaymentDetailsResponse1", description: "The payment's status history on the sandbox: each state it reached." });

export const ObWriteFundsConfirmationResponse = z
  .strictObject({
    Data: z.strictObject({
      FundsAvailableResult: z
        .strictObject({
          FundsAvailableDateTime: ISODateTime,
          FundsAvailable: z
            .boolean()
            .describe("Whether the debtor account's available balance (with its arranged overdraft) covers the payment."),
        })
        .optional(),
      SupplementaryData: ObSupplementaryData.optional(),
    }),
    Links: ObLinks.optional(),
    Meta: ObMeta.optional(),
  })
  .meta({ id: "OBWriteFundsConfirmationResponse1" });

export const ConsentIdParams = z.object({ ConsentId: text(1, 128).describe("The consent's id (`cns_…`).") });
