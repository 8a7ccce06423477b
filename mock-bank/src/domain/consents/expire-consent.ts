import type { PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { consentNotFound } from "./consent-not-found";
import { getConsentOrThrow } from "./get-consent-or-throw";

/** A consent still in use can be made to expire; one that ended (revoked, rejected, consumed, expired) stays as it ended. */
const OPEN = ["authorised", "awaiting_authorisation"];

/**
 * POST /v1/sandbox/consents/{consent_id}/expire: the consent reaches its expiry now on the app's
 * sandbox clock, as if its days had run out, without moving the clock (which would move
 * everything else of the app too). From the next call its access tokens answer 401
 * `consent_expired` and its refresh token `invalid_grant`, on /v1 and on its standard's API alike,
 * because both compare the consent's expiry with the clock on every call. Unknown or another
 * app's: consent_not_found. A consent that already ended is returned unchanged.
 */
export async function expireConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  tenantNow: Date;
}): Promise<ConsentDto> {
  const { db, tenantId, appId, consentId, tenantNow } = options;
  const expired = await db.bankConsent.updateMany({
    where: { id: consentId, tenantId, appId, status: { in: OPEN }, expiresAt: { gt: tenantNow } },
    data: { expiresAt: tenantNow, statusUpdatedAt: tenantNow },
  });
  if (expired.count === 0 && !(await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId }, select: { id: true } })))
    throw consentNotFound(consentId);
  return getConsentOrThrow({ db, tenantId, appId, consentId, tenantNow });
}
