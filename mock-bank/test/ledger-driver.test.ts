import type { PrismaClient } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { databaseDriver, type DatabaseDriver } from "@openbank/database/database-driver";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { driverTransaction } from "../src/domain/ledger/driver-transaction";
import { moneyTransaction } from "../src/domain/ledger/money-transaction";
import { LedgerDecline, postTransfer, postTransferProgram, type Leg, type TransferInput } from "../src/domain/ledger/post-transfer";
import { systemAccountId } from "../src/domain/ledger/system-accounts";
import { createPayment } from "../src/domain/payments/create-payment";
import { createTestDatabase } from "./helpers";
import { FIXTURE_ACCOUNTS, fixtureAccountId, seedLedgerFixture } from "./ledger-fixture";
import { createPostgresTestDatabase, postgresReachable } from "./postgres";

/**
 * The ledger's hot path on the driver (postTransferProgram in one raw transaction) against the
 * reference, postTransfer through Prisma: the same random command sequences on two tenants give
 * the same outcome per command (posted, or the same decline on the same account), the same
 * balances, and a sound ledger. On SQLite always, on PostgreSQL when reachable (a loud skip
 * otherwise); plus SQLite's case of a Prisma transaction open on the shared connection.
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const line = { description: "Driver test", category: "transfer", channel: "transfer" as const };
type Key = (typeof FIXTURE_ACCOUNTS)[number]["key"];
const KEYS = FIXTURE_ACCOUNTS.map((a) => a.key);

type Command = { kind: "transfer"; from: number; to: number; amount: bigint } | { kind: "pay_out"; from: number; amount: bigint };
const amount = fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 5_000_000n }));
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("transfer" as const), from: fc.nat(5), to: fc.nat(5), amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("pay_out" as const), from: fc.nat(5), amount }) },
);

function legsOf(tenantId: string, c: Command): Leg[] | null {
  const id = (i: number) => fixtureAccountId(tenantId, KEYS[i] as Key);
  if (c.kind === "transfer")
    return c.from === c.to
      ? null
      : [
          { accountId: id(c.from), amount: -c.amount, line },
          { accountId: id(c.to), amount: c.amount, line },
        ];
  return [
    { accountId: id(c.from), amount: -c.amount, line },
    { accountId: systemAccountId(tenantId, "external"), amount: c.amount },
  ];
}

/** Fixture account ids by key, for every tenant a test seeds (the two tenants' ids differ). */
const keyOf = new Map<string, string>();
async function seed(db: PrismaClient, tenantId: string) {
  await seedLedgerFixture(db, tenantId, NOW);
  for (const key of KEYS) keyOf.set(fixtureAccountId(tenantId, key), key);
}

/** "posted", or the decline and the fixture account it names. */
const outcome = async (work: Promise<unknown>) => {
  try {
    await work;
    return "posted";
  } catch (error) {
    if (!(error instanceof LedgerDecline)) throw error;
    return `${error.code} on ${keyOf.get(error.accountId) ?? error.accountId}`;
  }
};

const input = (tenantId: string, legs: Leg[]): TransferInput => ({
  tenantId,
  kind: "payment",
  reference: null,
  currency: "GBP",
  postedAt: NOW,
  legs,
});

async function balances(db: PrismaClient, tenantId: string) {
  const rows = await db.bankAccount.findMany({ where: { tenantId, customerId: { not: null } }, orderBy: { name: "asc" } });
  return rows.map((a) => [a.name, a.bookedBalance]);
}

function suite(name: string, open: () => Promise<{ db: PrismaClient; close(): Promise<void> } | null>) {
  describe(name, () => {
    let db: PrismaClient;
    let driver: DatabaseDriver;
    let close: (() => Promise<void>) | undefined;
    let available = true;

    beforeAll(async () => {
      const opened = await open();
      if (!opened) {
        available = false;
        console.warn(`SKIPPED: ${name} (no server)`);
        return;
      }
      ({ db, close } = opened);
      driver = (await databaseDriver(db))!;
    });
    afterAll(async () => close?.());

    it("gives a client from createPrismaClient its driver", () => {
      if (!available) return;
      expect(driver?.provider).toBe(name.startsWith("PostgreSQL") ? "postgresql" : "sqlite");
    });

    it("posts and declines exactly as postTransfer through Prisma does, for random sequences (fast-check)", async () => {
      if (!available) return;
      let run = 0;
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 15 }), async (commands) => {
          const reference = `app_ref${run}`;
          const onDriver = `app_drv${run++}`;
          await seed(db, reference);
          await seed(db, onDriver);
          for (const c of commands) {
            const viaPrisma = legsOf(reference, c);
            const viaDriver = legsOf(onDriver, c);
            if (!viaPrisma || !viaDriver) continue;
            const expected = await outcome(db.$transaction((tx) => postTransfer(tx, input(reference, viaPrisma))));
            const actual = await outcome(driverTransaction(db, driver, () => postTransferProgram(input(onDriver, viaDriver))));
            expect(actual).toBe(expected);
            seen.add(actual.split(" ")[0]);
          }
          expect(await balances(db, onDriver)).toEqual(await balances(db, reference));
          expect(await db.bankPosting.count({ where: { tenantId: onDriver } })).toBe(
            await db.bankPosting.count({ where: { tenantId: reference } }),
          );
          expect(await db.bankTransaction.count({ where: { tenantId: onDriver } })).toBe(
            await db.bankTransaction.count({ where: { tenantId: reference } }),
          );
          expect(await checkLedgerInvariants({ db, tenantId: onDriver })).toEqual([]);
        }),
        { numRuns: 25 },
      );
      // Six fixture accounts (one frozen, some at their floor) meet every outcome in 25 runs.
      expect([...seen].sort()).toEqual(["account_frozen", "insufficient_funds", "posted"]);
    }, 120_000);

    it("keeps the ledger sound when payments on the driver race Prisma transactions on the same accounts", async () => {
      if (!available) return;
      const tenantId = "app_race";
      await seed(db, tenantId);
      const current = fixtureAccountId(tenantId, "current");
      const savings = fixtureAccountId(tenantId, "savings");
      const pay = (from: string, to: string, pence: number) =>
        createPayment({
          db,
          tenantId,
          now: NOW,
          input: {
            debtor_account_id: from,
            amount: { amount: (pence / 100).toFixed(2), currency: "GBP" },
            creditor: { type: "account", account_id: to },
            scheme: "instant",
          },
        }).then(
          () => "posted",
          (error: { code?: string }) => error.code ?? String(error),
        );
      // Prisma's money transactions (as the other money movements run) holding the connection across awaits.
      const prisma = (i: number) =>
        outcome(
          moneyTransaction(db, async (tx) => {
            await tx.bankAccount.findMany({ where: { tenantId }, select: { id: true } });
            await new Promise((resolve) => setTimeout(resolve, 2));
            return postTransfer(
              tx,
              input(tenantId, legsOf(tenantId, { kind: "transfer", from: i % 2 ? 0 : 2, to: i % 2 ? 2 : 0, amount: 7_000n })!),
            );
          }),
        );
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 3 === 0 ? prisma(i) : i % 2 ? pay(current, savings, 150_00) : pay(savings, current, 90_00),
        ),
      );
      expect(
        results.every((r) => r === "posted" || r.startsWith("insufficient_funds")),
        JSON.stringify(results),
      ).toBe(true);
      expect(results.filter((r) => r === "posted").length).toBeGreaterThan(30);
      expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
      const total = await db.bankAccount.aggregate({ where: { tenantId }, _sum: { bookedBalance: true } });
      expect(total._sum.bookedBalance).toBe(0n);
    }, 60_000);

    it("writes nothing for a declined transfer: the posting, entries and lines roll back with the failed debit", async () => {
      if (!available) return;
      const tenantId = "app_rollback";
      await seed(db, tenantId);
      const before = await Promise.all([db.bankPosting.count({ where: { tenantId } }), db.bankTransaction.count({ where: { tenantId } })]);
      const legs = legsOf(tenantId, { kind: "transfer", from: 3, to: 0, amount: 1n })!; // from the empty savings account
      expect(await outcome(driverTransaction(db, driver, () => postTransferProgram(input(tenantId, legs))))).toMatch(/^insufficient_funds/);
      expect(await Promise.all([db.bankPosting.count({ where: { tenantId } }), db.bankTransaction.count({ where: { tenantId } })])).toEqual(
        before,
      );
      expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
    });
  });
}

suite("SQLite", async () => {
  const database = createTestDatabase();
  const db = createPrismaClient(database.url);
  return {
    db,
    async close() {
      await db.$disconnect();
      database.remove();
    },
  };
});

suite("PostgreSQL", async () => {
  if (!(await postgresReachable())) return null;
  const database = await createPostgresTestDatabase({ poolSize: 8 });
  return { db: database.db, close: database.drop };
});
