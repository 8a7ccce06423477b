import { randomInt } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { AccountDto, OpenAccountInput } from "../../schemas/account";
import { recordEvents } from "../events/record-event";
import { moneyTransaction } from "../ledger/money-transaction";
import { BANK_CODE } from "../../seed/seed-tenant";
import { ukIban } from "../../seed/iban";
import { accountSelect, toAccountDto } from "./account-dto";

/** Accounts opened through the API share one sort code, apart from the seed's 990011–990016. */
export const OPENED_SORT_CODE = "990020";

const NAMES = { current: "Current Account", savings: "Easy Access Saver" } as const;

export type OpenAccountOptions = {
  db: PrismaClient;
  tenantId: string;
  /** The tenant's clock. */
  now: Date;
  input: OpenAccountInput;
  idempotencyKeyId?: string;
};

const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

/**
 * Opens a zero-balance current or savings account for one of the tenant's `approved`
 * customers, with a fresh sort code, account number and IBAN; `account.opened` is written in
 * the same transaction.
 */
export async function openAccount(options: OpenAccountOptions): Promise<AccountDto> {
  const { db, tenantId, now, input } = options;
  const customer = await db.bankCustomer.findFirst({ where: { id: input.customer_id, tenantId }, select: { id: true, kycStatus: true } });
  if (!customer) throw new AppError("resource_not_found", `No customer with id ${input.customer_id}.`, field("/body/customer_id", "no such customer"));
  if (customer.kycStatus !== "approved") {
    throw new AppError("kyc_not_approved", `Customer ${customer.id} is in KYC status ${customer.kycStatus}: only approved customers can open accounts.`, field("/body/customer_id", `KYC status is ${customer.kycStatus}`));
  }

  // A random account number, retried on the rare clash with another of the tenant's accounts.
  let accountNumber = "";
  for (let attempt = 0; attempt < 5 && !accountNumber; attempt++) {
    const candidate = String(randomInt(10_000_000, 100_000_000));
    const taken = await db.bankAccount.count({ where: { tenantId, sortCode: OPENED_SORT_CODE, accountNumber: candidate } });
    if (!taken) accountNumber = candidate;
  }
  if (!accountNumber) throw new AppError("conflict", "Could not allocate an account number; retry.");

  return moneyTransaction(db, async (tx) => {
    const row = await tx.bankAccount.create({
      data: {
        id: newId("account"),
        tenantId,
        customerId: customer.id,
        type: input.type,
        name: NAMES[input.type],
        currency: input.currency,
        status: "active",
        iban: ukIban(BANK_CODE, OPENED_SORT_CODE, accountNumber),
        sortCode: OPENED_SORT_CODE,
        accountNumber,
        bookedBalance: 0n,
        openedAt: now,
        createdAt: now,
      },
      select: accountSelect,
    });
    const dto = toAccountDto(row);
    if (options.idempotencyKeyId) await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: dto.id } });
    await recordEvents(tx, tenantId, now, [{ type: "account.opened", object: dto }]);
    return dto;
  });
}
