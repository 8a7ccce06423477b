import type { PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";

/**
 * Before the authorization server rotates a refresh token: the consent behind it must still be
 * authorised and unexpired on the tenant's clock. The server itself knows nothing of consents, so
 * an ended consent's refresh token is refused here, with the reason, as invalid_grant.
 */
export async function endedConsentOfRefreshToken(options: {
  db: PrismaClient;
  provider: Provider;
  refreshToken: string;
  tenantNow: (tenantId: string) => Promise<Date>;
}): Promise<string | null> {
  const found = await options.provider.RefreshToken.find(options.refreshToken);
  if (!found?.grantId) return null;
  const consent = await options.db.bankConsent.findUnique({ where: { grantId: found.grantId } });
  if (!consent) return null;
  if (consent.status === "revoked") return `Consent ${consent.id} was revoked; its refresh token no longer works.`;
  if (consent.expiresAt <= (await options.tenantNow(consent.tenantId)))
    return `Consent ${consent.id} has expired (sandbox clock); ask the customer for a new consent.`;
  return null;
}
