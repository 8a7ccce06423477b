import { describe, expect, it } from "vitest";
import { createThrottles } from "@/lib/auth/throttles";

const SETTINGS = {
  SIGN_IN_MAX_ATTEMPTS: 5,
  SIGN_IN_WINDOW_SECONDS: 900,
  SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: 25,
  SIGN_UP_MAX_PER_ADDRESS: 10,
  SIGN_UP_MAX_PER_NETWORK: 30,
};

describe("the device grant's throttles (RFC 8628 §5.1)", () => {
  it("allow 10 wrong user codes per account in 15 minutes, then refuse, per account", async () => {
    const { deviceUserCode } = createThrottles(SETTINGS, null);
    expect(deviceUserCode.policy).toEqual({ name: "device-user-code", maxAttempts: 10, windowSeconds: 900 });
    for (let i = 0; i < 10; i++) expect((await deviceUserCode.attempt("usr_a")).allowed).toBe(true);
    const refused = await deviceUserCode.attempt("usr_a");
    expect(refused.allowed).toBe(false);
    expect((await deviceUserCode.check("usr_a")).allowed).toBe(false);
    expect((await deviceUserCode.check("usr_b")).allowed).toBe(true);
  });

  it("bound the device authorizations one address may start", () => {
    const { deviceCodeIp } = createThrottles(SETTINGS, null);
    expect(deviceCodeIp.policy).toEqual({ name: "device-code-ip", maxAttempts: 120, windowSeconds: 900 });
  });
});
