import type { PrismaClient } from "@prisma/client";
import { recordEvents } from "../events/record-event";
import { findObConsent } from "./vrp-find-consent";

/**
 * The TPP's DELETE of a VRP or Confirmation of Funds consent: an awaiting or authorised consent
 * becomes revoked (CANC) by the TPP, with `consent.revoked` in the same transaction; deleting an
 * ended one changes nothing (DELETE is idempotent). Its tokens then reach nothing: every call
 * checks the consent's status.
 */
export async function revokeObConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string | null;
  consentId: string;
  kind: string;
  tenantNow: Date;
}): Promise<void> {
  const { db, tenantId, consentId, tenantNow } = options;
  const consent = await findObConsent(options);
  await db.$transaction(async (tx) => {
    const { count } = await tx.bankConsent.updateMany({
      where: { id: consentId, tenantId, status: { in: ["awaiting_authorisation", "authorised"] } },
      data: { status: "revoked", revokedBy: "tpp", revokedAt: tenantNow, statusUpdatedAt: tenantNow },
    });
    if (count === 1)
      await recordEvents(tx, tenantId, tenantNow, [
        { type: "consent.revoked", object: { id: consent.id, app_id: consent.appId, revoked_at: tenantNow.toISOString() } },
      ]);
  });
}
