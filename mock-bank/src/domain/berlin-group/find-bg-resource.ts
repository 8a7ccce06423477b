import type { BankConsent, PrismaClient } from "@prisma/client";
import { BgError } from "./bg-errors";

/**
 * One of this TPP's Berlin Group resources: an account-information consent, or a payment
 * resource (single or bulk). Another app's, another standard's or an unknown id is the same
 * refusal: CONSENT_UNKNOWN for a consent, RESOURCE_UNKNOWN for a payment (403: an id in the path).
 */
export async function findBgResourceOrThrow(
  db: PrismaClient,
  options: { tenantId: string; appId: string | null; id: string; kind: "account_access" | "payment" | "bulk_payment" },
): Promise<BankConsent> {
  const row = await db.bankConsent.findFirst({
    where: { id: options.id, tenantId: options.tenantId, appId: options.appId ?? "", standard: "berlin_group", kind: options.kind },
  });
  if (row) return row;
  if (options.kind === "account_access") throw new BgError(403, "CONSENT_UNKNOWN", `No consent ${options.id} of this TPP.`, "consentId");
  throw new BgError(
    403,
    "RESOURCE_UNKNOWN",
    `No ${options.kind === "payment" ? "payment" : "bulk payment"} ${options.id} of this TPP.`,
    "paymentId",
  );
}
