import type { Prisma } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";

/**
 * Uses a standard's single-use consent (a payment consent) inside the caller's transaction:
 * `authorised` and unexpired on the tenant clock → `consumed`. A conditional update, so of any
 * number of racing requests exactly one wins; the others (and any later one) get
 * consent_not_authorised and their transaction rolls back.
 */
export async function consumeConsent(
  tx: Prisma.TransactionClient,
  options: { tenantId: string; consentId: string; now: Date },
): Promise<void> {
  const { tenantId, consentId, now } = options;
  const { count } = await tx.bankConsent.updateMany({
    where: { id: consentId, tenantId, status: "authorised", expiresAt: { gt: now } },
    data: { status: "consumed", statusUpdatedAt: now },
  });
  if (count === 1) return;
  const consent = await tx.bankConsent.findFirst({ where: { id: consentId, tenantId }, select: { status: true, expiresAt: true } });
  const why = !consent
    ? "does not exist"
    : consent.status === "authorised"
      ? `expired at ${consent.expiresAt.toISOString()} (sandbox clock)`
      : consent.status === "consumed"
        ? "has already been used by a payment"
        : `is ${consent.status.replaceAll("_", " ")}`;
  throw new AppError("consent_not_authorised", `Consent ${consentId} ${why}: a payment needs an authorised, unexpired consent, once.`);
}
