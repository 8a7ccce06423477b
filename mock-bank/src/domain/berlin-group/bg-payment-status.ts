import type { BankConsent, PrismaClient } from "@prisma/client";
import { readDetails } from "./bg-details";

export type BgPaymentStatus = {
  transactionStatus: "RCVD" | "ACTC" | "ACSP" | "ACSC" | "ACCC" | "RJCT" | "CANC" | "PART";
  /** false when the bank refused for want of funds. */
  fundsAvailable?: boolean;
  psuMessage?: string;
};

/**
 * A payment resource's ISO 20022 status, from its consent and the BankPayments made under it:
 * RCVD until the PSU authorises it, CANC once cancelled, RJCT when refused (by the PSU, or by the
 * bank: no funds, sanctions); once executed, ACCC (credited to one of the sandbox's own accounts),
 * ACSC (settled to an outside account), ACSP (a standard or international payment waiting for the
 * sandbox clock to settle it). A bulk with some payments refused and some not is PART.
 */
export async function bgPaymentStatus(db: PrismaClient, consent: BankConsent): Promise<BgPaymentStatus> {
  const { state } = readDetails(consent.details);
  const noFunds = (code: string | undefined) => (code === "FUNDS_NOT_AVAILABLE" ? { fundsAvailable: false } : {});
  switch (consent.status) {
    case "awaiting_authorisation":
      return { transactionStatus: "RCVD" };
    case "revoked":
      return { transactionStatus: "CANC" };
    case "rejected":
      return {
        transactionStatus: "RJCT",
        ...noFunds(state.rejection?.code),
        psuMessage: state.rejection?.text ?? "The PSU refused the authorisation.",
      };
    case "authorised":
      return { transactionStatus: "ACTC" };
  }
  const payments = await db.bankPayment.findMany({
    where: { tenantId: consent.tenantId, consentId: consent.id },
    select: { status: true, creditorAccountId: true, failureCode: true, failureMessage: true },
  });
  const refusedByBank = (state.results ?? []).filter((result) => "error" in result).length;
  const failed = payments.filter((payment) => payment.status === "failed");
  const pending = payments.some((payment) => payment.status === "pending");
  const total = payments.length + refusedByBank;
  if (failed.length + refusedByBank === total) {
    const insufficient = failed.some((payment) => payment.failureCode === "insufficient_funds");
    return {
      transactionStatus: "RJCT",
      ...(insufficient ? { fundsAvailable: false } : {}),
      psuMessage: failed[0]?.failureMessage ?? "The bank refused the payment.",
    };
  }
  if (failed.length + refusedByBank > 0)
    return { transactionStatus: "PART", psuMessage: `${failed.length + refusedByBank} of ${total} payments were refused.` };
  if (pending) return { transactionStatus: "ACSP" };
  return { transactionStatus: payments.every((payment) => payment.creditorAccountId) ? "ACCC" : "ACSC" };
}
