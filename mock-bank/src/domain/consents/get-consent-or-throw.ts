import type { PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import { consentNotFound } from "./consent-not-found";
import { consentSelect, toConsentDto, v1Consents } from "./consent-dto";

/** One of this app's consents; another app's (or tenant's) is a 404 like an unknown id. */
export async function getConsentOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId: string;
  tenantNow: Date;
}): Promise<ConsentDto> {
  const { db, tenantId, appId, consentId } = options;
  const row = await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId, ...v1Consents }, select: consentSelect });
  if (!row) throw consentNotFound(consentId);
  const customer = await db.bankCustomer.findUnique({ where: { id: row.customerId! }, select: { persona: true } });
  return toConsentDto(row, customer?.persona ?? null, options.tenantNow);
}
