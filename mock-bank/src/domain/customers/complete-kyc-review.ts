import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import type { CustomerDto, KycReasonDto } from "../../schemas/customer";
import { recordEvents } from "../events/record-event";
import { moneyTransaction } from "../ledger/money-transaction";
import { customerSelect, toCustomerDto } from "./customer-dto";

export type ReviewDecision = { decision: "approved" | "rejected"; note?: string };

/**
 * Plays the compliance officer: ends a customer's manual review as `approved` (the reasons
 * that sent it to review are cleared, so it can open accounts) or `rejected` (a
 * `review_rejected` reason joins them), and writes `kyc.decided` in the same transaction.
 * Only a customer in `review` can be decided; the status check is part of the update, so
 * two concurrent decisions cannot both win.
 */
export async function completeKycReview(options: {
  db: PrismaClient;
  tenantId: string;
  customerId: string;
  now: Date;
  review: ReviewDecision;
}): Promise<CustomerDto> {
  const { db, tenantId, customerId, now, review } = options;
  return moneyTransaction(db, async (tx) => {
    const current = await tx.bankCustomer.findFirst({ where: { id: customerId, tenantId }, select: { kycStatus: true, kycReasons: true } });
    if (!current) throw new AppError("resource_not_found", `No customer with id ${customerId}.`);
    if (current.kycStatus !== "review") {
      throw new AppError(
        "kyc_not_in_review",
        `Customer ${customerId} is ${current.kycStatus}, not in review: only a review can be decided.`,
      );
    }
    const reasons: KycReasonDto[] =
      review.decision === "approved"
        ? []
        : [
            ...(JSON.parse(current.kycReasons) as KycReasonDto[]),
            { code: "review_rejected", message: review.note ?? "Rejected after manual review." },
          ];
    const { count } = await tx.bankCustomer.updateMany({
      where: { id: customerId, tenantId, kycStatus: "review" },
      data: { kycStatus: review.decision, kycReasons: JSON.stringify(reasons) },
    });
    if (count !== 1) throw new AppError("kyc_not_in_review", `Customer ${customerId} was decided by another request.`);
    const dto = toCustomerDto(await tx.bankCustomer.findUniqueOrThrow({ where: { id: customerId }, select: customerSelect }));
    await recordEvents(tx, tenantId, now, [{ type: "kyc.decided", object: dto }]);
    return dto;
  });
}
