import { createHash } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import type { TtlCache } from "../ttl-cache";
import type { TokenOwner } from "./authenticate";

/** A token's owner and binding never change: kept for an hour. Unknown tokens for 5 s. */
export const TOKEN_OWNER_CACHE = { max: 20_000, ttlMs: 3_600_000, missTtlMs: 5_000 };

/** What the bank says of a token it knows: its app, and the DPoP key it is bound to (RFC 7638 thumbprint), if any. */
export type TokenRecord = { appId: string; jkt: string | null };

const unavailable = (detail: string): TokenOwner => ({ ok: false, error: new AppError("bank_unavailable", detail) });

/**
 * Which app a consent access token belongs to and which DPoP key it is bound to, asked of the bank (the token's only home), and
 * whether a platform admin suspended that app or its team deleted it (`appStatus`: cached per app and dropped by the
 * suspension, reinstatement or deletion, on every instance, so they stop tokens as at once as they stop keys; it was a
 * database read per call, a third of the portal's time on token routes). Revocation and expiry are NOT decided here:
 * the bank checks the token on every forwarded call, whatever the cache holds.
 */
export function createTokenOwnerLookup(deps: {
  bankUrl: string;
  internalSecret: string;
  timeoutMs: number;
  /** token hash → its app and binding (null: unknown token). */
  cache: TtlCache<TokenRecord>;
  appStatus: (appId: string) => Promise<string | null>;
}) {
  async function recordOf(token: string): Promise<{ ok: true; record: TokenRecord | null } | { ok: false; owner: TokenOwner }> {
    const hash = createHash("sha256").update(token).digest("hex");
    const cached = deps.cache.get(hash);
    if (cached !== undefined) return { ok: true, record: cached };
    let response: Response;
    try {
      response = await fetch(new URL("/internal/oauth/token-owner", deps.bankUrl), {
        method: "POST",
        headers: { "content-type": "application/json", "x-internal-secret": deps.internalSecret },
        body: JSON.stringify({ token }),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch {
      return { ok: false, owner: unavailable("The sandbox bank is not reachable right now. Try again in a moment.") };
    }
    if (!response.ok) return { ok: false, owner: unavailable("The sandbox bank could not check the access token. Try again in a moment.") };
    // `jkt` is absent from banks before DPoP: their tokens are all bearer tokens.
    const answer = (await response.json()) as { app_id: string | null; jkt?: string | null };
    const record = answer.app_id ? { appId: answer.app_id, jkt: answer.jkt ?? null } : null;
    deps.cache.set(hash, record);
    return { ok: true, record };
  }

  return async function resolveConsentToken(token: string): Promise<TokenOwner> {
    const found = await recordOf(token);
    if (!found.ok) return found.owner;
    if (!found.record) return { ok: true, owner: null };
    const { appId, jkt } = found.record;
    const status = await deps.appStatus(appId);
    // A deleted app's tokens die with it (the bank still holds its consents): an unknown token.
    if (status === null) return { ok: true, owner: null };
    return { ok: true, owner: { appId, appSuspended: status === "suspended", jkt } };
  };
}
