import type { PrismaClient } from "@prisma/client";
import { markConsentRevoked } from "../consents/revoke-consent";
import { accountAccessConsents } from "./account-access-consent-dto";
import { accountAccessConsentNotFound } from "./account-access-consent-not-found";

/**
 * DELETE /account-access-consents/{ConsentId}: the app ends the consent (the PSU withdrew it with the
 * app). It becomes CANC, revoked by the TPP, its tokens stop working at once and `consent.revoked` is
 * recorded, as a /v1 revocation does. A consent already revoked or rejected stays as it is.
 */
export async function deleteAccountAccessConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  now: Date;
  tenantNow: Date;
}): Promise<void> {
  const { db, tenantId, appId, consentId, now, tenantNow } = options;
  await db.$transaction(async (tx) => {
    const row = await tx.bankConsent.findFirst({
      where: { id: consentId, tenantId, appId, ...accountAccessConsents },
      select: { status: true },
    });
    if (!row) throw accountAccessConsentNotFound(consentId);
    if (row.status === "rejected") return;
    await markConsentRevoked(tx, { tenantId, appId, consentId, revokedBy: "tpp", now, tenantNow });
  });
}
