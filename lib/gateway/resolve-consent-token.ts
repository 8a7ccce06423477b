import { createHash } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import type { TtlCache } from "../ttl-cache";
import type { TokenOwner } from "./authenticate";

/** A token's owner never changes: kept for an hour. Unknown tokens for 5 s. */
export const TOKEN_OWNER_CACHE = { max: 20_000, ttlMs: 3_600_000, missTtlMs: 5_000 };

const unavailable = (detail: string): TokenOwner => ({ ok: false, error: new AppError("bank_unavailable", detail) });

/**
 * Which app a consent access token belongs to, asked of the bank (the token's only home), and
 * whether a platform admin suspended that app or its team deleted it (read on every call, one
 * primary-key lookup, so a suspension or a deletion stops tokens as at once as it stops keys). Revocation and expiry are NOT decided
 * here: the bank checks the token on every forwarded call, whatever the cache holds.
 */
export function createTokenOwnerLookup(deps: {
  bankUrl: string;
  internalSecret: string;
  timeoutMs: number;
  /** token hash → app id (null: unknown token). */
  cache: TtlCache<string>;
  appStatus: (appId: string) => Promise<string | null>;
}) {
  async function appOf(token: string): Promise<{ ok: true; appId: string | null } | { ok: false; owner: TokenOwner }> {
    const hash = createHash("sha256").update(token).digest("hex");
    const cached = deps.cache.get(hash);
    if (cached !== undefined) return { ok: true, appId: cached };
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
    const { app_id: appId } = (await response.json()) as { app_id: string | null };
    deps.cache.set(hash, appId);
    return { ok: true, appId };
  }

  return async function resolveConsentToken(token: string): Promise<TokenOwner> {
    const found = await appOf(token);
    if (!found.ok) return found.owner;
    if (!found.appId) return { ok: true, owner: null };
    const status = await deps.appStatus(found.appId);
    // A deleted app's tokens die with it (the bank still holds its consents): an unknown token.
    if (status === null) return { ok: true, owner: null };
    return { ok: true, owner: { appId: found.appId, appSuspended: status === "suspended" } };
  };
}
