import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PENDING_DAYS } from "./history-builder";
import { isValidIban } from "./iban";
import { planSeed, type PlannedAccount } from "./plan-seed";

const DAY_MS = 86_400_000;
const seededAt = new Date("2026-11-21T10:30:00.000Z");
const plan = planSeed(seededAt);
const accounts = plan.flatMap((customer) => customer.accounts.map((account) => ({ persona: customer.persona, account })));
const bookedSum = (account: PlannedAccount) => account.transactions.reduce((sum, tx) => (tx.bookedAt ? sum + tx.amount : sum), 0n);
const byPersona = (persona: string) => plan.find((customer) => customer.persona === persona)!;

/** What must not depend on the seeding date: everything but the timestamps. */
const shape = (at: Date) =>
  planSeed(at).map((c) => ({
    persona: c.persona,
    accounts: c.accounts.map((a) => ({
      key: a.key,
      balance: a.bookedBalance,
      txns: a.transactions
        .map((t) => [t.amount, t.description, t.category, t.channel, t.bookedAt === null, t.merchant?.mcc ?? null].join("|"))
        .sort(),
    })),
  }));

describe("seed plan", () => {
  it("has the six personas, each with a current, a savings and a credit card account", () => {
    expect(plan.map((c) => c.persona)).toEqual(["good_credit", "thin_file", "overdrawn", "small_business", "student", "frozen_account"]);
    for (const customer of plan) expect(customer.accounts.map((a) => a.key)).toEqual(["current", "savings", "credit_card"]);
    expect(byPersona("small_business").kind).toBe("business");
  });

  it.each(accounts.map(({ persona, account }) => [`${persona}:${account.key}`, account] as const))(
    "%s: booked balance is the sum of its booked transactions",
    (_name, account) => {
      expect(account.bookedBalance).toBe(bookedSum(account));
    },
  );

  it("keeps the whole seed between 1k and 2k rows", () => {
    const rows = accounts.reduce((n, { account }) => n + account.transactions.length, 0);
    expect(rows).toBeGreaterThan(1_000);
    expect(rows).toBeLessThan(2_000);
  });

  it("spans at least 120 days (90 for the thin file), all before seededAt", () => {
    for (const customer of plan) {
      const times = customer.accounts.flatMap((a) => a.transactions.map((t) => t.transactedAt.getTime()));
      const days = (seededAt.getTime() - Math.min(...times)) / DAY_MS;
      expect(days).toBeGreaterThanOrEqual(customer.persona === "thin_file" ? 90 : 120);
      expect(Math.max(...times)).toBeLessThan(seededAt.getTime());
      for (const t of customer.accounts.flatMap((a) => a.transactions)) {
        if (t.bookedAt) expect(t.bookedAt.getTime()).toBeLessThan(seededAt.getTime());
      }
    }
  });

  it("leaves only the last days' card payments pending", () => {
    const pending = accounts.flatMap(({ account }) => account.transactions.filter((t) => t.bookedAt === null));
    expect(pending.length).toBeGreaterThan(0);
    for (const tx of pending) {
      expect(tx.channel).toBe("card");
      expect(seededAt.getTime() - tx.transactedAt.getTime()).toBeLessThan((PENDING_DAYS + 1) * DAY_MS);
    }
  });

  it("keeps every current account inside its arranged overdraft, day after day", () => {
    for (const { persona, account } of accounts.filter((a) => a.account.key === "current")) {
      let running = 0n;
      const booked = account.transactions.filter((t) => t.bookedAt).sort((a, b) => a.bookedAt!.getTime() - b.bookedAt!.getTime());
      for (const tx of booked) {
        running += tx.amount;
        expect(running, `${persona} at ${tx.bookedAt!.toISOString()}`).toBeGreaterThanOrEqual(-(account.overdraftLimit ?? 0n));
      }
    }
  });

  it("gives each persona its defining trait", () => {
    const current = (persona: string) => byPersona(persona).accounts.find((a) => a.key === "current")!;
    expect(current("overdrawn").bookedBalance).toBeLessThan(0n);
    expect(current("overdrawn").bookedBalance).toBeGreaterThanOrEqual(-current("overdrawn").overdraftLimit!);
    expect(current("frozen_account").status).toBe("frozen");
    expect(byPersona("good_credit").creditScore).toBeGreaterThanOrEqual(780);
    expect(byPersona("thin_file").creditScore).toBeLessThan(600);
    const studentIncome = current("student").transactions.map((t) => t.category);
    expect(studentIncome).toContain("student_loan");
    expect(studentIncome).toContain("wages");
    const business = current("small_business").transactions.map((t) => t.category);
    for (const category of ["card_takings", "supplier_payment", "vat", "payroll"]) expect(business).toContain(category);
    const cards = accounts.filter((a) => a.account.key === "credit_card");
    expect(cards).toHaveLength(6);
    for (const { account } of cards) {
      expect(account.bookedBalance).toBeLessThanOrEqual(0n);
      expect(account.bookedBalance).toBeGreaterThanOrEqual(-account.creditLimit!);
    }
  });

  it("uses valid identifiers and ISO 18245 merchant codes", () => {
    for (const { account } of accounts) {
      if (account.key === "credit_card") expect(account.maskedPan).toMatch(/^\d{6}\*{6}\d{4}$/);
      else {
        expect(account.sortCode).toMatch(/^\d{6}$/);
        expect(account.accountNumber).toMatch(/^\d{8}$/);
      }
    }
    const codes = accounts.flatMap(({ account }) => account.transactions.flatMap((tx) => (tx.merchant ? [tx.merchant.mcc] : [])));
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) expect(code).toMatch(/^\d{4}$/);
    expect(isValidIban("GB96OBSX99001141825937")).toBe(true);
  });

  it("is the same seed whatever the seeding date (only timestamps move)", () => {
    const reference = shape(seededAt);
    fc.assert(
      fc.property(fc.date({ min: new Date("2001-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }), (at) => {
        expect(shape(at)).toEqual(reference);
      }),
      { numRuns: 15 },
    );
  });
});
