import type { Prisma } from "@prisma/client";
import type { AccountDto } from "../../schemas/account";

/** The columns an account DTO needs, and nothing else. */
export const accountSelect = {
  id: true,
  customerId: true,
  type: true,
  name: true,
  currency: true,
  status: true,
  iban: true,
  sortCode: true,
  accountNumber: true,
  maskedPan: true,
  interestRate: true,
  productId: true,
  maturesAt: true,
  openedAt: true,
  createdAt: true,
} as const satisfies Prisma.BankAccountSelect;

/** Customer accounts only: the bank's own ledger accounts (no customer) are never shown. */
export const customerAccounts = { customerId: { not: null } } as const satisfies Prisma.BankAccountWhereInput;

type AccountRow = Prisma.BankAccountGetPayload<{ select: typeof accountSelect }>;

export function toAccountDto(row: AccountRow): AccountDto {
  return {
    id: row.id,
    customer_id: row.customerId ?? "",
    type: row.type as AccountDto["type"],
    name: row.name,
    currency: row.currency,
    status: row.status as AccountDto["status"],
    identifiers:
      row.maskedPan !== null
        ? { masked_pan: row.maskedPan }
        : { iban: row.iban ?? "", sort_code: row.sortCode ?? "", account_number: row.accountNumber ?? "" },
    interest_rate: row.interestRate,
    product_id: row.productId,
    matures_on: row.maturesAt ? row.maturesAt.toISOString().slice(0, 10) : null,
    opened_on: row.openedAt.toISOString().slice(0, 10),
    created_at: row.createdAt.toISOString(),
  };
}
