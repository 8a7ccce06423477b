import type { PrismaClient } from "@prisma/client";
import type { AccountDto } from "../../schemas/account";
import { accountSelect, customerAccounts, toAccountDto } from "./account-dto";
import { accountNotFound } from "./account-not-found";

/** One of the tenant's accounts, or a 404 that does not reveal whether another tenant has it. */
export async function getAccountOrThrow(options: { db: PrismaClient; tenantId: string; accountId: string }): Promise<AccountDto> {
  const { db, tenantId, accountId } = options;
  const row = await db.bankAccount.findFirst({ where: { id: accountId, tenantId, ...customerAccounts }, select: accountSelect });
  if (!row) throw accountNotFound(accountId);
  return toAccountDto(row);
}
