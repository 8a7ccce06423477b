import { describe, expect, it } from "vitest";
import { inviteStatus } from "./team-dto";

const now = new Date("2026-11-21T12:00:00Z");
const later = new Date("2026-11-28T12:00:00Z");

describe("inviteStatus", () => {
  it("is pending until it expires, then expired", () => {
    expect(inviteStatus({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe("pending");
    expect(inviteStatus({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe("expired");
  });

  it("puts acceptance, then revocation, above expiry", () => {
    expect(inviteStatus({ acceptedAt: now, revokedAt: now, expiresAt: now }, later)).toBe("accepted");
    expect(inviteStatus({ acceptedAt: null, revokedAt: now, expiresAt: now }, later)).toBe("revoked");
  });
});
