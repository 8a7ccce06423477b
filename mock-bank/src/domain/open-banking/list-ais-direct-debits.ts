import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import type { ObDirectDebit } from "../../schemas/open-banking/ais-resources";
import { fit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";
import { recurringSeries } from "./ais-recurring-payments";

/**
 * Direct debits of the consent's accounts, derived from their `direct_debit` collections (see
 * recurringSeries): one mandate per originator, its last collection, frequency and whether it is
 * still collecting. DirectDebitId (also the mandate reference) is stable per account and originator.
 */
export async function listAisDirectDebits(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  tenantNow: Date;
}): Promise<ObDirectDebit[]> {
  const { call } = options;
  const series = await recurringSeries({ ...options, customerId: call.customerId, channel: "direct_debit" });
  return series.map((one) => {
    const id = stableId("directDebit", one.accountId, one.payee);
    const last = one.payments[one.payments.length - 1];
    return {
      AccountId: one.accountId,
      DirectDebitId: id,
      ...(one.active ? { DirectDebitStatusCode: "ACTV" as const } : {}),
      MandateRelatedInformation: {
        MandateIdentification: id,
        Classification: one.fixed ? ("FIXE" as const) : ("VARI" as const),
        ...(one.next ? { RecurringPaymentDateTime: one.next.toISOString() } : {}),
        Frequency: { Type: one.frequency },
      },
      Name: fit(one.payee, 70),
      PreviousPaymentDateTime: last.at.toISOString(),
      PreviousPaymentAmount: obAmount(last.amount, one.currency),
    };
  });
}
