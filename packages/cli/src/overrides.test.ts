import { describe, expect, it } from "vitest";
import { EXIT } from "./errors.js";
import { parseOverrides, parseOverrideValue } from "./overrides.js";

describe("--override values", () => {
  it("are JSON when they parse, else the text as a string", () => {
    expect(parseOverrideValue("12.50")).toBe(12.5);
    expect(parseOverrideValue('"12.50"')).toBe("12.50");
    expect(parseOverrideValue("true")).toBe(true);
    expect(parseOverrideValue("null")).toBeNull();
    expect(parseOverrideValue('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseOverrideValue("ACME Ltd")).toBe("ACME Ltd");
    expect(parseOverrideValue("")).toBe("");
    expect(parseOverrideValue("{broken")).toBe("{broken");
  });
});

describe("--override path=value", () => {
  it("builds the bank's overrides object; the value may contain '='", () => {
    expect(
      parseOverrides(["object.amount.amount=12.50", "object.counterparty.name=ACME", "object.lines[0].note=a=b", "object.ok=false"]),
    ).toEqual({
      "object.amount.amount": 12.5,
      "object.counterparty.name": "ACME",
      "object.lines[0].note": "a=b",
      "object.ok": false,
    });
    expect(parseOverrides([])).toEqual({});
  });

  it("refuses malformed syntax locally with a usage error (exit 2) that shows the form", () => {
    for (const flag of ["object.amount", "=1", "object..a=1", "object.[0]=1", "object.a[x]=1", "object a=1", ".a=1", "object.=1"]) {
      let caught: unknown;
      try {
        parseOverrides([flag]);
      } catch (error) {
        caught = error;
      }
      expect(caught, flag).toMatchObject({ exitCode: EXIT.usage });
      expect((caught as Error).message).toContain("--override");
    }
    expect(() => parseOverrides(["object.a=1", "object.a=2"])).toThrow(/given twice/);
  });
});
