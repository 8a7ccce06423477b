import { z } from "zod";
import { ObAmount, ObCashAccount, ObCreditDebit, ObLinks, ObMeta } from "./ais-common";
import { ISODateTime } from "./ob-common";

/** The list envelope every AIS read shares: Data, Links.Self, Meta. */
const envelope = <T extends z.ZodType>(data: T) => ({ Data: data, Links: ObLinks, Meta: ObMeta });

export const OBAccount6 = z
  .strictObject({
    AccountId: z.string().min(1).max(40).describe("The sandbox's account id (`acc_…`), the same as /v1's."),
    Status: z
      .enum(["Deleted", "Disabled", "Enabled", "Pending", "ProForma"])
      .optional()
      .describe("Enabled (active), Disabled (frozen), Deleted (closed)."),
    Currency: z.string().regex(/^[A-Z]{3,3}$/),
    AccountCategory: z.enum(["Business", "Personal"]),
    AccountTypeCode: z
      .enum(["CACC", "CARD", "LOAN", "SVGS"])
      .describe("CACC current, SVGS savings and fixed-term, CARD credit card, LOAN loan."),
    Description: z.string().min(1).max(35).optional().describe("The product the account is."),
    Nickname: z.string().min(1).max(70).optional(),
    OpeningDate: ISODateTime.optional(),
    MaturityDate: ISODateTime.optional(),
    Account: z
      .array(ObCashAccount)
      .optional()
      .describe(
        "ReadAccountsDetail only: UK.OBIE.SortCodeAccountNumber (sort code + account number, 14 digits) and UK.OBIE.IBAN, or the card's masked UK.OBIE.PAN.",
      ),
  })
  .meta({ id: "OBAccount6" });

export const OBReadAccount6 = z.strictObject(envelope(z.strictObject({ Account: z.array(OBAccount6) }))).meta({ id: "OBReadAccount6" });

export const OBBalance = z.strictObject({
  AccountId: z.string().min(1).max(40),
  CreditDebitIndicator: ObCreditDebit,
  Type: z.enum(["ITBD", "ITAV"]).describe("ITBD interim booked (/v1's booked), ITAV interim available (/v1's available)."),
  DateTime: ISODateTime,
  Amount: ObAmount,
  CreditLine: z
    .array(
      z.strictObject({
        Included: z.boolean(),
        Type: z.enum(["Available", "Credit", "Emergency", "Pre-Agreed", "Temporary"]).optional(),
        Amount: ObAmount.optional(),
      }),
    )
    .optional()
    .describe("The arranged overdraft (Pre-Agreed) or the card's limit (Credit), included in ITAV."),
});

export const OBReadBalance1 = z
  .strictObject(envelope(z.strictObject({ Balance: z.array(OBBalance).min(1) })))
  .meta({ id: "OBReadBalance1" });

export const OBTransaction6 = z
  .strictObject({
    AccountId: z.string().min(1).max(40),
    TransactionId: z.string().min(1).max(210).describe("The statement line's id (`txn_…`), the same as /v1's."),
    StatementReference: z.array(z.string().min(1).max(35)).optional(),
    CreditDebitIndicator: ObCreditDebit,
    Status: z.enum(["BOOK", "PDNG"]),
    BookingDateTime: ISODateTime.describe(
      "When it was booked; for a pending card payment, when it is expected to book (a day after it was made).",
    ),
    ValueDateTime: ISODateTime.optional().describe("When it was made."),
    TransactionInformation: z.string().min(1).max(500).optional().describe("ReadTransactionsDetail only: the statement text."),
    Amount: ObAmount,
    ProprietaryBankTransactionCode: z
      .strictObject({ Code: z.string().min(1).max(35), Issuer: z.string().min(1).max(35).optional() })
      .optional()
      .describe("POS card, DD direct debit, SO standing order, FPO/FPI Faster Payment out/in, TFR transfer, INT interest, CHG charge."),
    MerchantDetails: z
      .strictObject({ MerchantName: z.string().min(1).max(350).optional(), MerchantCategoryCode: z.string().min(3).max(4).optional() })
      .optional()
      .describe("ReadTransactionsDetail only: the card merchant and its ISO 18245 category code."),
  })
  .meta({ id: "OBTransaction6" });

export const OBReadTransaction6 = z
  .strictObject(envelope(z.strictObject({ Transaction: z.array(OBTransaction6) })))
  .meta({ id: "OBReadTransaction6" });

export type ObAccount = z.infer<typeof OBAccount6>;
export type ObBalance = z.infer<typeof OBBalance>;
export type ObTransaction = z.infer<typeof OBTransaction6>;
