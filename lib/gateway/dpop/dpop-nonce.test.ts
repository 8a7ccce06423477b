import { describe, expect, it } from "vitest";
import { createDpopNonces } from "./dpop-nonce";

const SECRET = "nextauth-secret-for-tests-0123456789abcdef";

describe("DPoP nonces", () => {
  it("accepts the current and the previous step's nonce, calls older ones stale", () => {
    let now = 1_000_000_000_000;
    const nonces = createDpopNonces({ secret: SECRET, stepSeconds: 60, now: () => now });
    const first = nonces.current();
    expect(nonces.check(first)).toBe("valid");
    now += 60_000;
    expect(nonces.current()).not.toBe(first);
    expect(nonces.check(first)).toBe("valid");
    now += 60_000;
    expect(nonces.check(first)).toBe("stale");
  });

  it("is the same on every instance with the same secret, and refuses another secret's, forged and future nonces", () => {
    const now = () => 1_000_000_000_000;
    const a = createDpopNonces({ secret: SECRET, now });
    const b = createDpopNonces({ secret: SECRET, now });
    const other = createDpopNonces({ secret: `${SECRET}-other`, now });
    expect(b.check(a.current())).toBe("valid");
    expect(other.check(a.current())).toBe("invalid");
    const [step, mac] = a.current().split(".");
    expect(a.check(`${step}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`)).toBe("invalid");
    const later = createDpopNonces({ secret: SECRET, now: () => 1_000_000_000_000 + 3_600_000 });
    expect(a.check(later.current())).toBe("invalid");
    for (const junk of ["", "abc", "x.y", `${step}.${mac}.extra`]) expect(a.check(junk)).toBe("invalid");
  });
});
