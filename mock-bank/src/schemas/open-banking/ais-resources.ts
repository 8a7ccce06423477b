import { z } from "zod";
import { ObAmount, ObCashAccount, ObLinks, ObMeta } from "./ais-common";
import { ISODateTime } from "./ob-common";

/**
 * The AIS resources the sandbox derives from its ledger (beneficiaries, direct debits, standing
 * orders, scheduled payments, statements), the customer (party), the product catalogue (product)
 * and lending (offers): each schema holds the fields the sandbox fills, under the official names.
 */

const envelope = <T extends z.ZodType>(data: T) => ({ Data: data, Links: ObLinks, Meta: ObMeta });
const AccountId = z.string().min(1).max(40);

const Frequency = z.strictObject({
  Type: z
    .enum(["ADHO", "WEEK", "FRTN", "MNTH"])
    .describe("Inferred from the gaps between the payments seen: weekly, fortnightly, monthly, else ad hoc."),
});

const MandateRelatedInformation = z.strictObject({
  MandateIdentification: z.string().min(1).max(35).optional(),
  Classification: z.enum(["FIXE", "VARI"]).optional().describe("FIXE when every payment seen had the same amount, else VARI."),
  RecurringPaymentDateTime: ISODateTime.optional().describe("The next payment expected, from the last one and the frequency."),
  Frequency,
});

export const OBBeneficiary5 = z
  .strictObject({
    AccountId,
    BeneficiaryId: z.string().min(1).max(40),
    BeneficiaryType: z.enum(["Trusted", "Ordinary"]).optional(),
    Reference: z.string().min(1).max(35).optional().describe("The reference of the latest payment to this payee."),
    CreditorAccount: ObCashAccount.optional().describe("ReadBeneficiariesDetail only."),
  })
  .meta({ id: "OBBeneficiary5" });

export const OBReadBeneficiary5 = z
  .strictObject(envelope(z.strictObject({ Beneficiary: z.array(OBBeneficiary5) })))
  .meta({ id: "OBReadBeneficiary5" });

export const OBDirectDebit = z.strictObject({
  AccountId,
  DirectDebitId: z.string().min(1).max(40),
  DirectDebitStatusCode: z
    .enum(["ACTV", "CANC", "EXPI", "SUSP"])
    .optional()
    .describe("ACTV while collections keep coming at their frequency."),
  MandateRelatedInformation,
  Name: z.string().min(1).max(70).describe("The originator: the merchant, else the statement text."),
  PreviousPaymentDateTime: ISODateTime.optional(),
  PreviousPaymentAmount: ObAmount.optional(),
});

export const OBReadDirectDebit2 = z
  .strictObject(envelope(z.strictObject({ DirectDebit: z.array(OBDirectDebit) })))
  .meta({ id: "OBReadDirectDebit2" });

export const OBStandingOrder6 = z
  .strictObject({
    AccountId,
    StandingOrderId: z.string().min(1).max(40),
    NextPaymentDateTime: ISODateTime.optional(),
    LastPaymentDateTime: ISODateTime.optional(),
    StandingOrderStatusCode: z.enum(["ACTV", "CANC", "EXPI", "SUSP"]).optional(),
    NextPaymentAmount: ObAmount.optional(),
    LastPaymentAmount: ObAmount.optional(),
    CreditorAccount: ObCashAccount.optional().describe("ReadStandingOrdersDetail only, when the payee is an account of this bank."),
    MandateRelatedInformation,
    RemittanceInformation: z.strictObject({ Unstructured: z.array(z.string().min(1).max(140)) }).optional(),
  })
  .meta({ id: "OBStandingOrder6" });

export const OBReadStandingOrder6 = z
  .strictObject(envelope(z.strictObject({ StandingOrder: z.array(OBStandingOrder6) })))
  .meta({ id: "OBReadStandingOrder6" });

export const OBScheduledPayment3 = z
  .strictObject({
    AccountId,
    ScheduledPaymentId: z.string().min(1).max(40).describe("The payment's id (`pay_…`), the same as /v1's."),
    ScheduledPaymentDateTime: ISODateTime.describe("When the payment is due to settle."),
    ScheduledType: z.enum(["Arrival", "Execution"]),
    Reference: z.string().min(1).max(35).optional(),
    InstructedAmount: ObAmount,
    CreditorAccount: ObCashAccount.optional().describe("ReadScheduledPaymentsDetail only."),
  })
  .meta({ id: "OBScheduledPayment3" });

export const OBReadScheduledPayment3 = z
  .strictObject(envelope(z.strictObject({ ScheduledPayment: z.array(OBScheduledPayment3) })))
  .meta({ id: "OBReadScheduledPayment3" });

export const OBOffer = z.strictObject({
  AccountId,
  OfferId: z.string().min(1).max(40),
  OfferType: z.enum(["BalanceTransfer", "LimitIncrease", "MoneyTransfer", "Other", "PromotionalRate"]),
  Description: z.string().min(1).max(500),
  StartDateTime: ISODateTime.optional(),
  EndDateTime: ISODateTime.optional(),
  Rate: z
    .string()
    .regex(/^(-?\d{1,3}){1}(\.\d{1,4}){0,1}$/)
    .optional(),
  Term: z.string().min(1).max(500).optional(),
  Amount: ObAmount.optional(),
});

export const OBReadOffer1 = z.strictObject(envelope(z.strictObject({ Offer: z.array(OBOffer) }))).meta({ id: "OBReadOffer1" });

const PostalAddress = z.strictObject({
  AddressType: z.enum(["BIZZ", "HOME"]).optional(),
  AddressLine: z.array(z.string().min(1).max(70)).max(7).optional(),
  TownName: z.string().min(1).max(140).optional(),
  PostCode: z.string().min(1).max(16).optional(),
  Country: z
    .string()
    .regex(/^[A-Z]{2,2}$/)
    .optional(),
});

export const OBParty2 = z
  .strictObject({
    PartyId: z.string().min(1).max(40).describe("The customer's id (`cus_…`), the same as /v1's."),
    PartyType: z.enum(["Delegate", "Joint", "Sole"]).optional(),
    Name: z.string().min(1).max(350).optional(),
    FullLegalName: z.string().min(1).max(350).optional(),
    LegalStructure: z.string().optional().describe("UK.OBIE.Individual, or UK.OBIE.PrivateLimitedCompany for a Ltd business."),
    AccountRole: z.string().optional().describe("UK.OBIE.Principal: the account holder."),
    EmailAddress: z.string().min(1).max(256).optional(),
    Relationships: z.strictObject({ Account: z.strictObject({ Related: z.url(), Id: z.string().min(1).max(40) }) }).optional(),
    Address: z.array(PostalAddress).optional(),
  })
  .meta({ id: "OBParty2" });

export const OBReadParty2 = z.strictObject(envelope(z.strictObject({ Party: OBParty2.optional() }))).meta({ id: "OBReadParty2" });
export const OBReadParty3 = z.strictObject(envelope(z.strictObject({ Party: z.array(OBParty2) }))).meta({ id: "OBReadParty3" });

export const OBProduct = z.strictObject({
  ProductName: z.string().min(1).max(350).optional(),
  ProductId: z.string().min(1).max(40).optional().describe("The deposit product's id, as GET /v1/products lists it."),
  AccountId,
  ProductType: z.enum(["BusinessCurrentAccount", "CommercialCreditCard", "Other", "PersonalCurrentAccount", "SMELoan"]),
  OtherProductType: z.strictObject({ Name: z.string().min(1).max(350), Description: z.string().min(1).max(350) }).optional(),
});

export const OBReadProduct2 = z.strictObject(envelope(z.strictObject({ Product: z.array(OBProduct) }))).meta({ id: "OBReadProduct2" });

const StatementAmount = z.strictObject({
  CreditDebitIndicator: z.enum(["Credit", "Debit"]),
  Type: z.string().describe("UK.OBIE.PreviousClosingBalance, UK.OBIE.ClosingBalance, UK.OBIE.TotalCredits, UK.OBIE.TotalDebits."),
  Amount: ObAmount,
});

export const OBStatement2 = z
  .strictObject({
    AccountId,
    StatementId: z.string().min(1).max(40),
    StatementReference: z.string().min(1).max(35).optional().describe("The month, YYYY-MM."),
    Type: z.enum(["AccountClosure", "AccountOpening", "Annual", "Interim", "RegularPeriodic"]),
    StartDateTime: ISODateTime,
    EndDateTime: ISODateTime,
    CreationDateTime: ISODateTime,
    StatementDescription: z.array(z.string().min(1).max(500)).optional(),
    StatementAmount: z
      .array(StatementAmount)
      .optional()
      .describe("ReadStatementsDetail only: opening and closing balances, credits and debits."),
    StatementValue: z.array(z.strictObject({ Value: z.string().min(1).max(40), Type: z.string() })).optional(),
  })
  .meta({ id: "OBStatement2" });

export const OBReadStatement2 = z
  .strictObject(envelope(z.strictObject({ Statement: z.array(OBStatement2) })))
  .meta({ id: "OBReadStatement2" });

/** The statement "file": the document types it as JSON, so the sandbox renders the statement and its lines as JSON. */
export const StatementFile = z
  .looseObject({
    Statement: OBStatement2,
    Transaction: z.array(z.unknown()),
  })
  .meta({ id: "File" });

export type ObBeneficiary = z.infer<typeof OBBeneficiary5>;
export type ObDirectDebit = z.infer<typeof OBDirectDebit>;
export type ObStandingOrder = z.infer<typeof OBStandingOrder6>;
export type ObScheduledPayment = z.infer<typeof OBScheduledPayment3>;
export type ObOffer = z.infer<typeof OBOffer>;
export type ObParty = z.infer<typeof OBParty2>;
export type ObProduct = z.infer<typeof OBProduct>;
export type ObStatement = z.infer<typeof OBStatement2>;
