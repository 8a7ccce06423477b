import type { PrismaClient } from "@prisma/client";
import { markConsentRevoked, type RevokedBy } from "../consents/revoke-consent";

/**
 * The authorization server revoked a grant (every token of it): a replayed authorization code or
 * refresh token, or the app revoking a refresh token at /oauth/revoke. The consent behind it ends
 * with it, so it reads `revoked` (and `consent.revoked` fires) instead of `authorised` with no
 * token that works. A consent that already ended stays as it ended.
 */
export async function endGrantConsent(options: {
  db: PrismaClient;
  grantId: string;
  revokedBy: Extract<RevokedBy, "token_replay" | "tpp">;
  tenantNow: (tenantId: string) => Promise<Date>;
  now?: Date;
}): Promise<boolean> {
  const { db, grantId } = options;
  const consent = await db.bankConsent.findUnique({ where: { grantId }, select: { id: true, tenantId: true } });
  if (!consent) return false;
  const tenantNow = await options.tenantNow(consent.tenantId);
  return db.$transaction((tx) =>
    markConsentRevoked(tx, {
      tenantId: consent.tenantId,
      consentId: consent.id,
      revokedBy: options.revokedBy,
      now: options.now ?? new Date(),
      tenantNow,
    }),
  );
}
