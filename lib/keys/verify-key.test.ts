import { describe, expect, it } from "vitest";
import { checkKey } from "./verify-key";

const base = {
  keyId: "key_1",
  appId: "app_1",
  prefix: "sk_sandbox_abcd…wxyz",
  revoked: false,
  scope: "read_write" as const,
  expiresAt: null,
  rolled: false,
  appSuspended: false,
};
const now = Date.parse("2026-11-21T12:00:00Z");

describe("checkKey", () => {
  it("accepts a live key", () => {
    expect(checkKey(base, now)).toEqual({ valid: true, key: base });
    expect(checkKey({ ...base, expiresAt: now + 1 }, now).valid).toBe(true);
  });

  it("refuses a revoked key with revoked_api_key, even if it also expired", () => {
    expect(checkKey({ ...base, revoked: true, expiresAt: now - 1 }, now)).toEqual({ valid: false, code: "revoked_api_key" });
  });

  it("refuses an expired key from the exact expiry, saying when", () => {
    const result = checkKey({ ...base, expiresAt: now }, now);
    expect(result).toMatchObject({ valid: false, code: "expired_api_key" });
    expect(!result.valid && result.detail).toContain("2026-11-21T12:00:00.000Z");
  });

  it("tells a rolled key's owner to use its replacement", () => {
    const result = checkKey({ ...base, expiresAt: now - 1000, rolled: true }, now);
    expect(!result.valid && result.detail).toMatch(/rolled.*replaced/);
  });
});
