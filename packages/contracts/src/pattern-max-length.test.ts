import { describe, expect, it } from "vitest";
import { z } from "zod";
import { patternMaxLength } from "./pattern-max-length";

describe("patternMaxLength", () => {
  it("reads the longest string of the API's anchored patterns", () => {
    expect(patternMaxLength("^[A-Z]{3}$")).toBe(3);
    expect(patternMaxLength("^-?\\d{1,15}(\\.\\d{1,3})?$")).toBe(20);
    expect(patternMaxLength("^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$")).toBe(34);
    expect(patternMaxLength("^[\\x21-\\x7E]{1,255}$")).toBe(255);
    expect(patternMaxLength("^\\d{6}\\*{6}\\d{4}$")).toBe(16);
    expect(patternMaxLength("^TRV-\\d{4}-\\d{8}$")).toBe(17);
    expect(patternMaxLength("^(?:ab|c(?:de|f){2})$")).toBe(5);
    // Top-level alternatives each anchored at both ends (an amount with or without decimals).
    expect(patternMaxLength("^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$")).toBe(19);
    expect(patternMaxLength("^[a|b]{2}$|^(x|y)$")).toBe(2);
  });

  it("reads zod's date pattern as ten characters", () => {
    const pattern = (z.toJSONSchema(z.iso.date()) as { pattern: string }).pattern;
    expect(patternMaxLength(pattern)).toBe(10);
  });

  it("gives no bound where the pattern has none, or where it cannot be sure", () => {
    expect(patternMaxLength("^[A-Za-z0-9_]+$")).toBeUndefined();
    expect(patternMaxLength("^a*$")).toBeUndefined();
    expect(patternMaxLength("^a{2,}$")).toBeUndefined();
    expect(patternMaxLength("[A-Z]{3}")).toBeUndefined();
    expect(patternMaxLength("^[A-Z]{3}")).toBeUndefined();
    expect(patternMaxLength("^a|b$")).toBeUndefined();
    expect(patternMaxLength("^a$|b$")).toBeUndefined();
    expect(patternMaxLength("^a$|^b+$")).toBeUndefined();
    expect(patternMaxLength("^(?=a)a$")).toBeUndefined();
    expect(patternMaxLength("^\\bword$")).toBeUndefined();
    const datetime = (z.toJSONSchema(z.iso.datetime()) as { pattern: string }).pattern;
    expect(patternMaxLength(datetime)).toBeUndefined();
  });

  it("never claims less than a string the pattern accepts", () => {
    const cases: [string, string][] = [
      ["^-?\\d{1,15}(\\.\\d{1,3})?$", "-123456789012345.123"],
      ["^[A-Z]{2}\\d{2}[A-Z0-9]{10,30}$", `GB82${"A".repeat(30)}`],
      ["^(?:ab|c(?:de|f){2})$", "cdede"],
      ["^\\d{1,13}$|^\\d{1,13}\\.\\d{1,5}$", "1234567890123.12345"],
    ];
    for (const [pattern, longest] of cases) {
      expect(new RegExp(pattern).test(longest)).toBe(true);
      expect(patternMaxLength(pattern)).toBe(longest.length);
    }
  });
});
