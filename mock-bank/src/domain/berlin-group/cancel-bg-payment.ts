import type { BankConsent, PrismaClient } from "@prisma/client";
import { BgError } from "./bg-errors";
import { isoDay, readDetails, writeDetails } from "./bg-details";

/**
 * Cancels a payment resource the PSU has not authorised yet (DELETE, or an approved cancellation
 * authorisation): it becomes CANC (`revoked` by the TPP) and can no longer be authorised. A payment
 * that was authorised has executed through the ledger at once (an instant one completes, a
 * standard one settles the next banking day) and cannot be recalled here: CANCELLATION_INVALID.
 */
export async function cancelBgPayment(options: { db: PrismaClient; consent: BankConsent; tenantNow: Date }): Promise<void> {
  const { db, consent, tenantNow } = options;
  const { body, state } = readDetails(consent.details);
  const { count } = await db.bankConsent.updateMany({
    where: { id: consent.id, status: "awaiting_authorisation" },
    data: {
      status: "revoked",
      revokedBy: "tpp",
      revokedAt: tenantNow,
      statusUpdatedAt: tenantNow,
      details: writeDetails(body, { ...state, lastActionDate: isoDay(tenantNow) }),
    },
  });
  if (count === 1) return;
  const now = await db.bankConsent.findUniqueOrThrow({ where: { id: consent.id }, select: { status: true } });
  throw new BgError(
    405,
    "CANCELLATION_INVALID",
    now.status === "revoked"
      ? "The payment is already cancelled."
      : now.status === "rejected"
        ? "The payment was rejected: there is nothing to cancel."
        : "The payment was authorised and executed: it can no longer be cancelled (the sandbox executes payments as soon as they are authorised).",
  );
}
