import { describe, expect, it } from "vitest";
import { cashbackFor, pointsFor } from "./reward-rules";

describe("reward points", () => {
  it("earns 1 point per whole pound, 2 at supermarkets, none on cash-like spending", () => {
    expect(pointsFor({ amount: -1_299n, merchantCategoryCode: "5812" })).toBe(12);
    expect(pointsFor({ amount: -1_299n, merchantCategoryCode: "5411" })).toBe(24);
    expect(pointsFor({ amount: -99n, merchantCategoryCode: "5411" })).toBe(0);
    expect(pointsFor({ amount: -10_000n, merchantCategoryCode: "6011" })).toBe(0);
    expect(pointsFor({ amount: -500n, merchantCategoryCode: null })).toBe(5);
  });

  it("takes the points back on a refund", () => {
    expect(pointsFor({ amount: 1_299n, merchantCategoryCode: "5411" })).toBe(-24);
  });

  it("pays 0.5p a point", () => {
    expect(cashbackFor(500)).toBe(250n);
    expect(cashbackFor(12_500)).toBe(6_250n);
  });
});
