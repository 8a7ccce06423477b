import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const pepper = "a-test-pepper-of-at-least-32-characters!";

describe("secret box", () => {
  it("round-trips, never stores the secret in clear, and fails closed on tampering or another pepper", () => {
    const sealed = sealSecret("whsec_c2VjcmV0", pepper);
    expect(sealed).not.toContain("c2VjcmV0");
    expect(sealSecret("whsec_c2VjcmV0", pepper)).not.toBe(sealed);
    expect(openSecret(sealed, pepper)).toBe("whsec_c2VjcmV0");
    expect(() => openSecret(sealed, `${pepper}x`)).toThrow();
    const parts = sealed.split(".");
    const ciphertext = Buffer.from(parts[3], "base64url");
    ciphertext[0] ^= 1;
    parts[3] = ciphertext.toString("base64url");
    expect(() => openSecret(parts.join("."), pepper)).toThrow();
  });
});
