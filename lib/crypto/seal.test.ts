import { describe, expect, it } from "vitest";
import { seal, SealError, unseal } from "./seal";

const secret = "test-nextauth-secret-0123456789abcdef";
const options = { purpose: "totp-seed", context: "usr_1", secret };

describe("seal", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = seal("JBSWY3DPEHPK3PXP", options);
    const b = seal("JBSWY3DPEHPK3PXP", options);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(a).not.toBe(b);
    expect(unseal(a, options)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal(b, options)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal(seal("", options), options)).toBe("");
  });

  it("does not contain the plaintext", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", options);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain(Buffer.from("JBSWY3DPEHPK3PXP").toString("base64url"));
  });

  it("refuses a tampered value (any part, any bit)", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", options);
    const parts = sealed.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], "base64url");
      bytes[0] ^= 1;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString("base64url") : part)).join(".");
      expect(() => unseal(tampered, options)).toThrow(SealError);
    }
    expect(() => unseal(sealed.replace(/^v1/, "v2"), options)).toThrow(SealError);
    expect(() => unseal("v1.abc", options)).toThrow(SealError);
    expect(() => unseal("", options)).toThrow(SealError);
  });

  it("refuses the wrong key, purpose or context", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", options);
    expect(() => unseal(sealed, { ...options, secret: "another-secret-0123456789abcdef-xyz" })).toThrow(SealError);
    expect(() => unseal(sealed, { ...options, purpose: "something-else" })).toThrow(SealError);
    expect(() => unseal(sealed, { ...options, context: "usr_2" })).toThrow(SealError);
  });
});
