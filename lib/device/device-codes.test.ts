import { describe, expect, it } from "vitest";
import {
  deviceCodeFormat,
  formatUserCode,
  generateDeviceCode,
  generateUserCode,
  hashDeviceCode,
  hashUserCode,
  normaliseUserCode,
  USER_CODE_ALPHABET,
} from "./device-codes";

const PEPPER = "p".repeat(32);

describe("user codes", () => {
  it("are eight letters of RFC 8628's base-20 alphabet, shown as two groups of four", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateUserCode();
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    }
    expect(USER_CODE_ALPHABET).toHaveLength(20);
    expect(USER_CODE_ALPHABET).not.toMatch(/[AEIOUY0-9]/); // no vowels (no words), nothing like a digit
  });

  it("use the whole alphabet", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) for (const character of generateUserCode().replace("-", "")) seen.add(character);
    expect(seen.size).toBe(20);
  });

  it("are normalised: case, spaces and hyphens do not matter", () => {
    expect(normaliseUserCode("bdfh-jklm")).toBe("BDFHJKLM");
    expect(normaliseUserCode(" BDFH JKLM ")).toBe("BDFHJKLM");
    expect(normaliseUserCode("B-D-F-H-J-K-L-M")).toBe("BDFHJKLM");
    expect(formatUserCode("BDFHJKLM")).toBe("BDFH-JKLM");
  });

  it("refuse what cannot be one: wrong length, vowels, digits, other characters", () => {
    for (const bad of ["", "BDFH-JKL", "BDFH-JKLMN", "BDFH-JKLA", "BDFH-JKL1", "BDFH_JKLM", "BDFH-JKL✓"])
      expect(normaliseUserCode(bad)).toBeNull();
  });

  it("hash the normalised code with the pepper, apart from device codes", () => {
    expect(hashUserCode("BDFHJKLM", PEPPER)).toBe(hashUserCode(normaliseUserCode("bdfh-jklm")!, PEPPER));
    expect(hashUserCode("BDFHJKLM", PEPPER)).not.toBe(hashUserCode("BDFHJKLM", "q".repeat(32)));
    expect(hashUserCode("BDFHJKLM", PEPPER)).not.toBe(hashDeviceCode("BDFHJKLM", PEPPER));
    expect(hashUserCode("BDFHJKLM", PEPPER)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("device codes", () => {
  it("are dvc_ credentials of the checksummed family, all different", () => {
    const codes = new Set(Array.from({ length: 200 }, generateDeviceCode));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^dvc_[0-9A-Za-z]{36}$/);
      expect(deviceCodeFormat.isWellFormed(code)).toBe(true);
    }
  });

  it("with a wrong checksum are not well-formed", () => {
    const code = generateDeviceCode();
    const flipped = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
    expect(deviceCodeFormat.isWellFormed(flipped)).toBe(false);
    expect(deviceCodeFormat.isWellFormed("pat_" + code.slice(4))).toBe(false);
  });
});
