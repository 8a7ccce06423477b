import { createHmac, timingSafeEqual } from "node:crypto";
import { dpopNonceSecret } from "@openbank/contracts/oauth-client";

export { dpopNonceSecret };

/** What a presented nonce is: one we accept now, one of ours that has expired, or not ours at all. */
export type NonceCheck = "valid" | "stale" | "invalid";

export type DpopNonces = {
  /** The nonce to hand out now (the `DPoP-Nonce` response header). */
  current(): string;
  check(nonce: string): NonceCheck;
};

const STEP_MS = 60_000;
/** Steps still told apart as "expired" rather than "not ours" (for the refusal's wording only). */
const STALE_STEPS = 10;

/**
 * Server-provided DPoP nonces (RFC 9449 §8, §9), stateless and the same as oidc-provider 8's
 * (helpers/dpop_nonces.js): base64url(HMAC-SHA256(key, 64-bit big-endian 60-second step)), the
 * next step's handed out, two steps either side of now accepted. Every instance with the same
 * key hands out and accepts the same nonces without sharing anything, and a client that takes
 * the `DPoP-Nonce` of its last answer never sees a `use_dpop_nonce` refusal after its first call.
 */
export function createDpopNonces(options: { secret: string | Buffer; now?: () => number }): DpopNonces {
  const key = typeof options.secret === "string" ? dpopNonceSecret(options.secret) : options.secret;
  if (key.byteLength !== 32) throw new TypeError("The DPoP nonce key must be 32 bytes");
  const now = options.now ?? Date.now;
  const memo = new Map<number, string>();

  const nonceAt = (step: number): string => {
    let nonce = memo.get(step);
    if (nonce === undefined) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(step));
      nonce = createHmac("sha256", key).update(counter).digest("base64url");
      if (memo.size > 32) memo.clear();
      memo.set(step, nonce);
    }
    return nonce;
  };
  const matches = (nonce: Buffer, step: number) => timingSafeEqual(Buffer.from(nonceAt(step)), nonce);

  return {
    current: () => nonceAt(Math.floor(now() / STEP_MS) + 1),
    check(nonce) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(nonce)) return "invalid";
      const presented = Buffer.from(nonce);
      const step = Math.floor(now() / STEP_MS);
      for (let candidate = step - 2; candidate <= step + 2; candidate++) if (matches(presented, candidate)) return "valid";
      for (let candidate = step - 2 - STALE_STEPS; candidate < step - 2; candidate++) if (matches(presented, candidate)) return "stale";
      return "invalid";
    },
  };
}
