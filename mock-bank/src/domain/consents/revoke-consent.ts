import type { PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { recordEvents } from "../events/record-event";
import { getConsentOrThrow } from "./get-consent-or-throw";
import { consentNotFound } from "./consent-not-found";
import { v1Consents } from "./consent-dto";

/**
 * Revokes a consent and every token issued under it, in one transaction with the
 * `consent.revoked` event. Tokens are checked against the database on every call, so they
 * stop working at once. Revoking a revoked consent changes nothing and returns it.
 */
export async function revokeConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  now: Date;
  tenantNow: Date;
}): Promise<ConsentDto> {
  const { db, tenantId, appId, consentId, now, tenantNow } = options;
  await db.$transaction(async (tx) => {
    const row = await tx.bankConsent.findFirst({
      where: { id: consentId, tenantId, appId, ...v1Consents },
      select: { id: true, status: true },
    });
    if (!row) throw consentNotFound(consentId);
    const revoked = await tx.bankConsent.updateMany({
      where: { id: consentId, status: { not: "revoked" } },
      data: { status: "revoked", revokedAt: tenantNow },
    });
    await tx.bankOAuthToken.updateMany({ where: { consentId, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 1) {
      await recordEvents(tx, tenantId, tenantNow, [
        { type: "consent.revoked", object: { id: consentId, app_id: appId, revoked_at: tenantNow.toISOString() } },
      ]);
    }
  });
  return getConsentOrThrow({ db, tenantId, appId, consentId, tenantNow });
}
