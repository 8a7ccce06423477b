import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { TransactionDto } from "../../schemas/transaction";

export const transactionSelect = {
  id: true,
  accountId: true,
  amount: true,
  currency: true,
  status: true,
  description: true,
  merchantName: true,
  merchantCategoryCode: true,
  category: true,
  channel: true,
  transactedAt: true,
  bookedAt: true,
} as const satisfies Prisma.BankTransactionSelect;

type TransactionRow = Prisma.BankTransactionGetPayload<{ select: typeof transactionSelect }>;

export function toTransactionDto(row: TransactionRow): TransactionDto {
  return {
    id: row.id,
    account_id: row.accountId,
    amount: toMoney(row.amount, row.currency),
    status: row.status as TransactionDto["status"],
    description: row.description,
    merchant:
      row.merchantName !== null && row.merchantCategoryCode !== null
        ? { name: row.merchantName, category_code: row.merchantCategoryCode }
        : null,
    category: row.category,
    channel: row.channel as TransactionDto["channel"],
    transacted_at: row.transactedAt.toISOString(),
    booked_at: row.bookedAt ? row.bookedAt.toISOString() : null,
  };
}
