import { describe, expect, it } from "vitest";
import { nameSimilarity, normaliseName, screenName } from "./screen-name";

describe("sanctions name matching", () => {
  it("normalises case, diacritics, punctuation and word order", () => {
    expect(normaliseName("  Zoë  FROZENASSET-")).toEqual(["frozenasset", "zoe"]);
    expect(nameSimilarity("Sanctionov Ivan", "ivan sanctionov")).toBe(1);
    expect(nameSimilarity("Jose Contrabando Ruiz", "José Contrabando Ruiz")).toBe(1);
  });

  it("scores near misses high and different names low", () => {
    expect(nameSimilarity("Ivan Sanctionof", "Ivan Sanctionov")).toBe(0.93);
    expect(nameSimilarity("Hector Embargo Jr", "Hector Embargo")).toBe(0.87);
    expect(nameSimilarity("Ivan Smith", "Ivan Sanctionov")).toBeLessThan(0.5);
    expect(nameSimilarity("Ivan", "Ivan Sanctionov")).toBeLessThan(0.5);
    expect(nameSimilarity("", "Ivan Sanctionov")).toBe(0);
  });

  it("returns the matched entry only at or above 0.85", () => {
    expect(screenName("Embargo Héctor")).toEqual({
      score: 1,
      match: { id: "sx_003", name: "Hector Embargo", list: "Sandbox Consolidated List" },
    });
    expect(screenName("Alice Smith")).toMatchObject({ match: null });
    expect(screenName("Alice Smith").score).toBeLessThan(0.85);
  });
});
