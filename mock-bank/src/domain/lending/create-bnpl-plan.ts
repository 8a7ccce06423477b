import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import type { CreateBnplPlanInput, LoanDto } from "../../schemas/lending";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { buildSchedule } from "./amortisation";
import { BNPL_INTERVAL_DAYS, BNPL_MAX_PURCHASE, BNPL_MIN_PURCHASE, decideBnpl } from "./decide-bnpl";
import { eligibleRepaymentAccount } from "./eligible-repayment-account";
import { loanInclude, toInstalmentDto, toLoanDto } from "./loan-dto";
import { openLoanAccount } from "./open-loan-account";

const DAY_MS = 86_400_000;
const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

/**
 * Splits a purchase into 3 or 4 interest-free fortnightly instalments (embedded finance at a
 * checkout). A soft decision first (domain/lending/decide-bnpl: 422 `bnpl_declined` with the
 * reason code). Then, in one transaction: the plan's own loan account pays the merchant in
 * full (posting `disbursement`, the money leaves the bank), the first instalment is collected
 * from the customer's current account (posting `repayment`; 422 `insufficient_funds` if it
 * cannot pay, and nothing is created), the schedule is written, and `bnpl.plan_created`,
 * `loan.instalment_paid` and `transaction.booked` events are recorded. Later instalments are
 * collected as the sandbox clock passes their due dates.
 */
export async function createBnplPlan(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  input: CreateBnplPlanInput;
  idempotencyKeyId?: string;
}): Promise<LoanDto> {
  const { db, tenantId, now, input } = options;
  const purchase = parseMinor(input.purchase_amount.amount, "GBP");
  if (purchase === null || purchase < BNPL_MIN_PURCHASE || purchase > BNPL_MAX_PURCHASE) {
    throw new AppError(
      "validation_failed",
      "purchase_amount.amount: must be between 30.00 and 2000.00",
      field("/body/purchase_amount/amount", "must be between 30.00 and 2000.00"),
    );
  }
  await ensureLedger(db, tenantId);
  const account = await eligibleRepaymentAccount(db, { tenantId, accountId: input.account_id, pointer: "/body/account_id" });
  const customer = await db.bankCustomer.findFirstOrThrow({
    where: { id: account.customerId, tenantId },
    select: { kycStatus: true, creditScore: true },
  });
  const [frozen, loans] = await Promise.all([
    db.bankAccount.count({ where: { tenantId, customerId: account.customerId, status: "frozen", type: { not: "loan" } } }),
    db.bankLoan.findMany({
      where: { tenantId, customerId: account.customerId, status: { not: "paid_off" } },
      select: { kind: true, status: true, account: { select: { bookedBalance: true } } },
    }),
  ]);
  const outstanding = loans.filter((loan) => loan.kind === "bnpl").reduce((sum, loan) => sum - loan.account.bookedBalance, 0n);
  const decision = decideBnpl({
    kycStatus: customer.kycStatus,
    creditScore: customer.creditScore,
    hasArrears: loans.some((loan) => loan.status === "in_arrears"),
    hasRestrictedAccount: frozen > 0,
    outstanding,
    purchase,
  });
  if (!decision.approved) {
    throw new AppError(
      "bnpl_declined",
      `${decision.code}: ${decision.message}`,
      field(decision.code === "over_plan_limit" ? "/body/purchase_amount/amount" : "/body/account_id", decision.code),
    );
  }

  const schedule = buildSchedule(purchase, 0, input.instalments);
  const loanId = newId("loan");
  const merchant = input.merchant_name;
  const create = () =>
    moneyTransaction(db, async (tx) => {
      const accountId = await openLoanAccount(tx, {
        tenantId,
        customerId: account.customerId,
        name: `Pay in ${input.instalments}: ${merchant}`.slice(0, 80),
        principal: purchase,
        currency: "GBP",
        now,
      });
      await tx.bankLoan.create({
        data: {
          id: loanId,
          tenantId,
          customerId: account.customerId,
          kind: "bnpl",
          accountId,
          repaymentAccountId: account.id,
          principal: purchase,
          currency: "GBP",
          apr: "0.00",
          instalmentCount: input.instalments,
          frequency: "fortnightly",
          instalmentAmount: schedule.payment,
          status: "active",
          merchantName: merchant,
          description: input.description ?? null,
          createdAt: now,
        },
      });
      const first = schedule.lines[0];
      await tx.bankLoanInstalment.createMany({
        data: schedule.lines.map((line) => ({
          id: newId("instalment"),
          tenantId,
          loanId,
          sequence: line.sequence,
          dueAt: new Date(now.getTime() + (line.sequence - 1) * BNPL_INTERVAL_DAYS * DAY_MS),
          amount: line.amount,
          principal: line.principal,
          interest: 0n,
          status: line.sequence === 1 ? "paid" : "scheduled",
          paidAt: line.sequence === 1 ? now : null,
        })),
      });
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: loanId } });
      const paidMerchant = await postTransfer(tx, {
        tenantId,
        kind: "disbursement",
        reference: loanId,
        currency: "GBP",
        postedAt: now,
        legs: [
          {
            accountId,
            amount: -purchase,
            line: { description: `PURCHASE ${merchant.toUpperCase()}`, category: "shopping", channel: "loan" },
          },
          { accountId: systemAccountId(tenantId, "external"), amount: purchase },
        ],
      });
      const label = `${merchant.toUpperCase()} INSTALMENT 1/${input.instalments}`;
      const firstPaid = await postTransfer(tx, {
        tenantId,
        kind: "repayment",
        reference: loanId,
        currency: "GBP",
        postedAt: now,
        legs: [
          { accountId: account.id, amount: -first.amount, line: { description: label, category: "buy_now_pay_later", channel: "loan" } },
          {
            accountId,
            amount: first.amount,
            line: { description: `Repayment 1 of ${input.instalments}`, category: "loan_repayment", channel: "loan" },
          },
        ],
      });
      const row = await tx.bankLoan.findUniqueOrThrow({ where: { id: loanId }, include: loanInclude });
      const dto = toLoanDto(row);
      const events: { type: EventType; object: unknown }[] = [
        { type: "bnpl.plan_created", object: dto },
        { type: "loan.instalment_paid", object: { loan_id: loanId, kind: "bnpl", instalment: toInstalmentDto(row.instalments[0], "GBP") } },
      ];
      for (const line of [...paidMerchant.lines, ...firstPaid.lines])
        events.push({ type: "transaction.booked", object: toTransactionDto(line) });
      await recordEvents(tx, tenantId, now, events);
      return dto;
    });
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof LedgerDecline)) throw error;
    if (error.code === "account_frozen")
      throw new AppError("account_frozen", `Account ${account.id} is frozen.`, field("/body/account_id", "is frozen"));
    throw new AppError(
      "insufficient_funds",
      `Account ${account.id} cannot pay the first instalment of ${formatMinor(schedule.lines[0].amount, "GBP")} GBP.`,
      field("/body/account_id", "insufficient funds for the first instalment"),
    );
  }
}
