import type { PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { consentNotFound } from "./consent-not-found";
import { consentSelect, toConsentDto } from "./consent-dto";

/**
 * One of this app's consents, whatever the standard it was made through; another app's (or
 * tenant's) is a 404 like an unknown id.
 */
export async function getConsentOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  tenantNow: Date;
}): Promise<ConsentDto> {
  const { db, tenantId, appId, consentId } = options;
  const row = await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId }, select: consentSelect });
  if (!row) throw consentNotFound(consentId);
  const customer = row.customerId ? await db.bankCustomer.findUnique({ where: { id: row.customerId }, select: { persona: true } }) : null;
  return toConsentDto(row, customer?.persona ?? null, options.tenantNow);
}
