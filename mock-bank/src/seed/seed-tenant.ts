import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import { openingLedgerRows } from "../domain/ledger/opening-ledger";
import { ukIban } from "./iban";
import { insertStatementLines } from "./insert-statement-lines";
import { planSeed, SEED_VERSION } from "./plan-seed";

/** The four-letter bank code in the sandbox's IBANs ("Open Bank Sandbox"). */
export const BANK_CODE = "OBSX";
/** Every seeded account and transaction is in pounds. */
export const SEED_CURRENCY = "GBP";

export type SeedSummary = { customers: number; accounts: number; transactions: number };

/**
 * Writes a new tenant and its whole seed in one database transaction. Ids come from
 * stableId(kind, tenantId, position), so tenants never share ids and a reset restores the
 * same ones. Throws Prisma's unique violation (P2002) if the tenant already exists.
 */
export async function seedTenant(options: { db: PrismaClient; tenantId: string; seededAt: Date }): Promise<SeedSummary> {
  const { db, tenantId, seededAt } = options;
  const plan = planSeed(seededAt);

  const customers = plan.map((customer) => ({
    id: stableId("customer", tenantId, customer.persona),
    tenantId,
    persona: customer.persona,
    givenName: customer.givenName,
    familyName: customer.familyName,
    email: customer.email,
    username: `user_${customer.persona}`,
    dateOfBirth: new Date(`${customer.dateOfBirth}T00:00:00Z`),
    creditScore: customer.creditScore,
    annualIncome: customer.annualIncome,
    kind: customer.kind,
    createdAt: seededAt,
  }));

  const accounts = plan.flatMap((customer, i) =>
    customer.accounts.map((account) => ({
      id: stableId("account", tenantId, `${customer.persona}:${account.key}`),
      tenantId,
      customerId: customers[i].id,
      type: account.key,
      name: account.name,
      currency: SEED_CURRENCY,
      status: account.status ?? "active",
      iban: account.sortCode && account.accountNumber ? ukIban(BANK_CODE, account.sortCode, account.accountNumber) : null,
      sortCode: account.sortCode ?? null,
      accountNumber: account.accountNumber ?? null,
      maskedPan: account.maskedPan ?? null,
      bookedBalance: account.bookedBalance,
      overdraftLimit: account.overdraftLimit ?? 0n,
      creditLimit: account.creditLimit ?? 0n,
      interestRate: account.interestRate ?? null,
      openedAt: account.openedAt,
      createdAt: seededAt,
    })),
  );

  const transactions = plan.flatMap((customer) =>
    customer.accounts.flatMap((account) => {
      const accountId = stableId("account", tenantId, `${customer.persona}:${account.key}`);
      return account.transactions.map((tx, index) => ({
        id: stableId("transaction", tenantId, `${customer.persona}:${account.key}:${index}`),
        tenantId,
        accountId,
        amount: tx.amount,
        currency: SEED_CURRENCY,
        status: tx.bookedAt ? "booked" : "pending",
        description: tx.description,
        merchantName: tx.merchant?.name ?? null,
        merchantCategoryCode: tx.merchant?.mcc ?? null,
        category: tx.category,
        channel: tx.channel,
        transactedAt: tx.transactedAt,
        bookedAt: tx.bookedAt,
        createdAt: seededAt,
      }));
    }),
  );

  // The ledger starts consistent with the statement history at the cost of one posting: each
  // account's booked balance is one opening entry against the opening-balances system account.
  const ledger = openingLedgerRows(tenantId, accounts, seededAt);

  await db.$transaction([
    db.bankTenant.create({ data: { id: tenantId, seedVersion: SEED_VERSION, seededAt } }),
    db.bankCustomer.createMany({ data: customers }),
    db.bankAccount.createMany({ data: [...accounts, ...ledger.systemAccounts] }),
    ...insertStatementLines(db, transactions),
    db.bankPosting.create({ data: ledger.posting }),
    db.bankEntry.createMany({ data: ledger.entries }),
  ]);
  return { customers: customers.length, accounts: accounts.length, transactions: transactions.length };
}
