import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDpopNonces, dpopNonceSecret } from "./dpop-nonce";

const SECRET = "nextauth-secret-for-tests-0123456789abcdef";
const T0 = 1_900_000_000_000;

describe("DPoP nonces", () => {
  it("hands out the next minute's nonce and accepts it for three to four minutes, then calls it stale", () => {
    let now = T0;
    const nonces = createDpopNonces({ secret: SECRET, now: () => now });
    const first = nonces.current();
    expect(nonces.check(first)).toBe("valid");
    now += 60_000;
    expect(nonces.current()).not.toBe(first);
    now += 2 * 60_000;
    expect(nonces.check(first)).toBe("valid");
    now += 60_000;
    expect(nonces.check(first)).toBe("stale");
    now += 20 * 60_000;
    expect(nonces.check(first)).toBe("invalid");
  });

  it("is oidc-provider's nonce for the same key: base64url HMAC-SHA256 of the 64-bit big-endian step", () => {
    const nonces = createDpopNonces({ secret: SECRET, now: () => T0 });
    const step = Buffer.alloc(8);
    step.writeBigUInt64BE(BigInt(Math.floor(T0 / 60_000) + 1));
    expect(nonces.current()).toBe(createHmac("sha256", dpopNonceSecret(SECRET)).update(step).digest("base64url"));
    expect(dpopNonceSecret(SECRET)).toHaveLength(32);
  });

  it("is the same on every instance with the same secret, and refuses another secret's, forged and junk nonces", () => {
    const now = () => T0;
    const a = createDpopNonces({ secret: SECRET, now });
    const b = createDpopNonces({ secret: dpopNonceSecret(SECRET), now });
    const other = createDpopNonces({ secret: `${SECRET}-other`, now });
    expect(b.check(a.current())).toBe("valid");
    expect(other.check(a.current())).toBe("invalid");
    const nonce = a.current();
    expect(a.check(`${nonce.slice(0, -1)}${nonce.endsWith("A") ? "B" : "A"}`)).toBe("invalid");
    for (const junk of ["", "abc", `${nonce}x`, `${nonce.slice(0, 42)}=`]) expect(a.check(junk)).toBe("invalid");
  });
});
