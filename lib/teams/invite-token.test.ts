import { describe, expect, it } from "vitest";
import { hashInviteToken, newInviteToken } from "./invite-token";

describe("invitation tokens", () => {
  it("are 256-bit URL-safe strings stored only as their SHA-256", () => {
    const { token, hash } = newInviteToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashInviteToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(newInviteToken().token).not.toBe(token);
  });
});
