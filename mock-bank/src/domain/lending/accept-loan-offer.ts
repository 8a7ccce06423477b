import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor } from "@openbank/contracts/money";
import type { LoanDto } from "../../schemas/lending";
import { recordEvents } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { toTransactionDto } from "../transactions/transaction-dto";
import { addMonths, buildSchedule, monthlyRate } from "./amortisation";
import { eligibleRepaymentAccount } from "./eligible-repayment-account";
import { loanInclude, toLoanDto } from "./loan-dto";
import { openLoanAccount } from "./open-loan-account";

const alreadyAccepted = (offerId: string) =>
  new AppError("offer_already_accepted", `Offer ${offerId} cannot be accepted: its application already opened a loan.`);

/**
 * Accepts a loan offer: opens the loan's account, disburses the principal to the borrower's
 * current account in one ledger posting (kind `disbursement`), writes the repayment schedule
 * (monthly, from one month after today on the tenant clock) and `loan.disbursed` +
 * `transaction.booked` events, all in one transaction. An application opens at most one loan:
 * a second accept of it (this offer or a sibling) is a 409 `offer_already_accepted`.
 */
export async function acceptLoanOffer(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  offerId: string;
  disbursementAccountId: string;
  idempotencyKeyId?: string;
}): Promise<LoanDto> {
  const { db, tenantId, now, offerId } = options;
  await ensureLedger(db, tenantId);
  const offer = await db.bankLoanOffer.findFirst({
    where: { id: offerId, tenantId },
    include: { application: { select: { id: true, customerId: true } } },
  });
  if (!offer) throw new AppError("resource_not_found", `No loan offer with id ${offerId}.`);
  const accepted = await db.bankLoanOffer.count({ where: { applicationId: offer.applicationId, status: "accepted" } });
  if (accepted) throw alreadyAccepted(offer.id);
  if (offer.expiresAt <= now)
    throw new AppError(
      "offer_expired",
      `Offer ${offer.id} has expired (expires_at ${offer.expiresAt.toISOString()}); apply again for new offers.`,
    );
  const account = await eligibleRepaymentAccount(db, {
    tenantId,
    accountId: options.disbursementAccountId,
    customerId: offer.application.customerId,
    pointer: "/body/disbursement_account_id",
  });

  const schedule = buildSchedule(offer.amount, monthlyRate(offer.apr), offer.termMonths);
  const loanId = newId("loan");
  const open = () =>
    moneyTransaction(db, async (tx) => {
      // Touching the application first serialises concurrent accepts of its offers (a row lock on PostgreSQL).
      await tx.bankLoanApplication.update({ where: { id: offer.applicationId }, data: { decision: "approved" } });
      if (await tx.bankLoanOffer.count({ where: { applicationId: offer.applicationId, status: "accepted" } }))
        throw alreadyAccepted(offer.id);
      await tx.bankLoanOffer.update({ where: { id: offer.id }, data: { status: "accepted" } });

      const accountId = await openLoanAccount(tx, {
        tenantId,
        customerId: account.customerId,
        name: "Personal Loan",
        principal: offer.amount,
        currency: offer.currency,
        now,
      });
      await tx.bankLoan.create({
        data: {
          id: loanId,
          tenantId,
          customerId: account.customerId,
          kind: "personal_loan",
          offerId: offer.id,
          accountId,
          repaymentAccountId: account.id,
          principal: offer.amount,
          currency: offer.currency,
          apr: offer.apr,
          instalmentCount: offer.termMonths,
          frequency: "monthly",
          instalmentAmount: schedule.payment,
          status: "active",
          description: `${formatMinor(offer.amount, offer.currency)} over ${offer.termMonths} months at ${offer.apr}% APR`,
          createdAt: now,
        },
      });
      await tx.bankLoanInstalment.createMany({
        data: schedule.lines.map((line) => ({
          id: newId("instalment"),
          tenantId,
          loanId,
          sequence: line.sequence,
          dueAt: addMonths(now, line.sequence),
          amount: line.amount,
          principal: line.principal,
          interest: line.interest,
          status: "scheduled",
        })),
      });
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: loanId } });
      const posted = await postTransfer(tx, {
        tenantId,
        kind: "disbursement",
        reference: loanId,
        currency: offer.currency,
        postedAt: now,
        legs: [
          { accountId, amount: -offer.amount, line: { description: "Loan disbursement", category: "loan", channel: "loan" } },
          {
            accountId: account.id,
            amount: offer.amount,
            line: { description: `PERSONAL LOAN ${loanId}`, category: "loan", channel: "loan" },
          },
        ],
      });
      const dto = toLoanDto(await tx.bankLoan.findUniqueOrThrow({ where: { id: loanId }, include: loanInclude }));
      await recordEvents(tx, tenantId, now, [
        { type: "loan.disbursed", object: dto },
        ...posted.lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
      ]);
      return dto;
    });
  try {
    return await open();
  } catch (error) {
    // Only the borrower's account can refuse (frozen since the check above).
    if (error instanceof LedgerDecline)
      throw new AppError("account_frozen", `Account ${account.id} is frozen.`, {
        errors: [{ pointer: "/body/disbursement_account_id", detail: "is frozen" }],
      });
    throw error;
  }
}
