import type { PrismaClient } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/create-prisma-client";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { assertBalanced, LedgerDecline, postTransfer, type Leg } from "../src/domain/ledger/post-transfer";
import { systemAccountId } from "../src/domain/ledger/system-accounts";
import { seedTenant } from "../src/seed/seed-tenant";
import { createTestDatabase } from "./helpers";
import { seedLedgerFixture } from "./ledger-fixture";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;

beforeAll(() => {
  database = createTestDatabase();
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  database.remove();
});

const line = { description: "Test transfer", category: "transfer", channel: "transfer" as const };

async function customerAccounts(tenantId: string) {
  return db.bankAccount.findMany({ where: { tenantId, customerId: { not: null } }, orderBy: { id: "asc" }, select: { id: true, status: true, bookedBalance: true, overdraftLimit: true, creditLimit: true } });
}

async function transfer(tenantId: string, legs: Leg[]) {
  try {
    return await db.$transaction((tx) => postTransfer(tx, { tenantId, kind: "payment", reference: null, currency: "GBP", postedAt: NOW, legs }));
  } catch (error) {
    if (error instanceof LedgerDecline) return error;
    throw error;
  }
}

describe("the seeded ledger", () => {
  it("is consistent from the first call: one opening posting, balances = entries = booked statement lines", async () => {
    await seedTenant({ db, tenantId: "app_seeded", seededAt: NOW });
    expect(await checkLedgerInvariants({ db, tenantId: "app_seeded" })).toEqual([]);
    expect(await db.bankPosting.count({ where: { tenantId: "app_seeded" } })).toBe(1);
    const systemAccounts = await db.bankAccount.count({ where: { tenantId: "app_seeded", customerId: null } });
    expect(systemAccounts).toBe(4);
  });
});

describe("postTransfer", () => {
  it("refuses unbalanced, empty or one-legged postings (programming errors, not declines)", () => {
    expect(() => assertBalanced([{ accountId: "a", amount: 5n }, { accountId: "b", amount: -4n }])).toThrow(/balance/);
    expect(() => assertBalanced([{ accountId: "a", amount: 0n }, { accountId: "b", amount: 0n }])).toThrow(/no amount/);
    expect(() => assertBalanced([{ accountId: "a", amount: 1n }])).toThrow(/two legs/);
  });

  it("moves money, writes entries and statement lines, and declines below the floor or on a frozen account with nothing written", async () => {
    const tenantId = "app_transfer";
    await seedLedgerFixture(db, tenantId, NOW);
    const accounts = await customerAccounts(tenantId);
    const frozen = accounts.find((a) => a.status === "frozen")!;
    const savings = accounts.find((a) => a.overdraftLimit === 0n && a.creditLimit === 0n && a.status === "active" && a.bookedBalance > 0n)!;
    const other = accounts.find((a) => a.id !== savings.id && a.status === "active")!;

    const ok = await transfer(tenantId, [{ accountId: savings.id, amount: -100n, line }, { accountId: other.id, amount: 100n, line }]);
    expect(ok).not.toBeInstanceOf(LedgerDecline);
    const before = await db.bankEntry.count({ where: { tenantId } });

    const tooMuch = await transfer(tenantId, [{ accountId: savings.id, amount: -(savings.bookedBalance + 1n), line }, { accountId: other.id, amount: savings.bookedBalance + 1n, line }]);
    expect(tooMuch).toMatchObject({ code: "insufficient_funds", accountId: savings.id });
    const toFrozen = await transfer(tenantId, [{ accountId: other.id, amount: -1n, line }, { accountId: frozen.id, amount: 1n, line }]);
    expect(toFrozen).toMatchObject({ code: "account_frozen", accountId: frozen.id });

    expect(await db.bankEntry.count({ where: { tenantId } })).toBe(before);
    expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
  });
});

type Command =
  | { kind: "transfer"; from: number; to: number; amount: bigint }
  | { kind: "pay_out"; from: number; amount: bigint }
  | { kind: "reverse"; which: number }
  | { kind: "reset" };

const amount = fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 5_000_000n }));
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("transfer" as const), from: fc.nat(5), to: fc.nat(5), amount }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pay_out" as const), from: fc.nat(5), amount }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), which: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
);

describe("ledger invariants under random sequences (fast-check)", () => {
  it("keeps every posting balanced, every balance equal to its entries and statement, no account below its floor, and money conserved", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const tenantId = `app_prop${run++}`;
        await seedLedgerFixture(db, tenantId, NOW);
        let accounts = await customerAccounts(tenantId);
        const posted: Leg[][] = [];
        let declines = 0;
        for (const c of commands) {
          let legs: Leg[] | null = null;
          if (c.kind === "transfer" && c.from !== c.to) legs = [{ accountId: accounts[c.from].id, amount: -c.amount, line }, { accountId: accounts[c.to].id, amount: c.amount, line }];
          if (c.kind === "pay_out") legs = [{ accountId: accounts[c.from].id, amount: -c.amount, line }, { accountId: systemAccountId(tenantId, "external"), amount: c.amount }];
          if (c.kind === "reverse" && posted.length) legs = posted[c.which % posted.length].map((leg) => ({ ...leg, amount: -leg.amount }));
          if (c.kind === "reset") {
            await db.bankTenant.delete({ where: { id: tenantId } });
            await seedLedgerFixture(db, tenantId, NOW);
            accounts = await customerAccounts(tenantId);
            posted.length = 0;
          }
          if (!legs) continue;
          const result = await transfer(tenantId, legs);
          if (result instanceof LedgerDecline) declines++;
          else posted.push(legs);
        }
        expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
        const total = await db.bankAccount.aggregate({ where: { tenantId }, _sum: { bookedBalance: true } });
        expect(total._sum.bookedBalance).toBe(0n);
        // Every acknowledged posting exists exactly once, besides the opening one.
        expect(await db.bankPosting.count({ where: { tenantId } })).toBe(posted.length + 1);
        expect(declines).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
