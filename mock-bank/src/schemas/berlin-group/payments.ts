import { z } from "zod";
import { AccountReference, Amount, AuthenticationObject, ChallengeData, Links, PsuMessage, ScaStatus, TransactionStatus } from "./common";

/** The JSON payment products this sandbox offers (pain.001 XML and TARGET2 are not). */
export const PAYMENT_PRODUCTS = ["sepa-credit-transfers", "instant-sepa-credit-transfers", "cross-border-credit-transfers"] as const;
export type PaymentProduct = (typeof PAYMENT_PRODUCTS)[number];

/** At most this many payments in one bulk. */
export const MAX_BULK_PAYMENTS = 100;

const Text35 = z.string().min(1).max(35);
const Name = z.string().min(1).max(70);

const Address = z
  .object({
    streetName: z.string().max(70).optional(),
    buildingNumber: z.string().max(16).optional(),
    townName: z.string().max(35).optional(),
    postCode: z.string().max(16).optional(),
    country: z.string().regex(/^[A-Z]{2}$/),
  })
  .meta({ id: "address" });

const RemittanceStructured = z
  .object({
    reference: z.string().min(1).max(140),
    referenceType: z.string().max(140).optional(),
    referenceIssuer: z.string().max(140).optional(),
  })
  .meta({ id: "remittanceInformationStructuredMax140" });

/** What a single payment and each payment of a bulk carry about the creditor and the money. */
const creditTransfer = {
  endToEndIdentification: Text35.optional().describe("The TPP's reference, kept end to end."),
  instructionIdentification: Text35.optional(),
  debtorName: Name.optional(),
  ultimateDebtor: Name.optional(),
  instructedAmount: Amount.describe(
    "What the creditor receives. In GBP (the sandbox accounts' currency) to a GB IBAN; in the creditor's currency (EUR, USD…) to a non-GB IBAN, converted at the sandbox's FX rate (its quote's fee is debited too).",
  ),
  creditorAccount: AccountReference.describe("The creditor's `iban`. One of the sandbox's own IBANs is paid internally."),
  creditorAgent: z
    .string()
    .regex(/^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/)
    .optional(),
  creditorAgentName: Name.optional(),
  creditorName: Name.describe("`AML HIT` is declined by sanctions screening (RJCT), a sandbox magic value."),
  creditorAddress: Address.optional(),
  creditorId: Text35.optional(),
  ultimateCreditor: Name.optional(),
  purposeCode: z
    .string()
    .regex(/^[A-Z]{4}$/)
    .optional(),
  chargeBearer: z.enum(["DEBT", "CRED", "SHAR", "SLEV"]).optional(),
  remittanceInformationUnstructured: z.string().min(1).max(140).optional().describe("Shown on the statements (its first 35 characters)."),
  remittanceInformationUnstructuredArray: z.array(z.string().min(1).max(140)).max(10).optional(),
  remittanceInformationStructured: RemittanceStructured.optional(),
  remittanceInformationStructuredArray: z.array(RemittanceStructured).max(10).optional(),
};

export const PaymentInitiationBody = z
  .object({
    ...creditTransfer,
    debtorAccount: AccountReference.describe("The PSU's account by `iban`: a current or savings account of this sandbox."),
    requestedExecutionDate: z.iso.date().optional().describe("Today (sandbox clock) or absent: payments execute once authorised."),
  })
  .meta({
    id: "paymentInitiation_json",
    examples: [
      {
        endToEndIdentification: "INV-2026-0042",
        debtorAccount: { iban: "GB29OBSX99001141825937", currency: "GBP" },
        instructedAmount: { currency: "GBP", amount: "42.50" },
        creditorAccount: { iban: "GB33BUKB20201555555555" },
        creditorName: "Merchant Ltd",
        remittanceInformationUnstructured: "Invoice 42",
      },
    ],
  });

export type PaymentInitiationInput = z.infer<typeof PaymentInitiationBody>;

export const BulkElement = z.object(creditTransfer).meta({ id: "paymentInitiationBulkElement_json" });
export type BulkElementInput = z.infer<typeof BulkElement>;

export const BulkPaymentInitiationBody = z
  .object({
    batchBookingPreferred: z
      .boolean()
      .optional()
      .describe("A preference: this sandbox books each payment of the bulk on its own (one statement line each)."),
    debtorAccount: AccountReference,
    requestedExecutionDate: z.iso.date().optional(),
    paymentInformationId: Text35.optional(),
    payments: z.array(BulkElement).min(1).max(MAX_BULK_PAYMENTS),
    debtorName: Name.optional(),
  })
  .meta({ id: "bulkPaymentInitiation_json" });

export type BulkPaymentInitiationInput = z.infer<typeof BulkPaymentInitiationBody>;

export const PaymentParams = z.object({ product: z.string().min(1).max(64) });
export const PaymentIdParams = z.object({ product: z.string().min(1).max(64), paymentId: z.string().min(1).max(64) });
export const PaymentAuthorisationParams = PaymentIdParams.extend({ authorisationId: z.string().min(1).max(64) });

export const PaymentInitiationResponse201 = z
  .object({
    transactionStatus: TransactionStatus,
    paymentId: z.string().max(64),
    transactionFees: Amount.optional(),
    currencyConversionFee: Amount.optional(),
    estimatedTotalAmount: Amount.optional(),
    estimatedInterbankSettlementAmount: Amount.optional(),
    transactionFeeIndicator: z.boolean().optional(),
    scaMethods: z.array(AuthenticationObject).max(10).optional(),
    chosenScaMethod: AuthenticationObject.optional(),
    challengeData: ChallengeData.optional(),
    _links: Links,
    psuMessage: PsuMessage.optional(),
    scaStatus: ScaStatus.optional(),
  })
  .meta({ id: "paymentInitationRequestResponse-201" });

export const PaymentWithStatus = z
  .object({ ...PaymentInitiationBody.shape, transactionStatus: TransactionStatus })
  .meta({ id: "paymentInitiationWithStatusResponse" });

export const BulkPaymentWithStatus = z
  .object({ ...BulkPaymentInitiationBody.shape, transactionStatus: TransactionStatus })
  .meta({ id: "bulkPaymentInitiationWithStatusResponse" });

export const PaymentStatusResponse = z
  .object({
    transactionStatus: TransactionStatus,
    fundsAvailable: z.boolean().optional(),
    psuMessage: PsuMessage.optional(),
    _links: Links.optional(),
  })
  .meta({ id: "paymentInitiationStatusResponse-200_json" });

export const PaymentCancelResponse202 = z
  .object({
    transactionStatus: TransactionStatus,
    _links: Links.optional(),
    scaStatus: ScaStatus.optional(),
    psuMessage: PsuMessage.optional(),
  })
  .meta({ id: "paymentInitiationCancelResponse-202" });
