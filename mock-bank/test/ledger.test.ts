import type { PrismaClient } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { assertBalanced, LedgerDecline, postTransfer, type Leg } from "../src/domain/ledger/post-transfer";
import { LEDGER_CURRENCIES, SYSTEM_ACCOUNTS, systemAccountId } from "../src/domain/ledger/system-accounts";
import { ensureLedger } from "../src/domain/ledger/opening-ledger";
import { AppError } from "@openbank/contracts/errors";
import { createPayment } from "../src/domain/payments/create-payment";
import { settleDuePayments } from "../src/domain/payments/settle-due-payments";
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
  return db.bankAccount.findMany({
    where: { tenantId, customerId: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, status: true, bookedBalance: true, overdraftLimit: true, creditLimit: true },
  });
}

async function transfer(tenantId: string, legs: Leg[]) {
  try {
    return await db.$transaction((tx) =>
      postTransfer(tx, { tenantId, kind: "payment", reference: null, currency: "GBP", postedAt: NOW, legs }),
    );
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
    expect(systemAccounts).toBe(Object.keys(SYSTEM_ACCOUNTS).length * LEDGER_CURRENCIES.length);
  });
});

describe("tenants seeded before the ledger existed", () => {
  it("get their opening posting on their first payment, once, and then behave like any other", async () => {
    const tenantId = "app_legacy";
    await seedLedgerFixture(db, tenantId, NOW);
    await db.bankPosting.deleteMany({ where: { tenantId } });
    await db.bankAccount.deleteMany({ where: { tenantId, customerId: null } });
    const [from, to] = await customerAccounts(tenantId);
    const pay = () =>
      createPayment({
        db,
        tenantId,
        now: NOW,
        input: {
          debtor_account_id: from.id,
          amount: { amount: "1.00", currency: "GBP" },
          creditor: { type: "account", account_id: to.id },
          scheme: "instant",
        },
      });
    await Promise.all([pay(), pay()]);
    expect(await db.bankPosting.count({ where: { tenantId, kind: "opening" } })).toBe(1);
    expect(await db.bankAccount.count({ where: { tenantId, customerId: null } })).toBe(
      Object.keys(SYSTEM_ACCOUNTS).length * LEDGER_CURRENCIES.length,
    );
    expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
  });

  it("gain system accounts added since they were seeded, at zero, without a second opening posting", async () => {
    const tenantId = "app_older";
    await seedLedgerFixture(db, tenantId, NOW);
    const added = [systemAccountId(tenantId, "interestIncome"), systemAccountId(tenantId, "rewards")];
    await db.bankAccount.deleteMany({ where: { id: { in: added } } });
    await ensureLedger(db, tenantId);
    const restored = await db.bankAccount.findMany({ where: { id: { in: added } }, select: { bookedBalance: true } });
    expect(restored.map((a) => a.bookedBalance)).toEqual([0n, 0n]);
    expect(await db.bankPosting.count({ where: { tenantId, kind: "opening" } })).toBe(1);
    expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
  });
});

describe("postTransfer", () => {
  it("refuses unbalanced, empty or one-legged postings (programming errors, not declines)", () => {
    expect(() =>
      assertBalanced([
        { accountId: "a", amount: 5n },
        { accountId: "b", amount: -4n },
      ]),
    ).toThrow(/balance/);
    expect(() =>
      assertBalanced([
        { accountId: "a", amount: 0n },
        { accountId: "b", amount: 0n },
      ]),
    ).toThrow(/no amount/);
    expect(() => assertBalanced([{ accountId: "a", amount: 1n }])).toThrow(/two legs/);
  });

  it("moves money, writes entries and statement lines, and declines below the floor or on a frozen account with nothing written", async () => {
    const tenantId = "app_transfer";
    await seedLedgerFixture(db, tenantId, NOW);
    const accounts = await customerAccounts(tenantId);
    const frozen = accounts.find((a) => a.status === "frozen")!;
    const savings = accounts.find((a) => a.overdraftLimit === 0n && a.creditLimit === 0n && a.status === "active" && a.bookedBalance > 0n)!;
    const other = accounts.find((a) => a.id !== savings.id && a.status === "active")!;

    const ok = await transfer(tenantId, [
      { accountId: savings.id, amount: -100n, line },
      { accountId: other.id, amount: 100n, line },
    ]);
    expect(ok).not.toBeInstanceOf(LedgerDecline);
    const before = await db.bankEntry.count({ where: { tenantId } });

    const tooMuch = await transfer(tenantId, [
      { accountId: savings.id, amount: -(savings.bookedBalance + 1n), line },
      { accountId: other.id, amount: savings.bookedBalance + 1n, line },
    ]);
    expect(tooMuch).toMatchObject({ code: "insufficient_funds", accountId: savings.id });
    const toFrozen = await transfer(tenantId, [
      { accountId: other.id, amount: -1n, line },
      { accountId: frozen.id, amount: 1n, line },
    ]);
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
    const outcomes = { posted: 0, insufficient_funds: 0, account_frozen: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const tenantId = `app_prop${run++}`;
        await seedLedgerFixture(db, tenantId, NOW);
        let accounts = await customerAccounts(tenantId);
        // A model of the customer accounts: the decline each transfer must get, and the balances after.
        let model = new Map(accounts.map((a) => [a.id, { ...a }]));
        const expectedOutcome = (legs: Leg[]) => {
          const frozen = legs.find((leg) => (model.get(leg.accountId)?.status ?? "active") !== "active");
          if (frozen) return { code: "account_frozen", accountId: frozen.accountId };
          // Debits are checked in account-id order, each against balance + overdraft + credit limit.
          const short = [...legs]
            .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
            .find((leg) => {
              const account = model.get(leg.accountId);
              return account && leg.amount < 0n && account.bookedBalance + leg.amount < -(account.overdraftLimit + account.creditLimit);
            });
          return short ? { code: "insufficient_funds", accountId: short.accountId } : "posted";
        };
        const posted: Leg[][] = [];
        for (const c of commands) {
          let legs: Leg[] | null = null;
          if (c.kind === "transfer" && c.from !== c.to)
            legs = [
              { accountId: accounts[c.from].id, amount: -c.amount, line },
              { accountId: accounts[c.to].id, amount: c.amount, line },
            ];
          if (c.kind === "pay_out")
            legs = [
              { accountId: accounts[c.from].id, amount: -c.amount, line },
              { accountId: systemAccountId(tenantId, "external"), amount: c.amount },
            ];
          if (c.kind === "reverse" && posted.length) legs = posted[c.which % posted.length].map((leg) => ({ ...leg, amount: -leg.amount }));
          if (c.kind === "reset") {
            await db.bankTenant.delete({ where: { id: tenantId } });
            await seedLedgerFixture(db, tenantId, NOW);
            accounts = await customerAccounts(tenantId);
            model = new Map(accounts.map((a) => [a.id, { ...a }]));
            posted.length = 0;
          }
          if (!legs) continue;
          const expected = expectedOutcome(legs);
          const result = await transfer(tenantId, legs);
          expect(result instanceof LedgerDecline ? { code: result.code, accountId: result.accountId } : "posted").toEqual(expected);
          if (result instanceof LedgerDecline) {
            outcomes[result.code]++;
            continue;
          }
          outcomes.posted++;
          posted.push(legs);
          for (const leg of legs) {
            const account = model.get(leg.accountId);
            if (account) account.bookedBalance += leg.amount;
          }
        }
        expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
        const total = await db.bankAccount.aggregate({ where: { tenantId }, _sum: { bookedBalance: true } });
        expect(total._sum.bookedBalance).toBe(0n);
        // Every acknowledged posting exists exactly once, besides the opening one.
        expect(await db.bankPosting.count({ where: { tenantId } })).toBe(posted.length + 1);
        // The customer balances are exactly the model's.
        expect(Object.fromEntries((await customerAccounts(tenantId)).map((a) => [a.id, a.bookedBalance]))).toEqual(
          Object.fromEntries([...model].map(([id, a]) => [id, a.bookedBalance])),
        );
      }),
      { numRuns: 60 },
    );
    // 60 runs of up to 25 commands over six accounts (one frozen, some near their floor) meet every outcome.
    expect(outcomes.posted > 0 && outcomes.insufficient_funds > 0 && outcomes.account_frozen > 0).toBe(true);
  }, 30_000);
});

type PaymentCommand =
  | { kind: "pay"; from: number; to: number; pence: number; scheme: "instant" | "standard"; external: boolean }
  | { kind: "advance"; hours: number }
  | { kind: "reverse"; which: number }
  | { kind: "reset" };

const paymentCommand: fc.Arbitrary<PaymentCommand> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("pay" as const),
      from: fc.nat(5),
      to: fc.nat(5),
      pence: fc.oneof(fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 3_000_000 })),
      scheme: fc.constantFrom("instant" as const, "standard" as const),
      external: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), hours: fc.integer({ min: 1, max: 48 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), which: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
);

const EXPECTED_REFUSALS = new Set(["insufficient_funds", "account_frozen", "limit_exceeded", "invalid_beneficiary", "validation_failed"]);

describe("payment invariants under random payments, reversals, clock advances and resets (fast-check)", () => {
  it("keeps the ledger sound, clearing equal to the pending payments, and every acknowledged payment stored once with one event per state", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(paymentCommand, { minLength: 1, maxLength: 20 }), async (commands) => {
        const tenantId = `app_payprop${run++}`;
        await seedLedgerFixture(db, tenantId, NOW);
        let clock = NOW;
        let accounts = await customerAccounts(tenantId);
        let acknowledged: string[] = [];
        for (const c of commands) {
          if (c.kind === "pay") {
            const amount = { amount: `${Math.floor(c.pence / 100)}.${String(c.pence % 100).padStart(2, "0")}`, currency: "GBP" };
            const creditor = c.external
              ? { type: "sort_code" as const, name: "Someone Else", sort_code: "601613", account_number: "31926819" }
              : { type: "account" as const, account_id: accounts[c.to].id };
            try {
              const payment = await createPayment({
                db,
                tenantId,
                now: clock,
                input: { debtor_account_id: accounts[c.from].id, amount, creditor, scheme: c.scheme },
              });
              acknowledged.push(payment.id);
            } catch (error) {
              if (!(error instanceof AppError) || !EXPECTED_REFUSALS.has(error.code)) throw error;
            }
          }
          if (c.kind === "advance") {
            clock = new Date(clock.getTime() + c.hours * 3_600_000);
            await settleDuePayments({ db, tenantId, now: clock });
          }
          if (c.kind === "reverse") {
            // Reverse a completed payment's posting, as a refund would (it may decline: the money may be spent).
            const postings = await db.bankPosting.findMany({
              where: { tenantId, kind: { in: ["payment", "settlement"] } },
              orderBy: { id: "asc" },
              include: { entries: true },
            });
            if (postings.length) {
              const posting = postings[c.which % postings.length];
              const legs = posting.entries.map((e) => ({
                accountId: e.accountId,
                amount: -e.amount,
                line: { description: `Reversal of ${posting.reference}`, category: "transfer", channel: "transfer" as const },
              }));
              try {
                await db.$transaction((tx) =>
                  postTransfer(tx, { tenantId, kind: "reversal", reference: posting.reference, currency: "GBP", postedAt: clock, legs }),
                );
              } catch (error) {
                if (!(error instanceof LedgerDecline)) throw error;
              }
            }
          }
          if (c.kind === "reset") {
            await db.bankTenant.delete({ where: { id: tenantId } });
            await seedLedgerFixture(db, tenantId, NOW);
            clock = NOW;
            accounts = await customerAccounts(tenantId);
            acknowledged = [];
          }
        }

        expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
        const total = await db.bankAccount.aggregate({ where: { tenantId }, _sum: { bookedBalance: true } });
        expect(total._sum.bookedBalance).toBe(0n);

        const payments = await db.bankPayment.findMany({ where: { tenantId } });
        expect(payments.map((p) => p.id).sort()).toEqual([...acknowledged].sort());
        const pending = payments.filter((p) => p.status === "pending");
        expect(pending.every((p) => p.settlesAt! > clock || !commands.some((c) => c.kind === "advance"))).toBe(true);
        // Money in clearing is exactly what pending payments hold, minus what reversals returned.
        const clearing = await db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenantId, "clearing") } });
        const reversedClearing = await db.bankEntry.aggregate({
          where: { tenantId, accountId: clearing.id, posting: { kind: "reversal" } },
          _sum: { amount: true },
        });
        expect(clearing.bookedBalance - (reversedClearing._sum.amount ?? 0n)).toBe(pending.reduce((sum, p) => sum + p.amount, 0n));

        const events = await db.bankEvent.groupBy({ by: ["type"], where: { tenantId }, _count: { _all: true } });
        const count = (type: string) => events.find((e) => e.type === type)?._count._all ?? 0;
        expect(count("payment.completed")).toBe(payments.filter((p) => p.status === "completed").length);
        expect(count("payment.failed")).toBe(payments.filter((p) => p.status === "failed").length);
        expect(count("payment.created")).toBe(payments.filter((p) => p.scheme === "standard").length);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
