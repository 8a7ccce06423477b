import { Prisma, type PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import { LEDGER_CURRENCIES, SYSTEM_ACCOUNTS, systemAccountId, systemAccountRows, type SystemAccountKey } from "./system-accounts";

/**
 * The rows that make a tenant's ledger consistent with its accounts' booked balances: the
 * system accounts, and one opening posting with an entry per non-zero balance against the
 * opening-balances account. Stable ids, so writing them twice is a unique violation.
 */
export function openingLedgerRows(tenantId: string, accounts: { id: string; bookedBalance: bigint }[], at: Date, currency = "GBP") {
  const total = accounts.reduce((sum, account) => sum + account.bookedBalance, 0n);
  const postingId = stableId("posting", tenantId, "opening");
  const legs = [
    ...accounts.map((a) => ({ accountId: a.id, amount: a.bookedBalance })),
    { accountId: systemAccountId(tenantId, "opening"), amount: -total },
  ].filter((leg) => leg.amount !== 0n);
  return {
    systemAccounts: systemAccountRows(tenantId, { openedAt: at, openingBalance: -total }),
    posting: { id: postingId, tenantId, kind: "opening", reference: null, postedAt: at, createdAt: at },
    entries: legs.map((leg) => ({
      id: stableId("entry", tenantId, `opening:${leg.accountId}`),
      tenantId,
      postingId,
      accountId: leg.accountId,
      amount: leg.amount,
      currency,
      createdAt: at,
    })),
  };
}

const ready = new WeakMap<PrismaClient, Set<string>>();

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError ? error.code === "P2002" : (error as { code?: string } | null)?.code === "P2002";

/**
 * Tenants seeded before the ledger existed have no system accounts and no entries: give
 * them their opening posting once, on their first money movement; tenants seeded before a
 * system account was added get it, at zero. One indexed lookup per tenant per process; a
 * concurrent backfill by another request loses on the unique ids.
 */
export async function ensureLedger(db: PrismaClient, tenantId: string): Promise<void> {
  let known = ready.get(db);
  if (!known) ready.set(db, (known = new Set()));
  if (known.has(tenantId)) return;
  const wanted = LEDGER_CURRENCIES.flatMap((currency) =>
    (Object.keys(SYSTEM_ACCOUNTS) as SystemAccountKey[]).map((key) => systemAccountId(tenantId, key, currency)),
  );
  const present = new Set((await db.bankAccount.findMany({ where: { id: { in: wanted } }, select: { id: true } })).map((a) => a.id));
  try {
    if (!present.has(systemAccountId(tenantId, "opening"))) {
      await db.$transaction(async (tx) => {
        const accounts = await tx.bankAccount.findMany({
          where: { tenantId, customerId: { not: null } },
          select: { id: true, bookedBalance: true },
        });
        const rows = openingLedgerRows(tenantId, accounts, new Date());
        await tx.bankAccount.createMany({ data: rows.systemAccounts });
        await tx.bankPosting.create({ data: rows.posting });
        await tx.bankEntry.createMany({ data: rows.entries });
      });
    } else if (present.size < wanted.length) {
      const missing = systemAccountRows(tenantId, { openedAt: new Date(), openingBalance: 0n }).filter((row) => !present.has(row.id));
      await db.bankAccount.createMany({ data: missing });
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  known.add(tenantId);
}
