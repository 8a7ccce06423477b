import type { PrismaClient } from "@prisma/client";
import { ObError } from "./ob-errors";

/**
 * One of the app's UK consents of a kind (`domestic_vrp`, `funds_confirmation`). An unknown id,
 * another app's and another kind's are the same answer: the profile's 400
 * UK.OBIE.Resource.NotFound ("a resource Id that does not exist"), never a 404.
 */
export async function findObConsent(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string | null;
  consentId: string;
  kind: string;
}) {
  const { db, tenantId, appId, consentId, kind } = options;
  const row = appId
    ? await db.bankConsent.findFirst({ where: { id: consentId, tenantId, appId, standard: "uk_open_banking", kind } })
    : null;
  if (!row) throw new ObError(400, "UK.OBIE.Resource.NotFound", `No consent ${consentId} of this kind for this app.`, "ConsentId");
  return row;
}
