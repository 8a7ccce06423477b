import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import type { ObStandingOrder } from "../../schemas/open-banking/ais-resources";
import { accountIdentifiers, fit, holderName, identifierSelect, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";
import { recurringSeries } from "./ais-recurring-payments";

/**
 * Standing orders of the consent's accounts, derived from their outgoing `standing_order` lines
 * (see recurringSeries): one order per payee, its last and next payment. When the payee is an
 * account of this bank (the seed's monthly transfers to savings are two legs of one posting: the
 * credit on the customer's other account at the same instant), ReadStandingOrdersDetail also shows that
 * account's identifiers. StandingOrderId is stable per account and payee.
 */
export async function listAisStandingOrders(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  tenantNow: Date;
}): Promise<ObStandingOrder[]> {
  const { db, tenantId, call } = options;
  const series = await recurringSeries({ ...options, customerId: call.customerId, channel: "standing_order" });
  const out: ObStandingOrder[] = [];
  for (const one of series) {
    const last = one.payments[one.payments.length - 1];
    let creditor: ObStandingOrder["CreditorAccount"];
    if (call.grant.standingOrdersDetail) {
      const leg = await db.bankTransaction.findFirst({
        where: {
          tenantId,
          channel: "standing_order",
          transactedAt: last.at,
          amount: last.amount,
          accountId: { not: one.accountId },
          account: { customerId: call.customerId },
        },
        select: { account: { select: { ...identifierSelect, customer: { select: { givenName: true, familyName: true } } } } },
      });
      const identifiers = leg ? accountIdentifiers(leg.account, leg.account.customer ? holderName(leg.account.customer) : undefined) : [];
      if (identifiers.length) creditor = identifiers[0];
    }
    out.push({
      AccountId: one.accountId,
      StandingOrderId: stableId("standingOrder", one.accountId, one.payee),
      ...(one.next ? { NextPaymentDateTime: one.next.toISOString(), NextPaymentAmount: obAmount(last.amount, one.currency) } : {}),
      LastPaymentDateTime: last.at.toISOString(),
      ...(one.active ? { StandingOrderStatusCode: "ACTV" as const } : {}),
      LastPaymentAmount: obAmount(last.amount, one.currency),
      ...(creditor ? { CreditorAccount: creditor } : {}),
      MandateRelatedInformation: { Classification: one.fixed ? "FIXE" : "VARI", Frequency: { Type: one.frequency } },
      RemittanceInformation: { Unstructured: [fit(one.description, 140)] },
    });
  }
  return out;
}
