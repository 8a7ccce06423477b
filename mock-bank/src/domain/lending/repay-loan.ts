import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import type { LoanDto } from "../../schemas/lending";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer, type Leg } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { buildSchedule, monthlyRate } from "./amortisation";
import { loanInclude, toInstalmentDto, toLoanDto } from "./loan-dto";
import { settlementFigure } from "./settlement-figure";

const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

async function lockedLoan(tx: Prisma.TransactionClient, tenantId: string, loanId: string) {
  // Touching the loan first serialises repayments of it (a row lock on PostgreSQL).
  await tx.bankLoan.updateMany({ where: { id: loanId, tenantId }, data: { tenantId } });
  return tx.bankLoan.findFirst({ where: { id: loanId, tenantId }, include: loanInclude });
}

/**
 * An early repayment from the loan's repayment account. Without `amount` it settles the loan
 * in full (the settlement figure): the unpaid instalments are replaced by one paid
 * settlement instalment and the loan is `paid_off`. With `amount` (less than the settlement
 * figure; not while in arrears) it is an overpayment: all of it reduces the principal and the
 * remaining instalments are re-amortised over the same number of months, so each is smaller.
 * One transaction with its `repayment` posting and events.
 */
export async function repayLoan(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  loanId: string;
  amount?: { amount: string; currency: string };
  idempotencyKeyId?: string;
}): Promise<LoanDto> {
  const { db, tenantId, now, loanId } = options;
  const requested = options.amount ? parseMinor(options.amount.amount, "GBP") : null;
  if (options.amount && (requested === null || requested < 1_00n))
    throw new AppError("validation_failed", "amount.amount: must be at least 1.00", field("/body/amount/amount", "must be at least 1.00"));
  await ensureLedger(db, tenantId);
  const exists = await db.bankLoan.count({ where: { id: loanId, tenantId } });
  if (!exists) throw new AppError("resource_not_found", `No loan with id ${loanId}.`);

  let repaymentAccountId = "";
  try {
    return await moneyTransaction(db, async (tx) => {
      const loan = (await lockedLoan(tx, tenantId, loanId))!;
      repaymentAccountId = loan.repaymentAccountId;
      if (loan.status === "paid_off") throw new AppError("conflict", `Loan ${loan.id} is already paid off.`);
      const { principal, interest } = settlementFigure(loan, now);
      const settlement = principal + interest;
      const full = requested === null || requested === settlement;
      if (!full && requested! > settlement) {
        throw new AppError(
          "validation_failed",
          `amount.amount: more than the settlement figure of ${formatMinor(settlement, loan.currency)}; omit amount to settle in full`,
          field("/body/amount/amount", `at most ${formatMinor(settlement, loan.currency)}, the settlement figure`),
        );
      }
      if (!full && loan.status === "in_arrears")
        throw new AppError(
          "conflict",
          `Loan ${loan.id} is in arrears: settle it in full, or pay the missed instalments (the sandbox clock retries them) before overpaying.`,
        );
      if (!full && requested! >= principal) {
        throw new AppError(
          "validation_failed",
          `amount.amount: would repay all the principal; omit amount to settle in full (${formatMinor(settlement, loan.currency)})`,
          field("/body/amount/amount", "covers the whole principal: settle in full instead"),
        );
      }

      const paidPrincipal = full ? principal : requested!;
      const paidInterest = full ? interest : 0n;
      const label = `${loan.kind === "bnpl" ? (loan.merchantName ?? "PLAN").toUpperCase() : "LOAN"} ${full ? "EARLY SETTLEMENT" : "OVERPAYMENT"}`;
      const legs: Leg[] = [
        {
          accountId: loan.repaymentAccountId,
          amount: -(paidPrincipal + paidInterest),
          line: { description: label, category: "loan_repayment", channel: "loan" },
        },
        {
          accountId: loan.accountId,
          amount: paidPrincipal,
          line: { description: full ? "Early settlement" : "Overpayment", category: "loan_repayment", channel: "loan" },
        },
      ];
      if (paidInterest > 0n) legs.push({ accountId: systemAccountId(tenantId, "interestIncome"), amount: paidInterest });

      const unpaid = loan.instalments.filter((line) => line.status !== "paid");
      const events: { type: EventType; object: unknown }[] = [];
      if (full) {
        const sequence = loan.instalments.length - unpaid.length + 1;
        await tx.bankLoanInstalment.deleteMany({ where: { id: { in: unpaid.map((line) => line.id) } } });
        await tx.bankLoanInstalment.create({
          data: {
            id: newId("instalment"),
            tenantId,
            loanId,
            sequence,
            dueAt: now,
            amount: settlement,
            principal,
            interest,
            status: "paid",
            paidAt: now,
          },
        });
        await tx.bankLoan.update({ where: { id: loanId }, data: { status: "paid_off", paidOffAt: now, instalmentCount: sequence } });
      } else {
        const schedule = buildSchedule(principal - paidPrincipal, monthlyRate(loan.apr), unpaid.length);
        for (const [index, line] of unpaid.entries()) {
          const next = schedule.lines[index];
          await tx.bankLoanInstalment.update({
            where: { id: line.id },
            data: { amount: next.amount, principal: next.principal, interest: next.interest },
          });
        }
        await tx.bankLoan.update({ where: { id: loanId }, data: { instalmentAmount: schedule.payment } });
      }
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: loanId } });
      const posted = await postTransfer(tx, {
        tenantId,
        kind: "repayment",
        reference: loanId,
        currency: loan.currency,
        postedAt: now,
        legs,
      });
      const row = await tx.bankLoan.findUniqueOrThrow({ where: { id: loanId }, include: loanInclude });
      const dto = toLoanDto(row);
      if (full) {
        events.push({
          type: "loan.instalment_paid",
          object: { loan_id: loanId, kind: row.kind, instalment: toInstalmentDto(row.instalments.at(-1)!, row.currency) },
        });
        events.push({ type: "loan.paid_off", object: dto });
      } else {
        events.push({
          type: "loan.overpayment_received",
          object: {
            loan_id: loanId,
            kind: row.kind,
            amount: { amount: formatMinor(paidPrincipal, row.currency), currency: row.currency },
            loan: dto,
          },
        });
      }
      for (const line of posted.lines) events.push({ type: "transaction.booked", object: toTransactionDto(line) });
      await recordEvents(tx, tenantId, now, events);
      return dto;
    });
  } catch (error) {
    if (!(error instanceof LedgerDecline)) throw error;
    if (error.code === "account_frozen") throw new AppError("account_frozen", `Account ${repaymentAccountId} is frozen.`);
    throw new AppError(
      "insufficient_funds",
      `Account ${repaymentAccountId} cannot pay this repayment.`,
      field(options.amount ? "/body/amount/amount" : "/body", "insufficient funds in the repayment account"),
    );
  }
}
