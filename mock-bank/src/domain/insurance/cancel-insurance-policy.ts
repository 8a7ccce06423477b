import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { InsurancePolicyDto } from "../../schemas/insurance";
import { recordEvents } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { coolingOffEndsAt, policyInclude, toPolicyDto } from "./insurance-dto";

/**
 * Cancels a policy within the 14-day cooling-off period and before its cover starts, with a
 * full refund of the premium to the account that paid it (even if that account has been
 * frozen since: it is the customer's own money). The status change, the refund posting and
 * the `insurance.policy_cancelled` + `transaction.booked` events are one transaction; a
 * conditional update makes a second, concurrent cancel refund nothing.
 */
export async function cancelInsurancePolicy(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  policyId: string;
}): Promise<InsurancePolicyDto> {
  const { db, tenantId, now, policyId } = options;
  const policy = await db.bankInsurancePolicy.findFirst({ where: { id: policyId, tenantId } });
  if (!policy) throw new AppError("resource_not_found", `No insurance policy with id ${policyId}.`);
  const notCancellable = (why: string) =>
    new AppError("policy_not_cancellable", `Policy ${policy.policyNumber} cannot be cancelled: ${why}.`);
  if (policy.status === "cancelled") throw notCancellable("it is already cancelled");
  if (now >= coolingOffEndsAt(policy.createdAt))
    throw notCancellable(`the 14-day cooling-off period is over (cooling_off_ends_at ${coolingOffEndsAt(policy.createdAt).toISOString()})`);
  if (now >= policy.startDate) throw notCancellable(`cover started on ${policy.startDate.toISOString().slice(0, 10)}`);

  await ensureLedger(db, tenantId);
  return moneyTransaction(db, async (tx) => {
    const { count } = await tx.bankInsurancePolicy.updateMany({
      where: { id: policy.id, tenantId, status: "active" },
      data: { status: "cancelled" },
    });
    if (count !== 1) throw notCancellable("it is already cancelled");
    const row = await tx.bankInsurancePolicy.findUniqueOrThrow({ where: { id: policy.id }, include: policyInclude });
    const dto = toPolicyDto(row, now);
    await postTransfer(
      tx,
      {
        tenantId,
        kind: "reversal",
        reference: policy.id,
        currency: policy.currency,
        postedAt: now,
        legs: [
          { accountId: systemAccountId(tenantId, "premiums"), amount: -policy.premium },
          {
            accountId: policy.accountId,
            amount: policy.premium,
            line: { description: `REFUND TRAVEL INSURANCE ${policy.policyNumber}`, category: "insurance", channel: "transfer" },
            allowFrozen: true,
          },
        ],
      },
      {
        beforeBalances: (lines) =>
          recordEvents(tx, tenantId, now, [
            { type: "insurance.policy_cancelled", object: dto },
            ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
          ]),
      },
    );
    return dto;
  });
}
