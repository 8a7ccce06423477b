import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { parseMinor } from "@openbank/contracts/money";
import type { CreateLoanApplicationInput, LoanApplicationDto } from "../../schemas/lending";
import { recordEvents } from "../events/record-event";
import { moneyTransaction } from "../ledger/money-transaction";
import { assessCredit, LOAN_MAX_AMOUNT, LOAN_MIN_AMOUNT, OFFER_VALID_DAYS } from "./assess-credit";
import { loadCreditInputs } from "./load-credit-inputs";
import { applicationInclude, serialiseAssessment, toApplicationDto } from "./loan-application-dto";

const DAY_MS = 86_400_000;
const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

/**
 * Decides a personal-loan application at once (domain/lending/assess-credit) and stores the
 * application with its offers (valid 30 days on the tenant clock) and a `loan.decided` event,
 * in one transaction. A decline is a decision too: 201 with `decision: declined` and reasons.
 */
export async function createLoanApplication(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  input: CreateLoanApplicationInput;
  idempotencyKeyId?: string;
}): Promise<LoanApplicationDto> {
  const { db, tenantId, now, input } = options;
  const amount = parseMinor(input.amount.amount, input.amount.currency);
  if (amount === null || amount < LOAN_MIN_AMOUNT || amount > LOAN_MAX_AMOUNT) {
    throw new AppError(
      "validation_failed",
      "amount.amount: must be between 1000.00 and 25000.00",
      field("/body/amount/amount", "must be between 1000.00 and 25000.00"),
    );
  }
  const loaded = await loadCreditInputs(db, tenantId, input.customer_id, now);
  if (!loaded)
    throw new AppError("resource_not_found", `No customer with id ${input.customer_id}.`, field("/body/customer_id", "no such customer"));
  const decision = assessCredit(loaded.inputs, { amount, termMonths: input.term_months });

  const id = newId("loanApplication");
  const expiresAt = new Date(now.getTime() + OFFER_VALID_DAYS * DAY_MS);
  return moneyTransaction(db, async (tx) => {
    await tx.bankLoanApplication.create({
      data: {
        id,
        tenantId,
        customerId: loaded.customer.id,
        product: "personal_loan",
        amount,
        currency: "GBP",
        termMonths: input.term_months,
        purpose: input.purpose ?? null,
        decision: decision.decision,
        reasons: JSON.stringify(decision.reasons),
        assessment: serialiseAssessment(decision.assessment),
        createdAt: now,
      },
    });
    if (decision.offers.length) {
      await tx.bankLoanOffer.createMany({
        data: decision.offers.map((offer, index) => ({
          id: newId("loanOffer"),
          tenantId,
          applicationId: id,
          amount: offer.amount,
          currency: "GBP",
          apr: offer.apr,
          termMonths: offer.termMonths,
          monthlyPayment: offer.monthlyPayment,
          totalRepayable: offer.totalRepayable,
          status: "available",
          expiresAt,
          // A millisecond apart, so the offers keep the decision's order.
          createdAt: new Date(now.getTime() + index),
        })),
      });
    }
    const row = await tx.bankLoanApplication.findUniqueOrThrow({ where: { id }, include: applicationInclude });
    const dto = toApplicationDto(row, now);
    if (options.idempotencyKeyId) await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: id } });
    await recordEvents(tx, tenantId, now, [{ type: "loan.decided", object: dto }]);
    return dto;
  });
}
