import { z } from "zod";
import { Cursor, Limit, pageOf } from "./pagination";
import { IsoDate, Money, ResourceId, Text, Timestamp } from "./common";

export const TransactionStatus = z.enum(["booked", "pending"]).describe("`pending` card payments are authorised but not yet booked.");

export const Channel = z
  .enum(["card", "direct_debit", "standing_order", "faster_payment", "transfer", "interest", "fee", "loan"])
  .describe("How the money moved.");

export const Merchant = z
  .object({
    name: Text(100).meta({ examples: ["Pret A Manger"] }),
    category_code: z
      .string()
      .regex(/^\d{4}$/)
      .describe("ISO 18245 merchant category code (MCC).")
      .meta({ examples: ["5814"] }),
  })
  .meta({ id: "Merchant", description: "Who was paid or who paid." });

export const Transaction = z
  .object({
    id: ResourceId.meta({ examples: ["txn_0aYk2xvP9mD3QeJ1nL5sWr"] }),
    account_id: ResourceId,
    amount: Money.describe("Signed: negative is money out of the account."),
    status: TransactionStatus,
    description: Text(200).describe("The text on the statement."),
    merchant: Merchant.nullable(),
    category: z
      .string()
      .regex(/^[a-z][a-z_]{1,39}$/)
      .describe("Spending category in snake_case, e.g. `groceries`, `transport`, `salary`, `rent`, `utilities`."),
    channel: Channel,
    transacted_at: Timestamp.describe("When the customer made the transaction."),
    booked_at: Timestamp.nullable().describe("When it was booked; `null` while pending."),
  })
  .meta({ id: "Transaction", description: "One movement of money on an account." });

export type TransactionDto = z.infer<typeof Transaction>;

export const TransactionList = pageOf(Transaction, "TransactionList", "A page of transactions, newest first.");

export const ListTransactionsQuery = z
  .strictObject({
    from: IsoDate.optional().describe("Only transactions on or after this date (UTC)."),
    to: IsoDate.optional().describe("Only transactions on or before this date (UTC)."),
    status: TransactionStatus.optional()
      .describe("Only booked, or only pending, transactions.")
      .meta({ examples: ["booked"] }),
    limit: Limit.meta({ examples: [10] }),
    cursor: Cursor.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "must be on or before `to`" });
    }
  });
