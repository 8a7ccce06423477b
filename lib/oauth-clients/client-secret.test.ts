import { describe, expect, it } from "vitest";
import { generateClientSecret, isWellFormedClientSecret, secretDisplayPrefix } from "./client-secret";

describe("client secrets", () => {
  it("are prefixed, checksummed and distinct", () => {
    const a = generateClientSecret();
    const b = generateClientSecret();
    expect(a).toMatch(/^cs_sandbox_[0-9A-Za-z]{36}$/);
    expect(a).not.toBe(b);
    expect(isWellFormedClientSecret(a)).toBe(true);
  });

  it("reject typos by checksum, and other shapes", () => {
    const secret = generateClientSecret();
    const typo = secret.slice(0, 20) + (secret[20] === "a" ? "b" : "a") + secret.slice(21);
    expect(isWellFormedClientSecret(typo)).toBe(false);
    expect(isWellFormedClientSecret(secret.replace("cs_sandbox_", "sk_sandbox_"))).toBe(false);
    expect(isWellFormedClientSecret("")).toBe(false);
  });

  it("display only a recognisable prefix", () => {
    const secret = generateClientSecret();
    expect(secretDisplayPrefix(secret)).toBe(`${secret.slice(0, 15)}…${secret.slice(-4)}`);
  });
});
