import type { Prisma, PrismaClient } from "@prisma/client";
import { formatMinor } from "@openbank/contracts/money";
import { transactionSelect } from "../transactions/transaction-dto";
import { BgError } from "./bg-errors";
import { BG_BASE } from "./bg-details";

type Row = Prisma.BankTransactionGetPayload<{ select: typeof transactionSelect }>;

export const MAX_ITEMS_PER_PAGE = 500;
export const DEFAULT_ITEMS_PER_PAGE = 100;
const DAY_MS = 86_400_000;

/**
 * A statement line as NextGenPSD2's `transactions`: the same row /v1 lists (domain/transactions),
 * with its booking and value date, the signed amount, the counterparty (the merchant, for card
 * spending), the statement text as remittance information and our channel as the bank's own code.
 */
export function toBgTransaction(row: Row) {
  const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : undefined);
  const counterparty = row.merchantName
    ? row.amount < 0n
      ? { creditorName: row.merchantName.slice(0, 70) }
      : { debtorName: row.merchantName.slice(0, 70) }
    : {};
  return {
    transactionId: row.id,
    ...(row.bookedAt ? { bookingDate: day(row.bookedAt), valueDate: day(row.bookedAt) } : {}),
    transactionAmount: { currency: row.currency, amount: formatMinor(row.amount, row.currency) },
    ...counterparty,
    remittanceInformationUnstructured: row.description.slice(0, 140),
    proprietaryBankTransactionCode: row.channel.slice(0, 35),
    _links: { transactionDetails: { href: `${BG_BASE}/accounts/${row.accountId}/transactions/${row.id}` } },
  };
}

/** A card's statement line as NextGenPSD2's `cardTransaction`: the same row, with the merchant and its category code. */
export function toBgCardTransaction(row: Row, maskedPan: string) {
  const day = (at: Date) => at.toISOString().slice(0, 10);
  return {
    cardTransactionId: row.id,
    transactionDate: day(row.transactedAt),
    acceptorTransactionDateTime: row.transactedAt.toISOString(),
    ...(row.bookedAt ? { bookingDate: day(row.bookedAt), valueDate: day(row.bookedAt) } : {}),
    transactionAmount: { currency: row.currency, amount: formatMinor(row.amount, row.currency) },
    ...(row.merchantCategoryCode && /^\d{4}$/.test(row.merchantCategoryCode) ? { merchantCategoryCode: row.merchantCategoryCode } : {}),
    maskedPAN: maskedPan,
    transactionDetails: (row.merchantName ? `${row.merchantName}: ${row.description}` : row.description).slice(0, 1000),
    proprietaryBankTransactionCode: row.channel.slice(0, 35),
  };
}

export type BookingStatus = "booked" | "pending" | "both";

/**
 * A page of an account's transactions by bookingStatus, between dateFrom and dateTo inclusive
 * (the booking date for booked lines, the date of the transaction for pending ones), newest first,
 * with `pageIndex` / `itemsPerPage` paging linked as the guidelines show (first, previous, next, last).
 */
export async function listBgTransactions(
  db: PrismaClient,
  options: {
    tenantId: string;
    accountId: string;
    bookingStatus: BookingStatus;
    dateFrom: string;
    dateTo?: string;
    pageIndex: number;
    itemsPerPage: number;
    /** The query the TPP sent, for the paging links (pageIndex replaced). */
    query: URLSearchParams;
    tenantNow: Date;
    /** A card account's lines, as card transactions (its masked PAN), under /card-accounts. */
    card?: { maskedPan: string };
  },
) {
  const { tenantId, accountId, bookingStatus, dateFrom, pageIndex, itemsPerPage, query, tenantNow } = options;
  const dateTo = options.dateTo ?? tenantNow.toISOString().slice(0, 10);
  if (dateFrom > dateTo) throw new BgError(400, "PERIOD_INVALID", `dateFrom ${dateFrom} is after dateTo ${dateTo}.`, "dateFrom");
  const range = { gte: new Date(`${dateFrom}T00:00:00.000Z`), lt: new Date(Date.parse(`${dateTo}T00:00:00.000Z`) + DAY_MS) };
  const booked: Prisma.BankTransactionWhereInput = { status: "booked", bookedAt: range };
  const pending: Prisma.BankTransactionWhereInput = { status: "pending", transactedAt: range };
  const where: Prisma.BankTransactionWhereInput = {
    tenantId,
    accountId,
    OR: bookingStatus === "booked" ? [booked] : bookingStatus === "pending" ? [pending] : [booked, pending],
  };
  const total = await db.bankTransaction.count({ where });
  const rows = await db.bankTransaction.findMany({
    where,
    orderBy: [{ transactedAt: "desc" }, { id: "desc" }],
    skip: pageIndex * itemsPerPage,
    take: itemsPerPage,
    select: transactionSelect,
  });
  const pages = Math.max(1, Math.ceil(total / itemsPerPage));
  const base = options.card ? "card-accounts" : "accounts";
  const page = (index: number) => {
    const next = new URLSearchParams(query);
    next.set("pageIndex", String(index));
    next.set("itemsPerPage", String(itemsPerPage));
    return { href: `${BG_BASE}/${base}/${accountId}/transactions?${next}` };
  };
  const links: Record<string, { href: string }> = options.card
    ? { cardAccount: { href: `${BG_BASE}/card-accounts/${accountId}` } }
    : { account: { href: `${BG_BASE}/accounts/${accountId}` } };
  if (pages > 1) {
    links.first = page(0);
    links.last = page(pages - 1);
    if (pageIndex > 0) links.previous = page(Math.min(pageIndex - 1, pages - 1));
    if (pageIndex < pages - 1) links.next = page(pageIndex + 1);
  }
  const card = options.card;
  const mapped = rows.map((row) => ({
    status: row.status,
    transaction: card ? toBgCardTransaction(row, card.maskedPan) : toBgTransaction(row),
  }));
  return {
    ...(bookingStatus !== "pending" ? { booked: mapped.filter((item) => item.status === "booked").map((item) => item.transaction) } : {}),
    ...(bookingStatus !== "booked" ? { pending: mapped.filter((item) => item.status === "pending").map((item) => item.transaction) } : {}),
    _links: links,
  };
}

/** One statement line of an account, or RESOURCE_UNKNOWN (403: an id in the path that is not there). */
export async function getBgTransaction(db: PrismaClient, options: { tenantId: string; accountId: string; transactionId: string }) {
  const row = await db.bankTransaction.findFirst({
    where: { id: options.transactionId, tenantId: options.tenantId, accountId: options.accountId },
    select: transactionSelect,
  });
  if (!row)
    throw new BgError(403, "RESOURCE_UNKNOWN", `No transaction ${options.transactionId} on account ${options.accountId}.`, "transactionId");
  return toBgTransaction(row);
}
