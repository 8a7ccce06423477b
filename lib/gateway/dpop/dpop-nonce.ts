import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** What a presented nonce is: one of the last two we handed out, an older one of ours, or not ours at all. */
export type NonceCheck = "valid" | "stale" | "invalid";

export type DpopNonces = {
  /** The nonce to hand out now (the `DPoP-Nonce` response header). */
  current(): string;
  check(nonce: string): NonceCheck;
};

/**
 * Server-provided DPoP nonces (RFC 9449 §8), stateless: a nonce is the time step and an HMAC of it
 * under a key derived from the portal's secret, so every instance hands out and accepts the same
 * nonces without sharing anything. The current and the previous step are accepted: a nonce lives
 * between one and two steps, and a client that always takes the `DPoP-Nonce` of its last answer
 * never sees a `use_dpop_nonce` refusal after its first call.
 */
export function createDpopNonces(options: { secret: string; stepSeconds?: number; now?: () => number }): DpopNonces {
  const stepMs = (options.stepSeconds ?? 300) * 1000;
  const now = options.now ?? Date.now;
  const key = Buffer.from(hkdfSync("sha256", options.secret, "", "openbank gateway dpop-nonce v1", 32));
  const memo = new Map<number, string>();

  const nonceAt = (step: number): string => {
    let nonce = memo.get(step);
    if (nonce === undefined) {
      nonce = `${step.toString(36)}.${createHmac("sha256", key).update(String(step)).digest("base64url")}`;
      // Only the steps still accepted are worth keeping.
      if (memo.size > 4) memo.clear();
      memo.set(step, nonce);
    }
    return nonce;
  };

  return {
    current: () => nonceAt(Math.floor(now() / stepMs)),
    check(nonce) {
      const match = /^([0-9a-z]{1,12})\.[A-Za-z0-9_-]{43}$/.exec(nonce);
      if (!match) return "invalid";
      const step = parseInt(match[1], 36);
      const expected = Buffer.from(nonceAt(step));
      const presented = Buffer.from(nonce);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return "invalid";
      const currentStep = Math.floor(now() / stepMs);
      if (step > currentStep) return "invalid";
      return step >= currentStep - 1 ? "valid" : "stale";
    },
  };
}
