import type { Prisma, PrismaClient } from "@prisma/client";
import type { ObTransaction } from "../../schemas/open-banking/ais-accounts";
import { transactionSelect } from "../transactions/transaction-dto";
import { creditDebit, DAY_MS, fit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";

/** Records per page: within the profile's 25–1000. */
export const AIS_PAGE_SIZE = 100;

/** The UK-style proprietary code of each of the ledger's channels (the direction picks FPO/FPI). */
function proprietaryCode(channel: string, amount: bigint): string {
  switch (channel) {
    case "card":
      return "POS";
    case "direct_debit":
      return "DD";
    case "standing_order":
      return "SO";
    case "faster_payment":
      return amount < 0n ? "FPO" : "FPI";
    case "interest":
      return "INT";
    case "fee":
      return "CHG";
    default:
      return "TFR";
  }
}

type Line = Prisma.BankTransactionGetPayload<{ select: typeof transactionSelect }>;

/**
 * A statement line (the same row /v1 lists) as OBTransaction6. BookingDateTime is when it booked;
 * a pending card payment books a day after it was made (the sandbox's rule), so that is its
 * expected booking date. The Detail fields (TransactionInformation, MerchantDetails) only with
 * ReadTransactionsDetail, as the profile's permission table says.
 */
export function toObTransaction(line: Line, detail: boolean): ObTransaction {
  const booked = line.status === "booked" && line.bookedAt !== null;
  const merchant =
    line.merchantName || line.merchantCategoryCode
      ? {
          ...(line.merchantName ? { MerchantName: fit(line.merchantName, 350) } : {}),
          ...(line.merchantCategoryCode ? { MerchantCategoryCode: line.merchantCategoryCode } : {}),
        }
      : null;
  return {
    AccountId: line.accountId,
    TransactionId: line.id,
    CreditDebitIndicator: creditDebit(line.amount),
    Status: booked ? "BOOK" : "PDNG",
    BookingDateTime: (booked ? line.bookedAt! : new Date(line.transactedAt.getTime() + DAY_MS)).toISOString(),
    ValueDateTime: line.transactedAt.toISOString(),
    Amount: obAmount(line.amount, line.currency),
    ProprietaryBankTransactionCode: { Code: proprietaryCode(line.channel, line.amount), Issuer: "OpenBankSandbox" },
    ...(detail && line.description ? { TransactionInformation: fit(line.description, 500) } : {}),
    ...(detail && merchant ? { MerchantDetails: merchant } : {}),
  };
}

const later = (a?: Date, b?: Date) => (a && b ? (a > b ? a : b) : (a ?? b));
const earlier = (a?: Date, b?: Date) => (a && b ? (a < b ? a : b) : (a ?? b));
const range = (from?: Date, to?: Date): Prisma.DateTimeFilter | undefined =>
  from || to ? { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } : undefined;
const shift = (at: Date | undefined, ms: number) => (at ? new Date(at.getTime() + ms) : undefined);

/**
 * A page of the consent's transactions on the given accounts, newest first: booked within both the
 * consent's TransactionFrom/ToDateTime and the request's booking-date filter, credits and/or debits
 * as the consent's ReadTransactionsCredits/Debits allow. `bookedOnly` (a statement's lines) leaves
 * pending ones out. Page numbers are 1-based; `totalPages` is at least 1.
 */
export async function listAisTransactions(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountIds: string[];
  filter: { from?: Date; to?: Date };
  page: number;
  bookedOnly?: boolean;
  pageSize?: number;
}): Promise<{ transactions: ObTransaction[]; totalPages: number }> {
  const { db, tenantId, call, accountIds, page, bookedOnly } = options;
  const size = options.pageSize ?? AIS_PAGE_SIZE;
  const from = later(call.window.from, options.filter.from);
  const to = earlier(call.window.to, options.filter.to);
  const { credits, debits } = call.grant.transactionDirections;
  if ((from && to && from > to) || (!credits && !debits)) return { transactions: [], totalPages: 1 };

  const bookedRange = range(from, to);
  // A pending line books a day after it was made: its booking date is in range when that day is.
  const pendingRange = range(shift(from, -DAY_MS), shift(to, -DAY_MS));
  const where: Prisma.BankTransactionWhereInput = {
    tenantId,
    accountId: { in: accountIds },
    account: { customerId: call.customerId },
    ...(credits && !debits ? { amount: { gte: 0n } } : {}),
    ...(debits && !credits ? { amount: { lt: 0n } } : {}),
    OR: [
      { status: "booked", ...(bookedRange ? { bookedAt: bookedRange } : {}) },
      ...(bookedOnly ? [] : [{ status: "pending", ...(pendingRange ? { transactedAt: pendingRange } : {}) }]),
    ],
  };
  const [count, rows] = await Promise.all([
    db.bankTransaction.count({ where }),
    db.bankTransaction.findMany({
      where,
      orderBy: [{ transactedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * size,
      take: size,
      select: transactionSelect,
    }),
  ]);
  return {
    transactions: rows.map((row) => toObTransaction(row, call.grant.transactionsDetail)),
    totalPages: Math.max(1, Math.ceil(count / size)),
  };
}
