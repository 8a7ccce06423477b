import type { PrismaClient } from "@prisma/client";
import { formatMoneyForDisplay, toMoney } from "@openbank/contracts/money";
import type { ObOffer } from "../../schemas/open-banking/ais-resources";
import { fit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";

/**
 * Offers: the customer's personal-loan offers still open (from POST /v1/loans/applications: status
 * available, not expired on the tenant's clock), shown on the customer's current account the loan
 * would be paid into: the first of their current accounts the consent shares. Nothing when the
 * consent shares no current account.
 */
export async function listAisOffers(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  tenantNow: Date;
}): Promise<ObOffer[]> {
  const { db, tenantId, call, accountIds, tenantNow } = options;
  const current = await db.bankAccount.findFirst({
    where: { tenantId, customerId: call.customerId, id: { in: call.accountIds }, type: "current" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!current || !accountIds.includes(current.id)) return [];
  const offers = await db.bankLoanOffer.findMany({
    where: { tenantId, status: "available", expiresAt: { gt: tenantNow }, application: { customerId: call.customerId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return offers.map((offer) => {
    const money = (minor: bigint) => formatMoneyForDisplay(toMoney(minor, offer.currency));
    return {
      AccountId: current.id,
      OfferId: offer.id,
      OfferType: "Other" as const,
      Description: fit(
        `Personal loan of ${money(offer.amount)} over ${offer.termMonths} months at ${offer.apr}% APR representative: ${money(offer.monthlyPayment)} a month, ${money(offer.totalRepayable)} in total.`,
        500,
      ),
      StartDateTime: offer.createdAt.toISOString(),
      EndDateTime: offer.expiresAt.toISOString(),
      Rate: offer.apr,
      Term: `${offer.termMonths} months`,
      Amount: obAmount(offer.amount, offer.currency),
    };
  });
}
