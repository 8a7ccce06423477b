import type { PrismaClient } from "@prisma/client";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer, type Leg } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { loanInclude, toInstalmentDto, toLoanDto } from "./loan-dto";

export type CollectResult = { paid: number; missed: number };

type Due = Awaited<ReturnType<typeof findDue>>[number];

function findDue(db: PrismaClient, tenantId: string, now: Date) {
  return db.bankLoanInstalment.findMany({
    where: { tenantId, status: { in: ["scheduled", "missed"] }, dueAt: { lte: now } },
    include: {
      loan: {
        select: {
          id: true,
          kind: true,
          accountId: true,
          repaymentAccountId: true,
          currency: true,
          instalmentCount: true,
          merchantName: true,
        },
      },
    },
    orderBy: [{ dueAt: "asc" }, { loanId: "asc" }, { sequence: "asc" }],
  });
}

/**
 * Collects every instalment the tenant's clock has passed, oldest first, each in its own short
 * transaction: the amount leaves the repayment account, the principal part pays down the
 * loan's account and the interest goes to the bank's interest income (posting kind
 * `repayment`), with `loan.instalment_paid` and, after the last one, `loan.paid_off`. An
 * instalment on time is booked at its due time; a retried one at `now`. When the account
 * cannot pay (insufficient funds, frozen) the instalment is `missed`, the loan `in_arrears`
 * (`loan.instalment_missed`), the loan's later due instalments are missed too, and all of them
 * are retried on the next clock move. A loan whose missed instalments are all paid is `active`
 * again. Called by the sandbox clock (POST /v1/sandbox/clock/advance); safe to run concurrently.
 */
export async function collectDueInstalments(options: { db: PrismaClient; tenantId: string; now: Date }): Promise<CollectResult> {
  const { db, tenantId, now } = options;
  const due = await findDue(db, tenantId, now);
  if (!due.length) return { paid: 0, missed: 0 };
  await ensureLedger(db, tenantId);
  const result: CollectResult = { paid: 0, missed: 0 };
  const failedLoans = new Map<string, "insufficient_funds" | "account_frozen">();
  for (const instalment of due) {
    const failure = failedLoans.get(instalment.loanId);
    if (failure) {
      if (await markMissed(db, tenantId, now, instalment, failure)) result.missed++;
      continue;
    }
    try {
      if (await collect(db, tenantId, now, instalment)) result.paid++;
    } catch (error) {
      if (!(error instanceof LedgerDecline)) throw error;
      failedLoans.set(instalment.loanId, error.code);
      if (await markMissed(db, tenantId, now, instalment, error.code)) result.missed++;
    }
  }
  return result;
}

function label(instalment: Due): string {
  const { loan } = instalment;
  const of = `${instalment.sequence}/${loan.instalmentCount}`;
  return loan.kind === "bnpl" ? `${(loan.merchantName ?? "PLAN").toUpperCase()} INSTALMENT ${of}` : `LOAN REPAYMENT ${of}`;
}

async function collect(db: PrismaClient, tenantId: string, now: Date, due: Due): Promise<boolean> {
  let instalment = due;
  const { loan } = instalment;
  const at = instalment.status === "scheduled" ? instalment.dueAt : now;
  return moneyTransaction(db, async (tx) => {
    const { count } = await tx.bankLoanInstalment.updateMany({
      where: { id: instalment.id, status: { in: ["scheduled", "missed"] } },
      data: { status: "paid", paidAt: at },
    });
    if (count !== 1) return false;
    // Amounts as they are now: an overpayment may have re-amortised the schedule since it was read.
    const { amount, principal, interest } = await tx.bankLoanInstalment.findUniqueOrThrow({
      where: { id: instalment.id },
      select: { amount: true, principal: true, interest: true },
    });
    instalment = { ...instalment, amount, principal, interest };
    const legs: Leg[] = [
      {
        accountId: loan.repaymentAccountId,
        amount: -instalment.amount,
        line: { description: label(instalment), category: "loan_repayment", channel: "loan" },
      },
    ];
    if (instalment.principal > 0n)
      legs.push({
        accountId: loan.accountId,
        amount: instalment.principal,
        line: { description: `Repayment ${instalment.sequence} of ${loan.instalmentCount}`, category: "loan_repayment", channel: "loan" },
      });
    if (instalment.interest > 0n) legs.push({ accountId: systemAccountId(tenantId, "interestIncome"), amount: instalment.interest });
    const posted = await postTransfer(tx, { tenantId, kind: "repayment", reference: loan.id, currency: loan.currency, postedAt: at, legs });

    const unpaid = await tx.bankLoanInstalment.count({ where: { loanId: loan.id, status: { not: "paid" } } });
    const missed = await tx.bankLoanInstalment.count({ where: { loanId: loan.id, status: "missed" } });
    if (!unpaid) await tx.bankLoan.update({ where: { id: loan.id }, data: { status: "paid_off", paidOffAt: at } });
    else if (!missed) await tx.bankLoan.updateMany({ where: { id: loan.id, status: "in_arrears" }, data: { status: "active" } });
    const row = await tx.bankLoan.findUniqueOrThrow({ where: { id: loan.id }, include: loanInclude });
    const paid = row.instalments.find((line) => line.id === instalment.id)!;
    const events: { type: EventType; object: unknown }[] = [
      { type: "loan.instalment_paid", object: { loan_id: loan.id, kind: row.kind, instalment: toInstalmentDto(paid, row.currency) } },
    ];
    if (!unpaid) events.push({ type: "loan.paid_off", object: toLoanDto(row) });
    for (const line of posted.lines) events.push({ type: "transaction.booked", object: toTransactionDto(line) });
    await recordEvents(tx, tenantId, at, events);
    return true;
  });
}

async function markMissed(
  db: PrismaClient,
  tenantId: string,
  now: Date,
  instalment: Due,
  reason: "insufficient_funds" | "account_frozen",
): Promise<boolean> {
  return moneyTransaction(db, async (tx) => {
    const { count } = await tx.bankLoanInstalment.updateMany({
      where: { id: instalment.id, status: { in: ["scheduled", "missed"] } },
      data: { status: "missed", failedAttempts: { increment: 1 } },
    });
    if (count !== 1) return false;
    await tx.bankLoan.updateMany({ where: { id: instalment.loanId, status: { not: "paid_off" } }, data: { status: "in_arrears" } });
    const row = await tx.bankLoanInstalment.findUniqueOrThrow({ where: { id: instalment.id } });
    await recordEvents(tx, tenantId, now, [
      {
        type: "loan.instalment_missed",
        object: {
          loan_id: instalment.loanId,
          kind: instalment.loan.kind,
          reason,
          instalment: toInstalmentDto(row, instalment.loan.currency),
        },
      },
    ]);
    return true;
  });
}
