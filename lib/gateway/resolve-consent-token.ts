import { createHash } from "node:crypto";
import { env } from "../env";
import { AppError } from "@openbank/contracts/errors";

/**
 * Which app a consent access token belongs to, asked of the bank (the token's only home).
 * The answer never changes for a token, so it is cached for an hour; unknown tokens for
 * 5 s. Revocation and expiry are NOT decided here: the bank checks the token on every
 * forwarded call, so they take effect at once whatever this cache holds.
 */
const POSITIVE_MS = 3_600_000;
const NEGATIVE_MS = 5_000;
const MAX_ENTRIES = 20_000;

type Entry = { appId: string | null; expiresAt: number };
const globalForCache = globalThis as unknown as { consentTokenOwners?: Map<string, Entry> };
const owners = (globalForCache.consentTokenOwners ??= new Map<string, Entry>());

export async function resolveConsentToken(token: string): Promise<{ appId: string } | null> {
  const hash = createHash("sha256").update(token).digest("hex");
  const now = Date.now();
  const cached = owners.get(hash);
  if (cached && cached.expiresAt > now) return cached.appId ? { appId: cached.appId } : null;

  const config = env();
  let response: Response;
  try {
    response = await fetch(new URL("/internal/oauth/token-owner", config.BANK_URL), {
      method: "POST",
      headers: { "content-type": "application/json", "x-internal-secret": config.BANK_INTERNAL_SECRET },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(config.BANK_TIMEOUT_MS),
    });
  } catch {
    throw new AppError("bank_unavailable", "The sandbox bank is not reachable right now. Try again in a moment.");
  }
  if (!response.ok) throw new AppError("bank_unavailable", "The sandbox bank could not check the access token. Try again in a moment.");
  const { app_id: appId } = (await response.json()) as { app_id: string | null };
  if (owners.size >= MAX_ENTRIES) owners.delete(owners.keys().next().value!);
  owners.set(hash, { appId, expiresAt: now + (appId ? POSITIVE_MS : NEGATIVE_MS) });
  return appId ? { appId } : null;
}
