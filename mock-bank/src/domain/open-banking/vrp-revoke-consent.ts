import type { PrismaClient } from "@prisma/client";
import { markConsentRevoked } from "../consents/revoke-consent";
import { findObConsent } from "./vrp-find-consent";

/**
 * The TPP's DELETE of a VRP or Confirmation of Funds consent, through the one revocation rule
 * (markConsentRevoked): an awaiting or authorised consent becomes revoked (CANC) by the TPP, its
 * tokens stop working and `consent.revoked` is recorded; an ended one (rejected, revoked) stays as
 * it ended (DELETE is idempotent). Another app's or another kind's consent is the UK NotFound.
 */
export async function revokeObConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string | null;
  consentId: string;
  kind: string;
  /** The real clock (tokens) and the tenant's (the consent). */
  now: Date;
  tenantNow: Date;
}): Promise<void> {
  const { db, tenantId, consentId, now, tenantNow } = options;
  const consent = await findObConsent(options);
  await db.$transaction((tx) => markConsentRevoked(tx, { tenantId, appId: consent.appId, consentId, revokedBy: "tpp", now, tenantNow }));
}
