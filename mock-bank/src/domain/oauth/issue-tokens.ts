import type { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { generateToken, hashToken } from "./opaque-token";

/** Access tokens live one hour on the tenant's clock; refresh tokens until the consent ends. */
export const ACCESS_TOKEN_SECONDS = 3600;

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
  consent_id: string;
};

/** A new access + refresh token pair for a consent, in the caller's transaction. */
export async function issueTokens(
  tx: Prisma.TransactionClient,
  input: {
    tenantId: string;
    appId: string;
    consent: { id: string; permissions: string; expiresAt: Date };
    familyId: string;
    tenantNow: Date;
  },
): Promise<TokenResponse> {
  const access = generateToken("access");
  const refresh = generateToken("refresh");
  const accessExpiresAt = new Date(Math.min(input.tenantNow.getTime() + ACCESS_TOKEN_SECONDS * 1000, input.consent.expiresAt.getTime()));
  const common = { tenantId: input.tenantId, appId: input.appId, consentId: input.consent.id, familyId: input.familyId };
  await tx.bankOAuthToken.createMany({
    data: [
      { id: newId("oauthToken"), hash: hashToken(access), kind: "access", expiresAt: accessExpiresAt, ...common },
      { id: newId("oauthToken"), hash: hashToken(refresh), kind: "refresh", expiresAt: input.consent.expiresAt, ...common },
    ],
  });
  return {
    access_token: access,
    token_type: "Bearer",
    expires_in: Math.max(0, Math.round((accessExpiresAt.getTime() - input.tenantNow.getTime()) / 1000)),
    refresh_token: refresh,
    scope: (JSON.parse(input.consent.permissions) as string[]).join(" "),
    consent_id: input.consent.id,
  };
}

/** Kills every token descended from one code (or sandbox mint): replay detection's answer. */
export async function revokeTokenFamily(tx: Prisma.TransactionClient, familyId: string, at: Date): Promise<void> {
  await tx.bankOAuthToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } });
}
