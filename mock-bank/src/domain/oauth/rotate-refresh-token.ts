import type { PrismaClient } from "@prisma/client";
import type { Tenant } from "../tenants/ensure-tenant";
import { tenantNow } from "../tenants/tenant-now";
import { issueTokens, revokeTokenFamily, type TokenResponse } from "./issue-tokens";
import { OAuthError } from "./oauth-error";
import { hashToken } from "./opaque-token";
import { parseScope } from "./scopes";

/**
 * grant_type=refresh_token with rotation (RFC 9700 §4.14.2): each refresh token works once
 * and is replaced by a new pair. Presenting a used one again means it leaked: the whole
 * family (every token from the same authorization) is revoked.
 */
export async function rotateRefreshToken(options: {
  db: PrismaClient;
  appId: string;
  ensureTenant: (tenantId: string) => Promise<Tenant>;
  form: URLSearchParams;
  now: Date;
}): Promise<TokenResponse> {
  const { db, appId, form, now } = options;
  const token = form.get("refresh_token");
  if (!token) throw new OAuthError("invalid_request", "refresh_token is required.");
  const row = await db.bankOAuthToken.findUnique({ where: { hash: hashToken(token) }, include: { consent: true } });
  if (!row || row.kind !== "refresh" || row.appId !== appId) throw new OAuthError("invalid_grant", "The refresh token is not valid.");
  if (row.revokedAt) throw new OAuthError("invalid_grant", "The refresh token has been revoked.");
  if (row.usedAt) {
    await db.$transaction((tx) => revokeTokenFamily(tx, row.familyId, now));
    throw new OAuthError("invalid_grant", "The refresh token was already used; every token of this authorization has been revoked.");
  }
  const scope = form.get("scope");
  if (scope !== null) {
    const asked = parseScope(scope);
    const granted = JSON.parse(row.consent.permissions) as string[];
    if (!asked || !asked.every((s) => granted.includes(s)))
      throw new OAuthError("invalid_scope", "A refresh cannot add permissions the customer did not grant.");
  }

  const tenant = await options.ensureTenant(row.tenantId);
  const at = tenantNow(tenant, now);
  if (row.consent.status !== "authorised") throw new OAuthError("invalid_grant", "The consent has been revoked.");
  if (row.consent.expiresAt <= at || row.expiresAt <= at) throw new OAuthError("invalid_grant", "The consent has expired.");

  const issued = await db.$transaction(async (tx) => {
    const claimed = await tx.bankOAuthToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) {
      await revokeTokenFamily(tx, row.familyId, now);
      return null;
    }
    return issueTokens(tx, { tenantId: row.tenantId, appId, consent: row.consent, familyId: row.familyId, tenantNow: at });
  });
  if (!issued)
    throw new OAuthError("invalid_grant", "The refresh token was already used; every token of this authorization has been revoked.");
  return issued;
}
