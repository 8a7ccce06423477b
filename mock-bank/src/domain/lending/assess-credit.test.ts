import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSeed } from "../../seed/plan-seed";
import { assessCredit, LIVING_COSTS, maxMonthlyPayment, offerTerms, scoreBand, type CreditInputs } from "./assess-credit";
import { creditInputs } from "./credit-inputs";
import { bnplLimit, decideBnpl } from "./decide-bnpl";

const base: CreditInputs = {
  kycStatus: "approved",
  creditScore: 760,
  annualIncome: 60_000_00n,
  housingCosts: 1_200_00n,
  monthlyDebt: 100_00n,
  hasArrears: false,
  hasRestrictedAccount: false,
};
const ask = (amount: bigint, termMonths = 36) => ({ amount, termMonths });
const codes = (decision: { reasons: { code: string }[] }) => decision.reasons.map((reason) => reason.code);

describe("assessCredit", () => {
  it("prices by score band", () => {
    expect([812, 760, 700, 600, 579, 0].map((score) => scoreBand(score)?.apr ?? null)).toEqual([
      "6.40",
      "8.90",
      "12.90",
      "24.90",
      null,
      null,
    ]);
  });

  it("approves an affordable request as asked, with a longer and a shorter alternative", () => {
    const decision = assessCredit(base, ask(10_000_00n));
    expect(decision.decision).toBe("approved");
    expect(decision.reasons).toEqual([]);
    expect(decision.offers.map((offer) => [offer.amount, offer.termMonths, offer.apr])).toEqual([
      [10_000_00n, 36, "8.90"],
      [10_000_00n, 48, "8.90"],
      [10_000_00n, 24, "8.90"],
    ]);
    expect(decision.offers[0]).toEqual(offerTerms(10_000_00n, 36, "8.90"));
    expect(decision.assessment).toMatchObject({
      credit_score: 760,
      score_band: "very_good",
      gross_monthly_income: 5_000_00n,
      net_monthly_income: 3_750_00n,
      debt_to_income: "26.00",
    });
  });

  it("offers less, or longer, when the request is above the band's limit or unaffordable", () => {
    const fair = assessCredit({ ...base, creditScore: 600 }, ask(10_000_00n));
    expect(codes(fair)).toEqual(["amount_above_band_limit"]);
    expect(fair.offers.every((offer) => offer.amount <= 5_000_00n)).toBe(true);

    const tight = { ...base, annualIncome: 30_000_00n, housingCosts: 700_00n };
    const { payment } = maxMonthlyPayment(tight);
    const decision = assessCredit(tight, ask(10_000_00n, 24));
    expect(decision.decision).toBe("approved");
    expect(codes(decision)).toEqual(["requested_payment_unaffordable"]);
    for (const offer of decision.offers) expect(offer.monthlyPayment).toBeLessThanOrEqual(payment);
    expect(decision.offers[0]).toMatchObject({ termMonths: 24 });
    expect(decision.offers[0].amount).toBeLessThan(10_000_00n);
    expect(decision.offers[1]).toMatchObject({ amount: 10_000_00n });
    expect(decision.offers[1].termMonths).toBeGreaterThan(24);
  });

  it("declines with every reason that applies", () => {
    expect(codes(assessCredit({ ...base, creditScore: 0 }, ask(5_000_00n)))).toEqual(["no_credit_file"]);
    expect(codes(assessCredit({ ...base, creditScore: 561, kycStatus: "review" }, ask(5_000_00n)))).toEqual([
      "kyc_not_approved",
      "credit_score_too_low",
    ]);
    expect(codes(assessCredit({ ...base, hasRestrictedAccount: true, hasArrears: true }, ask(5_000_00n)))).toEqual([
      "account_restricted",
      "existing_arrears",
    ]);
    expect(codes(assessCredit({ ...base, housingCosts: 2_500_00n }, ask(5_000_00n)))).toEqual(["debt_to_income_too_high"]);
    expect(codes(assessCredit({ ...base, annualIncome: 0n }, ask(5_000_00n)))).toEqual(["unaffordable"]);
    // Within the DTI limit, but nothing left after living costs.
    const squeezed = assessCredit({ ...base, annualIncome: 20_000_00n, housingCosts: 700_00n, monthlyDebt: 0n }, ask(5_000_00n));
    expect(codes(squeezed)).toEqual(["unaffordable"]);
    expect(squeezed.offers).toEqual([]);
    expect(LIVING_COSTS).toBe(700_00n);
  });

  it("never offers an instalment above what is affordable, or more than the band lends (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.bigInt({ min: 0n, max: 200_000_00n }),
        fc.bigInt({ min: 0n, max: 3_000_00n }),
        fc.bigInt({ min: 0n, max: 1_000_00n }),
        fc.bigInt({ min: 1_000n, max: 25_000n }),
        fc.integer({ min: 12, max: 60 }),
        (creditScore, annualIncome, housingCosts, monthlyDebt, pounds, term) => {
          const inputs = { ...base, creditScore, annualIncome, housingCosts, monthlyDebt };
          const decision = assessCredit(inputs, ask(pounds * 100n, term));
          const { payment } = maxMonthlyPayment(inputs);
          expect(decision.decision === "declined").toBe(decision.offers.length === 0);
          for (const offer of decision.offers) {
            expect(offer.monthlyPayment).toBeLessThanOrEqual(payment);
            expect(offer.amount).toBeLessThanOrEqual(scoreBand(creditScore)!.maxAmount);
            expect(offer.amount).toBeGreaterThanOrEqual(1_000_00n);
            expect(offer.termMonths >= 12 && offer.termMonths <= 60).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the personas' outcomes (from the seed's own data)", () => {
  const at = new Date("2026-11-21T00:00:00Z");
  const inputsOf = (persona: string) => {
    const plan = planSeed(at).find((customer) => customer.persona === persona)!;
    const recentDebits = plan.accounts.flatMap((account) =>
      account.transactions.filter((tx) => tx.bookedAt && tx.bookedAt.getTime() > at.getTime() - 30 * 86_400_000 && tx.amount < 0n),
    );
    return creditInputs({
      customer: { kycStatus: "approved", creditScore: plan.creditScore, annualIncome: plan.annualIncome },
      accounts: plan.accounts.map((account) => ({
        type: account.key,
        status: account.status ?? "active",
        bookedBalance: account.bookedBalance,
      })),
      recentDebits,
      loans: [],
    });
  };

  it.each([
    ["good_credit", "approved", [], 10_000_00n],
    ["small_business", "approved", [], 10_000_00n],
    ["overdrawn", "approved", ["amount_above_band_limit"], 4_800_00n],
    ["thin_file", "declined", ["credit_score_too_low"], null],
    ["student", "declined", ["debt_to_income_too_high"], null],
    ["frozen_account", "declined", ["account_restricted"], null],
  ] as const)("%s asking £10,000 over 36 months: %s %j", (persona, decision, reasons, firstAmount) => {
    const result = assessCredit(inputsOf(persona), ask(10_000_00n));
    expect(result.decision).toBe(decision);
    expect(codes(result)).toEqual(reasons);
    expect(result.offers[0]?.amount ?? null).toBe(firstAmount);
  });

  it("counts the mortgage, card minimums, overdraft use and other lenders' instalments", () => {
    expect(inputsOf("good_credit")).toMatchObject({ housingCosts: 1_245_00n, monthlyDebt: 25_00n });
    const overdrawn = inputsOf("overdrawn");
    expect(overdrawn.housingCosts).toBe(950_00n);
    // Klarna 36.66 + 3 % of the card balance + 3 % of 742.18 overdrawn.
    expect(overdrawn.monthlyDebt).toBeGreaterThan(36_66n + 22_26n);
  });
});

describe("BNPL decisions", () => {
  const ok = {
    kycStatus: "approved",
    creditScore: 700,
    hasArrears: false,
    hasRestrictedAccount: false,
    outstanding: 0n,
    purchase: 400_00n,
  };

  it("sets the plan limit by score, with a starter limit for no credit file", () => {
    expect([812, 700, 561, 499, 0].map(bnplLimit)).toEqual([2_000_00n, 1_000_00n, 500_00n, null, 250_00n]);
  });

  it("approves within the limit and declines with one clear code", () => {
    expect(decideBnpl(ok)).toEqual({ approved: true, limit: 1_000_00n });
    expect(decideBnpl({ ...ok, outstanding: 700_00n })).toMatchObject({ approved: false, code: "over_plan_limit" });
    expect(decideBnpl({ ...ok, creditScore: 420 })).toMatchObject({ approved: false, code: "credit_score_too_low" });
    expect(decideBnpl({ ...ok, kycStatus: "rejected" })).toMatchObject({ approved: false, code: "kyc_not_approved" });
    expect(decideBnpl({ ...ok, hasRestrictedAccount: true })).toMatchObject({ approved: false, code: "account_restricted" });
    expect(decideBnpl({ ...ok, hasArrears: true })).toMatchObject({ approved: false, code: "existing_arrears" });
  });
});
