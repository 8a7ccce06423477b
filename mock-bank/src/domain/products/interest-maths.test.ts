import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { depositProducts } from "./deposit-products";
import {
  addUtcMonths,
  basisPointsToRate,
  dailyInterest,
  endOfDayBalances,
  grossRateFromAer,
  rateToBasisPoints,
  startOfNextUtcMonth,
} from "./interest-maths";
import { duePeriods } from "./pay-due-interest";

const d = (iso: string) => new Date(iso);

describe("rates", () => {
  it("round-trips percent strings and basis points", () => {
    expect(rateToBasisPoints("4.10")).toBe(410);
    expect(basisPointsToRate(5)).toBe("0.05");
    expect(() => rateToBasisPoints("4.1")).toThrow();
  });

  it("converts AER to the gross rate for monthly payment and for a term paid at maturity", () => {
    // 12 × ((1.041)^(1/12) − 1) = 4.0269%
    expect(grossRateFromAer("4.10", { paymentsPerYear: 12 })).toBe("4.02");
    expect(grossRateFromAer("4.50", { termYears: 1 })).toBe("4.50");
    // ((1.043)² − 1) / 2 = 4.3925%
    expect(grossRateFromAer("4.30", { termYears: 2 })).toBe("4.39");
    for (const product of depositProducts)
      expect(rateToBasisPoints(product.grossRate)).toBeGreaterThanOrEqual(rateToBasisPoints(product.aer) - 10);
  });
});

describe("dates", () => {
  it("adds calendar months, clamping to the month's end", () => {
    expect(addUtcMonths(d("2026-11-21T10:30:00Z"), 12).toISOString()).toBe("2027-11-21T10:30:00.000Z");
    expect(addUtcMonths(d("2027-01-31T00:00:00Z"), 1).toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(addUtcMonths(d("2028-01-31T00:00:00Z"), 1).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(startOfNextUtcMonth(d("2026-12-15T09:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("finds monthly periods up to now, and a bond's single period once it matures", () => {
    const from = d("2026-11-21T00:00:00Z");
    expect(duePeriods({ from, now: d("2026-11-30T23:59:59Z"), maturesAt: null })).toEqual([]);
    expect(
      duePeriods({ from, now: d("2027-01-15T00:00:00Z"), maturesAt: null }).map((p) => [
        p.from.toISOString().slice(0, 10),
        p.to.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ["2026-11-21", "2026-12-01"],
      ["2026-12-01", "2027-01-01"],
    ]);
    const maturesAt = d("2027-11-21T10:30:00Z");
    expect(duePeriods({ from, now: d("2027-11-21T10:29:59Z"), maturesAt })).toEqual([]);
    expect(duePeriods({ from, now: maturesAt, maturesAt })).toEqual([{ from, to: d("2027-11-21T00:00:00Z"), paidAt: maturesAt }]);
    expect(duePeriods({ from: d("2027-11-21T00:00:00Z"), now: d("2028-01-01T00:00:00Z"), maturesAt })).toEqual([]);
  });
});

describe("daily interest", () => {
  it("reconstructs end-of-day balances from the current balance and later movements", () => {
    const balances = endOfDayBalances({
      from: d("2026-12-01T00:00:00Z"),
      to: d("2026-12-04T00:00:00Z"),
      currentBalance: 1_500n,
      movements: [
        { at: d("2026-12-02T09:00:00Z"), amount: 500n },
        { at: d("2026-12-05T09:00:00Z"), amount: 100n },
      ],
    });
    // Day 1 ends before the deposit of day 2; the movement after the range is excluded too.
    expect(balances).toEqual([900n, 1_400n, 1_400n]);
  });

  it("is Σ balance × gross / 365, truncated once, ignoring negative days", () => {
    // £10,000 for 365 days at 4.50% = £450.00 exactly
    expect(dailyInterest(new Array(365).fill(1_000_000n), "4.50")).toBe(45_000n);
    // £100 for one day at 4.02%: 10,000 × 402 / 3,650,000 = 1.1p → 1p
    expect(dailyInterest([10_000n], "4.02")).toBe(1n);
    expect(dailyInterest([-50_000n, 0n], "4.02")).toBe(0n);
    // Fractions add up across days before truncating: 10 × 1.1p = 11p, not 10p.
    expect(dailyInterest(new Array(10).fill(10_000n), "4.02")).toBe(11n);
  });

  it("loses at most a penny by truncating per period, and never pays on balances at or below zero", () => {
    const balances = fc.array(fc.bigInt({ min: -1_000_000n, max: 100_000_000n }), { maxLength: 62 });
    fc.assert(
      fc.property(balances, balances, fc.constantFrom("0.50", "4.02", "4.50", "4.39"), (a, b, rate) => {
        const whole = dailyInterest([...a, ...b], rate);
        const split = dailyInterest(a, rate) + dailyInterest(b, rate);
        expect(whole - split >= 0n && whole - split <= 1n).toBe(true);
        expect(
          dailyInterest(
            a.map((x) => (x > 0n ? -x : x)),
            rate,
          ),
        ).toBe(0n);
      }),
    );
  });
});
