import type { BankConsent, PrismaClient } from "@prisma/client";
import { recordEvents } from "../events/record-event";
import { isoDay, readDetails, writeDetails } from "./bg-details";

/**
 * DELETE /v1/consents/{consentId}: the TPP ends its consent (`terminatedByTpp`: revoked by the
 * tpp), whatever its status, with the same `consent.revoked` event as /v1's revocation. Ending an
 * ended consent changes nothing.
 */
export async function terminateBgConsent(options: { db: PrismaClient; consent: BankConsent; tenantNow: Date }): Promise<void> {
  const { db, consent, tenantNow } = options;
  const { body, state } = readDetails(consent.details);
  await db.$transaction(async (tx) => {
    const { count } = await tx.bankConsent.updateMany({
      where: { id: consent.id, status: { in: ["awaiting_authorisation", "authorised"] } },
      data: {
        status: "revoked",
        revokedBy: "tpp",
        revokedAt: tenantNow,
        statusUpdatedAt: tenantNow,
        details: writeDetails(body, { ...state, lastActionDate: isoDay(tenantNow) }),
      },
    });
    if (count === 1)
      await recordEvents(tx, consent.tenantId, tenantNow, [
        { type: "consent.revoked", object: { id: consent.id, app_id: consent.appId, revoked_at: tenantNow.toISOString() } },
      ]);
  });
}
