import type { PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";
import { AppError } from "@openbank/contracts/errors";
import { hashToken, TOKEN_PREFIXES } from "./opaque-token";
import type { Scope } from "./scopes";

export type ConsentAccess = {
  consentId: string;
  customerId: string;
  permissions: Scope[];
  accountIds: string[];
  /** The token is bound to a DPoP key: challenges use the DPoP scheme (RFC 9449 §7.1). */
  dpopBound: boolean;
};

/** The scheme a client must use again: DPoP for a bound token, Bearer otherwise. */
export function tokenChallenge(dpopBound: boolean, params: string): { "www-authenticate": string } {
  return { "www-authenticate": dpopBound ? `DPoP algs="ES256 PS256 EdDSA", ${params}` : `Bearer realm="sandbox", ${params}` };
}

/**
 * A consent access token on a customer-data call: one the authorization server issued, or one
 * POST /v1/sandbox/consents minted (`oat_…`). Checked against the database on every call, so
 * revocation and expiry (tenant clock) take effect at once. A token is bound to the app that
 * obtained it: presented on another app's behalf it is simply not valid.
 */
export async function authenticateAccessToken(options: {
  db: PrismaClient;
  provider: Provider;
  token: string;
  appId: string | null;
  tenantId: string;
  tenantNow: Date;
}): Promise<ConsentAccess> {
  const { db, token, appId, tenantId, tenantNow } = options;
  let dpopBound = false;
  const challenge = (error: string) => tokenChallenge(dpopBound, `error="${error}"`);
  const invalid = (detail: string) => new AppError("invalid_token", detail, { headers: challenge("invalid_token") });
  const consentOf = async (): Promise<{ consentId: string; expiresAt: Date | null; revoked: boolean } | null> => {
    if (token.startsWith(TOKEN_PREFIXES.access)) {
      // Minted by POST /v1/sandbox/consents.
      const row = await db.bankOAuthToken.findUnique({ where: { hash: hashToken(token) } });
      if (!row || row.kind !== "access" || row.appId !== appId || row.tenantId !== tenantId) return null;
      return { consentId: row.consentId, expiresAt: row.expiresAt, revoked: Boolean(row.revokedAt) };
    }
    // Issued by the authorization server: valid there (not expired, not revoked), and naming a consent.
    const issued = await options.provider.AccessToken.find(token);
    const extra = issued?.extra as { consent_id?: string; sandbox_exp?: number } | undefined;
    if (!issued || !extra?.consent_id || issued.clientId === undefined) return null;
    dpopBound = Boolean((issued as { jkt?: string }).jkt);
    return { consentId: extra.consent_id, expiresAt: extra.sandbox_exp ? new Date(extra.sandbox_exp * 1000) : null, revoked: false };
  };
  const found = await consentOf();
  if (!found) throw invalid("The access token is not valid for this app.");
  const consent = await db.bankConsent.findUnique({ where: { id: found.consentId } });
  if (!consent || consent.appId !== appId || consent.tenantId !== tenantId) throw invalid("The access token is not valid for this app.");
  // A standard's consent is used on its own surface (/open-banking, /berlin-group), never on /v1.
  if (consent.standard !== "v1" || !consent.customerId)
    throw invalid(`This access token belongs to a ${consent.standard.replaceAll("_", " ")} consent: use it on that standard's API.`);
  if (consent.status === "revoked")
    throw new AppError("consent_revoked", `Consent ${consent.id} was revoked; its tokens no longer work.`, {
      headers: challenge("invalid_token"),
    });
  if (consent.expiresAt <= tenantNow)
    throw new AppError(
      "consent_expired",
      `Consent ${consent.id} expired on ${consent.expiresAt.toISOString().slice(0, 10)} (sandbox clock).`,
      { headers: challenge("invalid_token") },
    );
  if (found.revoked) throw invalid("The access token has been revoked.");
  if (found.expiresAt && found.expiresAt <= tenantNow)
    throw invalid("The access token has expired. Use your refresh token at POST /oauth/token.");
  return {
    consentId: consent.id,
    customerId: consent.customerId,
    permissions: JSON.parse(consent.permissions) as Scope[],
    accountIds: JSON.parse(consent.accountIds) as string[],
    dpopBound,
  };
}

/**
 * The gateway's question: which app does this token belong to (for rate limits and logs)?
 * Answered for any known access token, revoked or not: whether it may be used is decided
 * on the call itself. null for unknown tokens.
 */
export async function tokenOwner(
  db: PrismaClient,
  provider: Provider,
  token: string,
): Promise<{ appId: string; jkt: string | null } | null> {
  if (token.startsWith(TOKEN_PREFIXES.access)) {
    const row = await db.bankOAuthToken.findUnique({ where: { hash: hashToken(token) }, select: { appId: true, kind: true } });
    return row && row.kind === "access" ? { appId: row.appId, jkt: null } : null;
  }
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) return null;
  const issued = await provider.AccessToken.find(token, { ignoreExpiration: true });
  const consentId = (issued?.extra as { consent_id?: string } | undefined)?.consent_id;
  if (!issued || !consentId) {
    // The app's own token (client credentials): the standards' consent endpoints take it.
    const own = issued ? null : await clientCredentialsOwner(provider, token);
    return own;
  }
  const consent = await db.bankConsent.findUnique({ where: { id: consentId }, select: { appId: true } });
  return consent ? { appId: consent.appId, jkt: (issued as { jkt?: string }).jkt ?? null } : null;
}

/** The app behind a client-credentials token (its client's `app_id`), or null. */
async function clientCredentialsOwner(provider: Provider, token: string): Promise<{ appId: string; jkt: string | null } | null> {
  const issued = await provider.ClientCredentials.find(token, { ignoreExpiration: true });
  if (!issued?.clientId) return null;
  const client = await provider.Client.find(issued.clientId);
  const appId = (client as { app_id?: string } | undefined)?.app_id;
  return appId ? { appId, jkt: (issued as { jkt?: string }).jkt ?? null } : null;
}
