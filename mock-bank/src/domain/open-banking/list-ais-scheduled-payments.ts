import type { PrismaClient } from "@prisma/client";
import type { ObScheduledPayment } from "../../schemas/open-banking/ais-resources";
import { fit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";
import { creditorAccounts, creditorKey } from "./ais-creditor-account";

/**
 * Scheduled payments of the consent's accounts: their BankPayments still pending with a settlement
 * time ahead on the tenant's clock (a standard-scheme payment until it settles, a future-dated one
 * until its date). ScheduledPaymentId is the payment's `pay_…` id; CreditorAccount only with
 * ReadScheduledPaymentsDetail.
 */
export async function listAisScheduledPayments(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  tenantNow: Date;
}): Promise<ObScheduledPayment[]> {
  const { db, tenantId, call, accountIds, tenantNow } = options;
  const owned = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountIds } },
    select: { id: true },
  });
  const payments = await db.bankPayment.findMany({
    where: { tenantId, debtorAccountId: { in: owned.map((account) => account.id) }, status: "pending", settlesAt: { gt: tenantNow } },
    orderBy: [{ settlesAt: "asc" }, { id: "asc" }],
  });
  const identified = call.grant.scheduledPaymentsDetail ? await creditorAccounts(db, tenantId, payments) : new Map();
  return payments.map((payment) => {
    const creditor = identified.get(creditorKey(payment));
    return {
      AccountId: payment.debtorAccountId,
      ScheduledPaymentId: payment.id,
      ScheduledPaymentDateTime: payment.settlesAt!.toISOString(),
      ScheduledType: "Execution" as const,
      ...(payment.reference ? { Reference: fit(payment.reference, 35) } : {}),
      // What the payee is to receive: an international payment's credit amount, else the amount.
      InstructedAmount:
        payment.creditAmount !== null && payment.creditCurrency
          ? obAmount(payment.creditAmount, payment.creditCurrency)
          : obAmount(payment.amount, payment.currency),
      ...(creditor ? { CreditorAccount: creditor } : {}),
    };
  });
}
