import { describe, expect, it } from "vitest";
import { asRecoveryCode, hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";

const secret = "test-nextauth-secret-0123456789abcdef";

describe("recovery codes", () => {
  it("makes 10 distinct codes like xxxxx-xxxxx, without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it("reads a code however it is typed", () => {
    expect(asRecoveryCode("K7M2P-X9C4T")).toBe("k7m2p-x9c4t");
    expect(asRecoveryCode(" k7m2p x9c4t ")).toBe("k7m2p-x9c4t");
    expect(asRecoveryCode("k7m2px9c4t")).toBe("k7m2p-x9c4t");
    expect(asRecoveryCode("k7m2p-x9c4")).toBeNull();
    expect(asRecoveryCode("k7m2p-x9c40")).toBeNull(); // 0 is not in the alphabet
    expect(asRecoveryCode("123456")).toBeNull();
  });

  it("stores a keyed hash bound to the user, never the code", () => {
    const hash = hashRecoveryCode("usr_1", "k7m2p-x9c4t", secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain("k7m2p");
    expect(hashRecoveryCode("usr_1", "k7m2p-x9c4t", secret)).toBe(hash);
    expect(hashRecoveryCode("usr_2", "k7m2p-x9c4t", secret)).not.toBe(hash);
    expect(hashRecoveryCode("usr_1", "k7m2p-x9c4t", "another-secret-0123456789abcdef-xyz")).not.toBe(hash);
  });
});
