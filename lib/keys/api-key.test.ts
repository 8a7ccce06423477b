import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey, KEY_PATTERN } from "./api-key";

describe("sandbox API keys", () => {
  it("look like sk_sandbox_ + 36 base62 chars and carry a valid checksum", () => {
    const key = generateApiKey();
    expect(key).toMatch(KEY_PATTERN);
    expect(key).toHaveLength("sk_sandbox_".length + 36);
    expect(isWellFormedApiKey(key)).toBe(true);
  });

  it("have at least 128 bits of randomness (30 base62 chars ≈ 178 bits) and never repeat", () => {
    expect(30 * Math.log2(62)).toBeGreaterThan(128);
    const keys = new Set(Array.from({ length: 2_000 }, generateApiKey));
    expect(keys.size).toBe(2_000);
  });

  it("are rejected by checksum when any character is changed", () => {
    const key = generateApiKey();
    for (const index of [11, 20, 40, key.length - 1]) {
      const swapped = key[index] === "a" ? "b" : "a";
      expect(isWellFormedApiKey(key.slice(0, index) + swapped + key.slice(index + 1))).toBe(false);
    }
  });

  it("reject other shapes without throwing", () => {
    for (const candidate of [
      "",
      "sk_sandbox_",
      "sk_live_" + "a".repeat(36),
      generateApiKey() + "x",
      " " + generateApiKey(),
      "sk_sandbox_" + "!".repeat(36),
    ]) {
      expect(isWellFormedApiKey(candidate)).toBe(false);
    }
  });

  it("hash with a keyed HMAC: stable for one pepper, different for another, never the key", () => {
    const key = generateApiKey();
    const pepper = "p".repeat(32);
    expect(hashApiKey(key, pepper)).toBe(hashApiKey(key, pepper));
    expect(hashApiKey(key, pepper)).not.toBe(hashApiKey(key, "q".repeat(32)));
    expect(hashApiKey(key, pepper)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key, pepper)).not.toContain(key.slice(11));
  });

  it("display only 4 leading and 4 trailing characters", () => {
    const key = generateApiKey();
    const shown = displayPrefix(key);
    expect(shown).toBe(`${key.slice(0, 15)}…${key.slice(-4)}`);
    expect(isWellFormedApiKey(shown)).toBe(false);
  });
});
