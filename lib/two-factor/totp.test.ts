import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { asTotpCode, matchTotp, newTotpSeed, otpauthUri, sealTotpState, totpCode, totpStep, unsealTotpState } from "./totp";
import { startTestPortal } from "../../tests/support/test-portal";

const seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const now = Date.UTC(2026, 11, 5, 12, 0, 10); // 10 s into a step

describe("TOTP", () => {
  it("makes 160-bit base32 seeds, different each time", () => {
    const a = newTotpSeed();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSeed()).not.toBe(a);
  });

  it("builds the otpauth URI authenticator apps read", () => {
    const uri = otpauthUri(seed, "ada@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Open%20Bank%20Developers:ada%40example\.com\?/);
    const params = new URL(uri).searchParams;
    expect(params.get("secret")).toBe(seed);
    expect(params.get("issuer")).toBe("Open Bank Developers");
    expect(params.get("digits")).toBe("6");
    expect(params.get("period")).toBe("30");
  });

  it("agrees with an independent RFC 6238 implementation", () => {
    const reference = new TOTP({ secret: Secret.fromBase32(seed) });
    expect(totpCode(seed, now)).toBe(reference.generate({ timestamp: now }));
  });

  it("accepts the code of now and of one step either side, nothing further", () => {
    const state = { seed, lastStep: null };
    const step = totpStep(now);
    expect(matchTotp(state, totpCode(seed, now), now)).toBe(step);
    expect(matchTotp(state, totpCode(seed, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(state, totpCode(seed, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(state, totpCode(seed, now - 60_000), now)).toBeNull();
    expect(matchTotp(state, totpCode(seed, now + 60_000), now)).toBeNull();
  });

  it("refuses a code of a step already used, or an earlier one (no replay)", () => {
    const step = totpStep(now);
    expect(matchTotp({ seed, lastStep: step }, totpCode(seed, now), now)).toBeNull();
    expect(matchTotp({ seed, lastStep: step }, totpCode(seed, now - 30_000), now)).toBeNull();
    expect(matchTotp({ seed, lastStep: step }, totpCode(seed, now + 30_000), now)).toBe(step + 1);
  });

  it("reads codes the way people type them", () => {
    expect(asTotpCode("123 456")).toBe("123456");
    expect(asTotpCode(" 123456 ")).toBe("123456");
    expect(asTotpCode("12345")).toBeNull();
    expect(asTotpCode("abcdef")).toBeNull();
    expect(matchTotp({ seed, lastStep: null }, "not a code", now)).toBeNull();
  });

  it("seals the state for its user only", () => {
    startTestPortal();
    const sealed = sealTotpState("usr_1", { seed, lastStep: 42 });
    expect(sealed).not.toContain(seed);
    expect(unsealTotpState("usr_1", sealed)).toEqual({ seed, lastStep: 42 });
    expect(() => unsealTotpState("usr_2", sealed)).toThrow();
  });
});
