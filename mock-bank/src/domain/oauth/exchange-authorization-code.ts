import type { PrismaClient } from "@prisma/client";
import type { Tenant } from "../tenants/ensure-tenant";
import { tenantNow } from "../tenants/tenant-now";
import { issueTokens, revokeTokenFamily, type TokenResponse } from "./issue-tokens";
import { OAuthError } from "./oauth-error";
import { hashToken } from "./opaque-token";
import { VERIFIER_PATTERN, verifierMatches } from "./pkce";

/**
 * grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6). The code must be this
 * app's, unexpired, unused, sent with the same redirect_uri and the PKCE verifier. A second
 * use of a code revokes every token issued from it (RFC 9700 §4.1.2).
 */
export async function exchangeAuthorizationCode(options: {
  db: PrismaClient;
  appId: string;
  ensureTenant: (tenantId: string) => Promise<Tenant>;
  form: URLSearchParams;
  now: Date;
}): Promise<TokenResponse> {
  const { db, appId, form, now } = options;
  const code = form.get("code");
  const redirectUri = form.get("redirect_uri");
  const verifier = form.get("code_verifier");
  if (!code) throw new OAuthError("invalid_request", "code is required.");
  if (!redirectUri) throw new OAuthError("invalid_request", "redirect_uri is required: the same one sent to /oauth/authorize.");
  if (!verifier) throw new OAuthError("invalid_request", "code_verifier is required (PKCE).");
  if (!VERIFIER_PATTERN.test(verifier))
    throw new OAuthError("invalid_request", "code_verifier must be 43-128 characters of A-Z, a-z, 0-9, '-', '.', '_', '~'.");

  const row = await db.bankAuthorizationCode.findUnique({ where: { hash: hashToken(code) } });
  // Another app's code is answered exactly like an unknown one.
  if (!row || row.appId !== appId) throw new OAuthError("invalid_grant", "The authorization code is not valid.");
  if (row.usedAt) {
    await db.$transaction((tx) => revokeTokenFamily(tx, row.id, now));
    throw new OAuthError("invalid_grant", "The authorization code was already used; every token issued from it has been revoked.");
  }
  if (row.expiresAt <= now)
    throw new OAuthError("invalid_grant", "The authorization code has expired (codes live 60 seconds). Start the authorization again.");
  if (row.redirectUri !== redirectUri)
    throw new OAuthError("invalid_grant", "redirect_uri does not match the one the code was issued for.");
  if (!verifierMatches(verifier, row.codeChallenge))
    throw new OAuthError("invalid_grant", "code_verifier does not match the code_challenge (PKCE S256).");

  const tenant = await options.ensureTenant(row.tenantId);
  const at = tenantNow(tenant, now);
  const issued = await db.$transaction(async (tx) => {
    const claimed = await tx.bankAuthorizationCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) {
      await revokeTokenFamily(tx, row.id, now);
      return null;
    }
    const consent = await tx.bankConsent.findUniqueOrThrow({ where: { id: row.consentId } });
    if (consent.status !== "authorised" || consent.expiresAt <= at) return "inactive" as const;
    return issueTokens(tx, { tenantId: row.tenantId, appId, consent, familyId: row.id, tenantNow: at });
  });
  if (issued === null)
    throw new OAuthError("invalid_grant", "The authorization code was already used; every token issued from it has been revoked.");
  if (issued === "inactive") throw new OAuthError("invalid_grant", "The consent behind this code is no longer active.");
  return issued;
}
