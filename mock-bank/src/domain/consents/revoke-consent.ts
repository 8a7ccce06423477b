import type { Prisma, PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { recordEvents } from "../events/record-event";
import { getConsentOrThrow } from "./get-consent-or-throw";
import { consentNotFound } from "./consent-not-found";
import { v1Consents } from "./consent-dto";

/**
 * Ends a consent inside the caller's transaction: status `revoked` (by whom, when given), every
 * sandbox token under it revoked, and the `consent.revoked` event, for any standard's consent.
 * Tokens are checked against the database on every call, so they stop working at once. Returns
 * false, changing nothing, when the consent was already revoked.
 */
export async function markConsentRevoked(
  tx: Prisma.TransactionClient,
  options: {
    tenantId: string;
    appId: string;
    consentId: string;
    revokedBy?: "customer" | "tpp" | "developer";
    now: Date;
    tenantNow: Date;
  },
): Promise<boolean> {
  const { tenantId, appId, consentId, revokedBy, now, tenantNow } = options;
  const revoked = await tx.bankConsent.updateMany({
    where: { id: consentId, tenantId, status: { not: "revoked" } },
    data: { status: "revoked", revokedAt: tenantNow, ...(revokedBy ? { revokedBy, statusUpdatedAt: tenantNow } : {}) },
  });
  await tx.bankOAuthToken.updateMany({ where: { consentId, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count === 1) {
    await recordEvents(tx, tenantId, tenantNow, [
      { type: "consent.revoked", object: { id: consentId, app_id: appId, revoked_at: tenantNow.toISOString() } },
    ]);
  }
  return revoked.count === 1;
}

/**
 * Revokes a /v1 consent and every token issued under it, in one transaction with the
 * `consent.revoked` event. Revoking a revoked consent changes nothing and returns it.
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
    await markConsentRevoked(tx, { tenantId, appId, consentId, now, tenantNow });
  });
  return getConsentOrThrow({ db, tenantId, appId, consentId, tenantNow });
}
