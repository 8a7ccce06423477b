import type { BankConsent, PrismaClient } from "@prisma/client";
import { accountAccessConsents } from "./account-access-consent-dto";
import { accountAccessConsentNotFound } from "./account-access-consent-not-found";

/** One of this app's account-access-consents, else 400 UK.OBIE.Resource.NotFound. */
export async function getAccountAccessConsentOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
}): Promise<BankConsent> {
  const { db, tenantId, appId, consentId } = options;
  const row = await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId, ...accountAccessConsents } });
  if (!row) throw accountAccessConsentNotFound(consentId);
  return row;
}
