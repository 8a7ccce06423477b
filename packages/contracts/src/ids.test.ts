import { describe, expect, it } from "vitest";
import { newId, stableId } from "./ids";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("newId", () => {
  it("is the kind's prefix and 22 base62 characters, never the same twice", () => {
    const ids = Array.from({ length: 50_000 }, () => newId("request"));
    for (const id of ids.slice(0, 1_000)) expect(id).toMatch(/^req_[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newId("webhookDelivery")).toMatch(/^dlv_[0-9A-Za-z]{22}$/);
  });

  it("draws every character uniformly over the 62", () => {
    // 50,000 ids × 22 chars: ~17,700 per character. Chi-squared with 61 degrees of freedom is above
    // 160 with a probability under 1e-10 for uniform characters; a biased mapping (bytes mod 62
    // without rejection favours the first 8 characters by 1/31) scores in the thousands.
    const counts = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) for (const char of newId("request").slice(4)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect([...counts.keys()].sort().join("")).toBe([...BASE62].sort().join(""));
    const expected = (50_000 * 22) / 62;
    const chiSquared = [...counts.values()].reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquared).toBeLessThan(160);
  });
});

describe("stableId", () => {
  it("is the same id for the same tenant and seed position, as every release made it (a reset restores identical ids)", () => {
    expect(stableId("account", "app_x", "seed:1")).toBe("acc_QnS9RSRZBgaSDFvfwkm9Oz");
    expect(stableId("account", "app_y", "seed:1")).not.toBe(stableId("account", "app_x", "seed:1"));
  });
});
