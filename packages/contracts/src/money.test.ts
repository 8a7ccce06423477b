import { describe, expect, it } from "vitest";
import { formatMinor, formatMoneyForDisplay, parseMinor, toMoney } from "./money";

describe("money", () => {
  it("formats minor units as exact decimal strings", () => {
    expect(formatMinor(12550n, "GBP")).toBe("125.50");
    expect(formatMinor(5n, "EUR")).toBe("0.05");
    expect(formatMinor(-5n, "EUR")).toBe("-0.05");
    expect(formatMinor(0n, "GBP")).toBe("0.00");
    expect(formatMinor(1234n, "JPY")).toBe("1234");
    expect(formatMinor(1234n, "KWD")).toBe("1.234");
    expect(formatMinor(9_007_199_254_740_993n, "GBP")).toBe("90071992547409.93");
  });

  it("parses only exact amounts in the currency's precision", () => {
    expect(parseMinor("125.5", "GBP")).toBe(12550n);
    expect(parseMinor("125.50", "GBP")).toBe(12550n);
    expect(parseMinor("-0.01", "GBP")).toBe(-1n);
    expect(parseMinor("100", "JPY")).toBe(100n);
    for (const bad of ["", "1.234", "1e5", " 1", "1,00", "£1", "--1", ".5", "1.", "NaN"]) {
      expect(parseMinor(bad, "GBP"), bad).toBeNull();
    }
    expect(parseMinor("1.5", "JPY")).toBeNull();
  });

  it("round-trips every amount", () => {
    for (const minor of [0n, 1n, -1n, 99n, 100n, 123456789n, -987654321n]) {
      expect(parseMinor(formatMinor(minor, "GBP"), "GBP")).toBe(minor);
    }
  });

  it("builds wire money objects and formats them for people without floats", () => {
    expect(toMoney(-2599n, "GBP")).toEqual({ amount: "-25.99", currency: "GBP" });
    expect(formatMoneyForDisplay({ amount: "1234.50", currency: "GBP" })).toBe("£1,234.50");
    expect(formatMoneyForDisplay({ amount: "-3.20", currency: "EUR" })).toBe("-€3.20");
    expect(formatMoneyForDisplay({ amount: "90071992547409.93", currency: "GBP" })).toBe("£90,071,992,547,409.93");
  });
});
