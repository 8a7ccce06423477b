import type { PrismaClient } from "@prisma/client";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { AppError } from "@openbank/contracts/errors";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { systemAccountId } from "../src/domain/ledger/system-accounts";
import { acceptLoanOffer } from "../src/domain/lending/accept-loan-offer";
import { collectDueInstalments } from "../src/domain/lending/collect-due-instalments";
import { createBnplPlan } from "../src/domain/lending/create-bnpl-plan";
import { createLoanApplication } from "../src/domain/lending/create-loan-application";
import { repayLoan } from "../src/domain/lending/repay-loan";
import { createPayment } from "../src/domain/payments/create-payment";
import { createTestDatabase } from "./helpers";
import { fixtureAccountId, seedLedgerFixture } from "./ledger-fixture";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const DAY = 86_400_000;
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

type Command =
  | { kind: "loan"; pounds: number; term: number; offer: number; into: 0 | 1 }
  | { kind: "bnpl"; pence: number; instalments: 3 | 4; from: 0 | 1 }
  | { kind: "spend"; from: 0 | 1; pence: number }
  | { kind: "advance"; days: number }
  | { kind: "repay"; which: number; pence: number | null }
  | { kind: "reset" };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("loan" as const),
      pounds: fc.integer({ min: 1_000, max: 6_000 }),
      term: fc.integer({ min: 12, max: 24 }),
      offer: fc.nat(2),
      into: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("bnpl" as const),
      pence: fc.integer({ min: 3_000, max: 60_000 }),
      instalments: fc.constantFrom(3 as const, 4 as const),
      from: fc.constantFrom(0 as const, 1 as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("spend" as const),
      from: fc.constantFrom(0 as const, 1 as const),
      pence: fc.integer({ min: 1, max: 400_000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("advance" as const), days: fc.integer({ min: 1, max: 90 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("repay" as const),
      which: fc.nat(5),
      pence: fc.option(fc.integer({ min: 100, max: 300_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "reset" as const }) },
);

/** Refusals the rules may give for a random request: anything else is a bug. */
const EXPECTED = new Set([
  "insufficient_funds",
  "bnpl_declined",
  "offer_expired",
  "offer_already_accepted",
  "account_frozen",
  "conflict",
  "validation_failed",
]);

async function seed(tenantId: string) {
  await seedLedgerFixture(db, tenantId, NOW);
  // A lendable customer: an income, and no account under review (a frozen account declines all credit).
  await db.bankCustomer.updateMany({ where: { tenantId }, data: { annualIncome: 60_000_00n, creditScore: 760 } });
  await db.bankAccount.updateMany({ where: { tenantId, status: "frozen" }, data: { status: "active" } });
}

describe("lending keeps the ledger sound (fast-check)", () => {
  it("over random loans, BNPL plans, spending, clock advances and resets: invariants, conservation, schedules matching balances", async () => {
    let run = 0;
    const seen = { personal_loan: 0, bnpl: 0, paid_off: 0, in_arrears: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const tenantId = `app_lendprop${run++}`;
        await seed(tenantId);
        let clock = NOW;
        const accounts = [fixtureAccountId(tenantId, "current"), fixtureAccountId(tenantId, "overdrawn")];
        const customerId = (await db.bankCustomer.findFirstOrThrow({ where: { tenantId } })).id;
        const refuse = (error: unknown) => {
          if (!(error instanceof AppError) || !EXPECTED.has(error.code)) throw error;
        };
        for (const c of commands) {
          if (c.kind === "loan") {
            const application = await createLoanApplication({
              db,
              tenantId,
              now: clock,
              input: { customer_id: customerId, amount: { amount: `${c.pounds}.00`, currency: "GBP" }, term_months: c.term },
            });
            const offer = application.offers[c.offer % Math.max(application.offers.length, 1)];
            if (offer)
              await acceptLoanOffer({ db, tenantId, now: clock, offerId: offer.id, disbursementAccountId: accounts[c.into] }).catch(refuse);
          }
          if (c.kind === "bnpl") {
            const amount = `${Math.floor(c.pence / 100)}.${String(c.pence % 100).padStart(2, "0")}`;
            await createBnplPlan({
              db,
              tenantId,
              now: clock,
              input: {
                account_id: accounts[c.from],
                merchant_name: "Shop",
                purchase_amount: { amount, currency: "GBP" },
                instalments: c.instalments,
              },
            }).catch(refuse);
          }
          if (c.kind === "spend") {
            const amount = { amount: `${Math.floor(c.pence / 100)}.${String(c.pence % 100).padStart(2, "0")}`, currency: "GBP" };
            await createPayment({
              db,
              tenantId,
              now: clock,
              input: {
                debtor_account_id: accounts[c.from],
                amount,
                creditor: { type: "sort_code", name: "Someone", sort_code: "601613", account_number: "31926819" },
                scheme: "instant",
              },
            }).catch(refuse);
          }
          if (c.kind === "advance") {
            clock = new Date(clock.getTime() + c.days * DAY);
            await collectDueInstalments({ db, tenantId, now: clock });
          }
          if (c.kind === "repay") {
            const loans = await db.bankLoan.findMany({ where: { tenantId }, orderBy: { id: "asc" }, select: { id: true } });
            const amount =
              c.pence === null
                ? undefined
                : { amount: `${Math.floor(c.pence / 100)}.${String(c.pence % 100).padStart(2, "0")}`, currency: "GBP" };
            if (loans.length) await repayLoan({ db, tenantId, now: clock, loanId: loans[c.which % loans.length].id, amount }).catch(refuse);
          }
          if (c.kind === "reset") {
            await db.bankTenant.delete({ where: { id: tenantId } });
            await seed(tenantId);
            clock = NOW;
          }
        }

        expect(await checkLedgerInvariants({ db, tenantId })).toEqual([]);
        const total = await db.bankAccount.aggregate({ where: { tenantId }, _sum: { bookedBalance: true } });
        expect(total._sum.bookedBalance).toBe(0n);

        const loans = await db.bankLoan.findMany({ where: { tenantId }, include: { instalments: true, account: true } });
        for (const loan of loans) {
          seen[loan.kind as "bnpl"]++;
          if (loan.status !== "active") seen[loan.status as "paid_off"]++;
        }
        let interest = 0n;
        for (const loan of loans) {
          const paid = loan.instalments.filter((line) => line.status === "paid");
          // What the loan account owes is exactly what the unpaid instalments still repay (overpayments re-amortise them).
          expect(-loan.account.bookedBalance).toBe(
            loan.instalments.filter((line) => line.status !== "paid").reduce((sum, line) => sum + line.principal, 0n),
          );
          expect(loan.instalments).toHaveLength(loan.instalmentCount);
          expect(loan.status === "paid_off").toBe(paid.length === loan.instalmentCount);
          expect(loan.status === "in_arrears").toBe(loan.instalments.some((line) => line.status === "missed"));
          // Nothing due is left scheduled: collection ran at every clock move, and an instalment falls due after its loan starts.
          expect(loan.instalments.filter((line) => line.status === "scheduled" && line.dueAt <= clock)).toEqual([]);
          interest += paid.reduce((sum, line) => sum + line.interest, 0n);
        }
        const income = await db.bankAccount.findUniqueOrThrow({ where: { id: systemAccountId(tenantId, "interestIncome") } });
        expect(income.bookedBalance).toBe(interest);
        const events = await db.bankEvent.groupBy({ by: ["type"], where: { tenantId }, _count: { _all: true } });
        const count = (type: string) => events.find((e) => e.type === type)?._count._all ?? 0;
        expect(count("loan.disbursed")).toBe(loans.filter((loan) => loan.kind === "personal_loan").length);
        expect(count("bnpl.plan_created")).toBe(loans.filter((loan) => loan.kind === "bnpl").length);
        expect(count("loan.paid_off")).toBe(loans.filter((loan) => loan.status === "paid_off").length);
        expect(count("loan.instalment_paid")).toBe(
          loans.reduce((sum, loan) => sum + loan.instalments.filter((line) => line.status === "paid").length, 0),
        );
        // Money repaid = principal lent back to the loan accounts + interest earned.
        const repaid = await db.bankEntry.aggregate({
          where: { tenantId, posting: { kind: "repayment" }, amount: { lt: 0n } },
          _sum: { amount: true },
        });
        const principalBack = loans.reduce((sum, loan) => sum + loan.principal + loan.account.bookedBalance, 0n);
        expect(-(repaid._sum.amount ?? 0n)).toBe(principalBack + interest);
      }),
      { numRuns: 40 },
    );
    // The runs did lend and pay off (not only refuse); arrears come up in most runs, but not reliably in 40 cases.
    expect(seen.personal_loan > 0 && seen.bnpl > 0 && seen.paid_off > 0).toBe(true);
  }, 120_000);
});
