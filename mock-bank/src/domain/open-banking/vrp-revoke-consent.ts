import type { PrismaClient } from "@prisma/client";
import { markConsentRevoked } from "../consents/revoke-consent";
import { findObConsent } from "./vrp-find-consent";

/**
 * The TPP's DELETE of a VRP or Confirmation of Funds consent: an awaiting or authorised consent
 * becomes revoked (CANC) by the TPP, its tokens stop working and `consent.revoked` is recorded, as
 * every revocation does (markConsentRevoked); deleting an ended one (rejected, revoked) changes
 * nothing (DELETE is idempotent). Every call also checks the consent's status.
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
  if (consent.status !== "awaiting_authorisation" && consent.status !== "authorised") return;
  await db.$transaction((tx) => markConsentRevoked(tx, { tenantId, appId: consent.appId, consentId, revokedBy: "tpp", now, tenantNow }));
}
