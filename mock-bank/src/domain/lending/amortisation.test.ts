import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, buildSchedule, levelPayment, monthlyRate, principalFor } from "./amortisation";

const principal = fc.bigInt({ min: 100n, max: 5_000_000n });
const apr = fc.integer({ min: 0, max: 9_999 }).map((basisPoints) => (basisPoints / 100).toFixed(2));
const term = fc.integer({ min: 1, max: 84 });

describe("amortisation", () => {
  it("uses the UK APR's monthly rate: 12 compounded months make the APR", () => {
    expect(Math.pow(1 + monthlyRate("6.40"), 12) - 1).toBeCloseTo(0.064, 12);
    expect(monthlyRate("0.00")).toBe(0);
  });

  it("matches a worked example: £10,000 over 36 months at 6.4 % APR", () => {
    const schedule = buildSchedule(1_000_000n, monthlyRate("6.40"), 36);
    expect(schedule.payment).toBe(30_522n);
    expect(schedule.lines[0]).toEqual({
      sequence: 1,
      amount: 30_522n,
      principal: 30_522n - 5_183n,
      interest: 5_183n,
      balanceAfter: 1_000_000n - (30_522n - 5_183n),
    });
    expect(schedule.lines.at(-1)!.balanceAfter).toBe(0n);
    expect(schedule.totalInterest).toBe(schedule.totalRepayable - 1_000_000n);
  });

  it("splits an interest-free plan to the penny, the last instalment taking the remainder", () => {
    expect(buildSchedule(10_000n, 0, 3).lines.map((line) => line.amount)).toEqual([3_333n, 3_333n, 3_334n]);
    expect(buildSchedule(48_000n, 0, 4).lines.map((line) => line.amount)).toEqual([12_000n, 12_000n, 12_000n, 12_000n]);
  });

  it("repays exactly the principal, reaches zero, and never charges negative amounts (property)", () => {
    fc.assert(
      fc.property(principal, apr, term, (p, a, n) => {
        const schedule = buildSchedule(p, monthlyRate(a), n);
        expect(schedule.lines).toHaveLength(n);
        expect(schedule.lines.reduce((sum, line) => sum + line.principal, 0n)).toBe(p);
        expect(schedule.lines.at(-1)!.balanceAfter).toBe(0n);
        for (const line of schedule.lines) {
          expect(line.amount).toBe(line.principal + line.interest);
          expect(line.principal >= 0n && line.interest >= 0n).toBe(true);
        }
        expect(schedule.totalRepayable).toBe(schedule.lines.reduce((sum, line) => sum + line.amount, 0n));
        // Only the last instalment may differ from the level payment, and only by the rounding
        // (at most a penny a month, compounding at the monthly rate).
        const last = Number(schedule.lines.at(-1)!.amount);
        expect(Math.abs(last - Number(schedule.payment))).toBeLessThanOrEqual(n * Math.pow(1 + monthlyRate(a), n));
      }),
      { numRuns: 400 },
    );
  });

  it("charges a payment that rises with the APR and falls with the term (property)", () => {
    fc.assert(
      fc.property(principal, apr, apr, term, (p, a, b, n) => {
        const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
        expect(levelPayment(p, monthlyRate(low), n) <= levelPayment(p, monthlyRate(high), n)).toBe(true);
        if (n > 1) expect(levelPayment(p, monthlyRate(low), n) <= levelPayment(p, monthlyRate(low), n - 1)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("inverts the payment: the principal a payment repays costs at most that payment", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1_000n, max: 500_000n }), apr, fc.integer({ min: 12, max: 60 }), (payment, a, n) => {
        const p = principalFor(payment, monthlyRate(a), n);
        expect(p > 0n).toBe(true);
        expect(levelPayment(p, monthlyRate(a), n) <= payment + 1n).toBe(true);
      }),
    );
  });

  it("adds calendar months, clamping to the month's last day", () => {
    expect(addMonths(new Date("2026-01-31T10:30:00Z"), 1).toISOString()).toBe("2026-02-28T10:30:00.000Z");
    expect(addMonths(new Date("2026-11-21T10:30:00Z"), 2).toISOString()).toBe("2027-01-21T10:30:00.000Z");
    expect(addMonths(new Date("2028-01-31T00:00:00Z"), 1).toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
});
