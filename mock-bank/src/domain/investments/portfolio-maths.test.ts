import { describe, expect, it } from "vitest";
import { findFund, funds, srriFromVolatility } from "./funds";
import { modelPortfolios, RISK_PROFILES } from "./model-portfolios";
import { correlation, portfolioVolatility, projectLognormal, weighted } from "./portfolio-maths";

describe("srriFromVolatility", () => {
  it.each([
    [0.1, 1],
    [0.5, 2],
    [1.99, 2],
    [2, 3],
    [4.9, 3],
    [5, 4],
    [9.99, 4],
    [10, 5],
    [14.9, 5],
    [15, 6],
    [24.9, 6],
    [25, 7],
    [60, 7],
  ])("volatility %s%% is risk level %s", (volatility, level) => expect(srriFromVolatility(volatility)).toBe(level));
});

describe("model portfolios", () => {
  it.each(RISK_PROFILES)("%s holds existing funds with weights summing to 100", (profile) => {
    const weights = Object.entries(modelPortfolios[profile].weights);
    expect(weights.every(([id]) => findFund(id))).toBe(true);
    expect(weights.reduce((sum, [, w]) => sum + w, 0)).toBe(100);
  });
});

describe("portfolio maths", () => {
  const equity = findFund("fund_global_equity")!;
  const gilts = findFund("fund_uk_gilts")!;
  it("has symmetric correlations in [−1, 1] and 1 on the diagonal", () => {
    for (const a of funds)
      for (const b of funds) {
        expect(correlation(a, b)).toBeCloseTo(correlation(b, a), 12);
        expect(Math.abs(correlation(a, b))).toBeLessThanOrEqual(1);
      }
    expect(correlation(equity, equity)).toBe(1);
  });

  it("gives a single fund its own volatility and diversifies a mix below the weighted average", () => {
    expect(portfolioVolatility([{ fund: equity, weight: 100 }])).toBeCloseTo(15.5, 10);
    const mix = [
      { fund: equity, weight: 50 },
      { fund: gilts, weight: 50 },
    ];
    expect(portfolioVolatility(mix)).toBeLessThan(weighted(mix, (f) => f.volatility));
    // σ² = .25·.155² + .25·.075² + 2·.25·.155·.075·0.2
    expect(portfolioVolatility(mix)).toBeCloseTo(
      Math.sqrt(0.25 * 0.155 ** 2 + 0.25 * 0.075 ** 2 + 2 * 0.25 * 0.155 * 0.075 * 0.2) * 100,
      10,
    );
  });

  it("projects lognormally: mean = amount·(1+r)^T, the median below it, p10/p90 symmetric in log space", () => {
    const p = projectLognormal(10_000, 0.06, 0.12, 10);
    expect(p.expected).toBeCloseTo(10_000 * 1.06 ** 10, 6);
    expect(p.p50).toBeLessThan(p.expected);
    expect(Math.log(p.p90 / p.p50)).toBeCloseTo(Math.log(p.p50 / p.p10), 10);
    const s2 = Math.log(1 + 0.12 ** 2 / 1.06 ** 2);
    expect(p.p50).toBeCloseTo(10_000 * Math.exp((Math.log(1.06) - s2 / 2) * 10), 6);
    // No volatility: every percentile is the compounded amount.
    const flat = projectLognormal(100, 0.04, 0, 5);
    expect(flat.p10).toBeCloseTo(100 * 1.04 ** 5, 9);
    expect(flat.p90).toBeCloseTo(flat.p10, 9);
  });
});
