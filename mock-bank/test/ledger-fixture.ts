import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import { openingLedgerRows } from "../src/domain/ledger/opening-ledger";

/**
 * A small tenant for ledger tests (~10 ms instead of the full seed's ~700 ms): one customer,
 * six accounts of every kind, each with one opening statement line and an opening posting,
 * exactly as seedTenant builds the ledger.
 */
export const FIXTURE_ACCOUNTS = [
  { key: "current", type: "current", balance: 150_000n, overdraftLimit: 50_000n, creditLimit: 0n, status: "active" },
  { key: "overdrawn", type: "current", balance: -20_000n, overdraftLimit: 30_000n, creditLimit: 0n, status: "active" },
  { key: "savings", type: "savings", balance: 500_000n, overdraftLimit: 0n, creditLimit: 0n, status: "active" },
  { key: "empty_savings", type: "savings", balance: 0n, overdraftLimit: 0n, creditLimit: 0n, status: "active" },
  { key: "card", type: "credit_card", balance: -10_000n, overdraftLimit: 0n, creditLimit: 100_000n, status: "active" },
  { key: "frozen", type: "current", balance: 40_000n, overdraftLimit: 10_000n, creditLimit: 0n, status: "frozen" },
] as const;

export function fixtureAccountId(tenantId: string, key: (typeof FIXTURE_ACCOUNTS)[number]["key"]): string {
  return stableId("account", tenantId, `fixture:${key}`);
}

export async function seedLedgerFixture(db: PrismaClient, tenantId: string, seededAt: Date): Promise<void> {
  const customerId = stableId("customer", tenantId, "fixture");
  const accounts = FIXTURE_ACCOUNTS.map((a, i) => ({
    id: fixtureAccountId(tenantId, a.key),
    tenantId,
    customerId,
    type: a.type,
    name: a.key,
    currency: "GBP",
    status: a.status,
    iban: null,
    sortCode: a.type === "credit_card" ? null : "99002" + i,
    accountNumber: a.type === "credit_card" ? null : String(10_000_000 + i),
    bookedBalance: a.balance,
    overdraftLimit: a.overdraftLimit,
    creditLimit: a.creditLimit,
    openedAt: seededAt,
    createdAt: seededAt,
  }));
  const ledger = openingLedgerRows(tenantId, accounts, seededAt);
  await db.$transaction([
    db.bankTenant.create({ data: { id: tenantId, seedVersion: 0, seededAt } }),
    db.bankCustomer.create({
      data: {
        id: customerId,
        tenantId,
        persona: "fixture",
        givenName: "Fix",
        familyName: "Ture",
        email: "f@example.test",
        username: "user_fixture",
        dateOfBirth: seededAt,
        creditScore: 700,
        annualIncome: 0n,
      },
    }),
    db.bankAccount.createMany({ data: [...accounts, ...ledger.systemAccounts] }),
    db.bankTransaction.createMany({
      data: accounts.map((a) => ({
        id: stableId("transaction", tenantId, a.id),
        tenantId,
        accountId: a.id,
        amount: a.bookedBalance,
        currency: "GBP",
        status: "booked",
        description: "Opening balance",
        category: "transfer",
        channel: "transfer",
        transactedAt: seededAt,
        bookedAt: seededAt,
      })),
    }),
    db.bankPosting.create({ data: ledger.posting }),
    db.bankEntry.createMany({ data: ledger.entries }),
  ]);
}
