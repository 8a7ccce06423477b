import { describe, expect, it } from "vitest";
import { isUsable, keyStatus, MAX_OVERLAP_SECONDS, OVERLAP_PRESETS, rollEndsAt, scopeAllows } from "./key-lifecycle";

const now = new Date("2026-11-21T12:00:00Z");
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe("keyStatus", () => {
  it("is active without expiry or revocation", () => {
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe("active");
    expect(keyStatus({ revokedAt: null, expiresAt: at(60) }, now)).toBe("active");
  });

  it("is expiring while a rolled key is inside its overlap, expired from the exact end", () => {
    const rolled = { revokedAt: null, expiresAt: at(3), rolledToId: "key_new" };
    expect(keyStatus(rolled, now)).toBe("expiring");
    expect(keyStatus(rolled, at(2.999))).toBe("expiring");
    expect(keyStatus(rolled, at(3))).toBe("expired");
    expect(isUsable(rolled, at(2.999))).toBe(true);
    expect(isUsable(rolled, at(3))).toBe(false);
  });

  it("puts revocation above expiry", () => {
    expect(keyStatus({ revokedAt: at(-10), expiresAt: at(-20), rolledToId: "key_new" }, now)).toBe("revoked");
    expect(isUsable({ revokedAt: at(-10), expiresAt: null }, now)).toBe(false);
  });
});

describe("scopeAllows", () => {
  it("lets read-only keys call safe methods only, in any case", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(scopeAllows("read_only", method)).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) expect(scopeAllows("read_only", method)).toBe(false);
  });

  it("lets read-write keys call anything", () => {
    for (const method of ["GET", "POST", "DELETE"]) expect(scopeAllows("read_write", method)).toBe(true);
  });
});

describe("rollEndsAt", () => {
  it("is now + overlap", () => {
    expect(rollEndsAt({ now, overlapSeconds: 3600, currentExpiry: null })).toEqual(at(3600));
    expect(rollEndsAt({ now, overlapSeconds: 0, currentExpiry: null })).toEqual(now);
  });

  it("never extends a key past its own expiry", () => {
    expect(rollEndsAt({ now, overlapSeconds: 86_400, currentExpiry: at(60) })).toEqual(at(60));
    expect(rollEndsAt({ now, overlapSeconds: 30, currentExpiry: at(60) })).toEqual(at(30));
  });

  it("offers now, 1 h, 24 h and 7 days, within the maximum", () => {
    expect(OVERLAP_PRESETS.map((preset) => preset.seconds)).toEqual([0, 3600, 86_400, 604_800]);
    expect(Math.max(...OVERLAP_PRESETS.map((preset) => preset.seconds))).toBe(MAX_OVERLAP_SECONDS);
  });
});
