import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startTestPortal } from "@/tests/support/test-portal";
import { ACCOUNT_TOKEN_TTL_MS, accountTokenLink, hashAccountToken, isWellFormedToken, newAccountToken } from "./account-token";

startTestPortal();

describe("account link tokens", () => {
  it("are 256 random bits, URL-safe, and never repeat", () => {
    const tokens = Array.from({ length: 1_000 }, () => newAccountToken().token);
    expect(new Set(tokens).size).toBe(1_000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("are stored as their SHA-256 (hex), which is what the issuer hands back", () => {
    const { token, hash } = newAccountToken();
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashAccountToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });

  it("look up only well-formed tokens", () => {
    expect(isWellFormedToken(newAccountToken().token)).toBe(true);
    for (const bad of ["", "short", "A".repeat(42), "A".repeat(44), `${"A".repeat(42)}=`, `${"A".repeat(42)}/`, "../".repeat(15)]) {
      expect(isWellFormedToken(bad), bad).toBe(false);
    }
  });

  it("last 24 hours to prove an address, 1 hour to reset a password", () => {
    expect(ACCOUNT_TOKEN_TTL_MS).toEqual({ verify_email: 86_400_000, change_email: 86_400_000, reset_password: 3_600_000 });
  });

  it("link to the page that opens them, on the portal's own URL", () => {
    expect(accountTokenLink("verify_email", "tok")).toBe("http://localhost:3000/verify-email/tok");
    expect(accountTokenLink("change_email", "tok")).toBe("http://localhost:3000/verify-email/tok");
    expect(accountTokenLink("reset_password", "tok")).toBe("http://localhost:3000/reset-password/tok");
  });
});
