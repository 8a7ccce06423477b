import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { hashToken, TOKEN_PREFIXES } from "./opaque-token";
import type { Scope } from "./scopes";

export type ConsentAccess = { consentId: string; customerId: string; permissions: Scope[]; accountIds: string[] };

const challenge = (error: string) => ({ "www-authenticate": `Bearer realm="sandbox", error="${error}"` });

/**
 * A consent access token on a customer-data call. Checked against the database on every
 * call, so revocation and expiry (tenant clock) take effect at once. A token is bound to
 * the app that obtained it: presented on another app's behalf it is simply not valid.
 */
export async function authenticateAccessToken(options: {
  db: PrismaClient;
  token: string;
  appId: string | null;
  tenantId: string;
  tenantNow: Date;
}): Promise<ConsentAccess> {
  const { db, token, appId, tenantId, tenantNow } = options;
  const invalid = (detail: string) => new AppError("invalid_token", detail, { headers: challenge("invalid_token") });
  if (!token.startsWith(TOKEN_PREFIXES.access)) throw invalid("Send a consent access token (`oat_…`) from the token endpoint.");
  const row = await db.bankOAuthToken.findUnique({ where: { hash: hashToken(token) }, include: { consent: true } });
  if (!row || row.kind !== "access" || row.appId !== appId || row.tenantId !== tenantId)
    throw invalid("The access token is not valid for this app.");
  if (row.consent.status === "revoked")
    throw new AppError("consent_revoked", `Consent ${row.consentId} was revoked; its tokens no longer work.`, {
      headers: challenge("invalid_token"),
    });
  if (row.consent.expiresAt <= tenantNow)
    throw new AppError(
      "consent_expired",
      `Consent ${row.consentId} expired on ${row.consent.expiresAt.toISOString().slice(0, 10)} (sandbox clock).`,
      { headers: challenge("invalid_token") },
    );
  if (row.revokedAt) throw invalid("The access token has been revoked.");
  if (row.expiresAt <= tenantNow) throw invalid("The access token has expired. Use your refresh token at POST /oauth/token.");
  return {
    consentId: row.consentId,
    customerId: row.consent.customerId,
    permissions: JSON.parse(row.consent.permissions) as Scope[],
    accountIds: JSON.parse(row.consent.accountIds) as string[],
  };
}

/**
 * The gateway's question: which app does this token belong to (for rate limits and logs)?
 * Answered for any known access token, revoked or not: whether it may be used is decided
 * on the call itself. null for unknown tokens.
 */
export async function tokenOwner(db: PrismaClient, token: string): Promise<{ appId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIXES.access)) return null;
  const row = await db.bankOAuthToken.findUnique({ where: { hash: hashToken(token) }, select: { appId: true, kind: true } });
  return row && row.kind === "access" ? { appId: row.appId } : null;
}
