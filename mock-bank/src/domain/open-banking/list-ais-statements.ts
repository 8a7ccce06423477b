import type { PrismaClient } from "@prisma/client";
import { stableId } from "@openbank/contracts/ids";
import type { ObStatement } from "../../schemas/open-banking/ais-resources";
import { creditDebit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";
import { ObError } from "./ob-errors";

/** One monthly statement of an account: a calendar month (UTC) of its booked statement lines. */
export type StatementPeriod = {
  accountId: string;
  statementId: string;
  /** YYYY-MM */
  month: string;
  start: Date;
  /** The last instant (millisecond) of the month: the standard's EndDateTime is inclusive. */
  end: Date;
  statement: ObStatement;
};

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The sandbox has no statement table: statements are derived, deterministically, as calendar months
 * over each account's booked statement lines (the rows /v1 lists), from the month of its first booked
 * line to the last month that has ended on the tenant's clock. The balances follow from the lines:
 * an account's booked balance is the sum of its booked lines, so the closing balance of a month is
 * the sum of the lines booked before its end. StatementId is stable per account and month.
 * Only statements wholly inside the consent's TransactionFrom/ToDateTime are visible (the profile's
 * rule), and inside the request's from/toStatementDateTime when given. Newest first per account.
 */
export async function listStatementPeriods(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  tenantNow: Date;
  filter?: { from?: Date; to?: Date };
}): Promise<StatementPeriod[]> {
  const { db, tenantId, call, accountIds, tenantNow, filter } = options;
  const accounts = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountIds } },
    orderBy: { id: "asc" },
    select: { id: true, currency: true },
  });
  const lines = await db.bankTransaction.findMany({
    where: { tenantId, accountId: { in: accounts.map((account) => account.id) }, status: "booked", bookedAt: { not: null } },
    select: { accountId: true, amount: true, bookedAt: true },
    orderBy: [{ bookedAt: "asc" }, { id: "asc" }],
  });
  const detail = call.grant.statementsDetail;
  const out: StatementPeriod[] = [];
  for (const account of accounts) {
    const own = lines.filter((line) => line.accountId === account.id);
    if (!own.length) continue;
    const first = own[0].bookedAt!;
    const periods: StatementPeriod[] = [];
    let balance = 0n;
    let index = 0;
    for (let year = first.getUTCFullYear(), month = first.getUTCMonth(); ; month++) {
      const start = monthStart(year, month);
      const next = monthStart(year, month + 1);
      if (next > tenantNow) break;
      const opening = balance;
      let credits = 0n;
      let debits = 0n;
      let creditCount = 0;
      let debitCount = 0;
      for (; index < own.length && own[index].bookedAt! < next; index++) {
        const amount = own[index].amount;
        if (amount < 0n) {
          debits += amount;
          debitCount++;
        } else {
          credits += amount;
          creditCount++;
        }
      }
      balance = opening + credits + debits;
      const label = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
      const statementId = stableId("statement", account.id, label);
      const end = new Date(next.getTime() - 1);
      const currency = account.currency;
      periods.push({
        accountId: account.id,
        statementId,
        month: label,
        start,
        end,
        statement: {
          AccountId: account.id,
          StatementId: statementId,
          StatementReference: label,
          Type: "RegularPeriodic",
          StartDateTime: start.toISOString(),
          EndDateTime: end.toISOString(),
          CreationDateTime: next.toISOString(),
          StatementDescription: [`Statement for ${MONTH_NAMES[start.getUTCMonth()]} ${start.getUTCFullYear()}`],
          ...(detail
            ? {
                StatementAmount: [
                  {
                    CreditDebitIndicator: creditDebit(opening),
                    Type: "UK.OBIE.PreviousClosingBalance",
                    Amount: obAmount(opening, currency),
                  },
                  { CreditDebitIndicator: creditDebit(balance), Type: "UK.OBIE.ClosingBalance", Amount: obAmount(balance, currency) },
                  { CreditDebitIndicator: "Credit" as const, Type: "UK.OBIE.TotalCredits", Amount: obAmount(credits, currency) },
                  { CreditDebitIndicator: "Debit" as const, Type: "UK.OBIE.TotalDebits", Amount: obAmount(debits, currency) },
                ],
              }
            : {}),
          StatementValue: [
            { Value: String(creditCount), Type: "UK.OBIE.Credits" },
            { Value: String(debitCount), Type: "UK.OBIE.Debits" },
          ],
        },
      });
    }
    const within = (period: StatementPeriod, window: { from?: Date; to?: Date } | undefined) =>
      (!window?.from || period.start >= window.from) && (!window?.to || period.end <= window.to);
    out.push(...periods.filter((period) => within(period, call.window) && within(period, filter)).reverse());
  }
  return out;
}

/** One statement of one of the consent's accounts, else 400 UK.OBIE.Resource.NotFound (an id that does not exist, or is outside the consent). */
export async function getStatementPeriodOrThrow(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountId: string;
  statementId: string;
  tenantNow: Date;
}): Promise<StatementPeriod> {
  const periods = await listStatementPeriods({ ...options, accountIds: [options.accountId] });
  const found = periods.find((period) => period.statementId === options.statementId);
  if (!found)
    throw new ObError(
      400,
      "UK.OBIE.Resource.NotFound",
      `No statement ${options.statementId} on account ${options.accountId}.`,
      "StatementId",
    );
  return found;
}
