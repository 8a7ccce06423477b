import type { Prisma } from "@prisma/client";
import { stableId, newId } from "@openbank/contracts/ids";
import type { AccountKey, PlannedTransaction } from "../../seed/history-builder";
import { personas } from "../../seed/personas";
import { recordEvents } from "../events/record-event";
import { postTransfer, type Leg } from "../ledger/post-transfer";
import { balanceFloor, systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { generateLiveDay, personaSubject, type LiveItem, type LiveSubject } from "./generate-live-day";

const DAY_MS = 86_400_000;
const ACCOUNT_KEYS: readonly AccountKey[] = ["current", "savings", "credit_card"];

type LiveAccount = {
  id: string;
  currency: string;
  status: string;
  customerId: string | null;
  overdraftLimit: bigint;
  creditLimit: bigint;
  bookedBalance: bigint;
  /** Sum of pending card payments: already promised, so not available again. */
  pending: bigint;
};

/** A subject with its accounts in this tenant, by the key its history uses. */
type LiveCustomer = { subject: LiveSubject; accounts: Partial<Record<AccountKey, LiveAccount>> };

/** The sandbox day (whole days after the seed's anchor) an instant falls on. */
export function liveDayOf(anchor: Date, at: Date): number {
  return Math.floor((at.getTime() - anchor.getTime()) / DAY_MS);
}

/**
 * Who moves, with their accounts: the personas, by their seeded accounts' stable ids.
 * Custom customers (issue 17, table BankCustomCustomer) join here with a subject built from
 * their generator document.
 */
async function loadLiveCustomers(tx: Prisma.TransactionClient, tenantId: string): Promise<LiveCustomer[]> {
  const ids = personas.flatMap((spec) => ACCOUNT_KEYS.map((key) => stableId("account", tenantId, `${spec.persona}:${key}`)));
  const [rows, pending] = await Promise.all([
    tx.bankAccount.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, currency: true, status: true, customerId: true, overdraftLimit: true, creditLimit: true, bookedBalance: true },
    }),
    tx.bankTransaction.groupBy({
      by: ["accountId"],
      where: { tenantId, accountId: { in: ids }, status: "pending" },
      _sum: { amount: true },
    }),
  ]);
  const pendingById = new Map(pending.map((row) => [row.accountId, row._sum.amount ?? 0n]));
  const byId = new Map(rows.map((row) => [row.id, { ...row, pending: pendingById.get(row.id) ?? 0n }]));
  return personas.map((spec) => ({
    subject: personaSubject(spec),
    accounts: Object.fromEntries(
      ACCOUNT_KEYS.flatMap((key) => {
        const account = byId.get(stableId("account", tenantId, `${spec.persona}:${key}`));
        return account ? [[key, account]] : [];
      }),
    ),
  }));
}

/** Whether the account can take this movement now: active, and a debit stays above its floor counting pending card payments. */
function affords(account: LiveAccount | undefined, amount: bigint): account is LiveAccount {
  if (!account || account.status !== "active") return false;
  if (amount >= 0n) return true;
  const floor = balanceFloor(account);
  return floor === null || account.bookedBalance + account.pending + amount >= floor;
}

function lineOf(tx: PlannedTransaction) {
  return { description: tx.description, category: tx.category, channel: tx.channel, merchant: tx.merchant };
}

/**
 * Books one item inside the caller's transaction; returns the statement lines written (0 when
 * the account cannot afford it or is frozen: skipped, never forced). Card payments are
 * authorised as pending lines (no ledger movement yet: bookDueCardPayments books them as days
 * pass); everything else is a ledger posting at once (against the external settlement account,
 * or between the customer's own accounts) with a `transaction.booked` event per line.
 */
async function bookItem(tx: Prisma.TransactionClient, tenantId: string, customer: LiveCustomer, item: LiveItem): Promise<number> {
  if (item.kind === "transfer") {
    const from = customer.accounts[item.out.account];
    const to = customer.accounts[item.in.account];
    if (!affords(from, item.out.amount) || !affords(to, item.in.amount) || from.currency !== to.currency) return 0;
    const legs: Leg[] = [
      { accountId: from.id, amount: item.out.amount, line: lineOf(item.out) },
      { accountId: to.id, amount: item.in.amount, line: lineOf(item.in) },
    ];
    return post(tx, tenantId, from.currency, item.at, legs, [from, to]);
  }
  const planned = item.tx;
  const account = customer.accounts[planned.account];
  if (!affords(account, planned.amount)) return 0;
  if (planned.channel === "card") {
    await tx.bankTransaction.create({
      data: {
        id: newId("transaction"),
        tenantId,
        accountId: account.id,
        amount: planned.amount,
        currency: account.currency,
        status: "pending",
        description: planned.description,
        merchantName: planned.merchant?.name ?? null,
        merchantCategoryCode: planned.merchant?.mcc ?? null,
        category: planned.category,
        channel: "card",
        transactedAt: planned.transactedAt,
        bookedAt: null,
        createdAt: planned.transactedAt,
      },
    });
    account.pending += planned.amount;
    return 1;
  }
  const legs: Leg[] = [
    { accountId: systemAccountId(tenantId, "external", account.currency), amount: -planned.amount },
    { accountId: account.id, amount: planned.amount, line: lineOf(planned) },
  ];
  return post(tx, tenantId, account.currency, item.at, legs, [account]);
}

async function post(
  tx: Prisma.TransactionClient,
  tenantId: string,
  currency: string,
  at: Date,
  legs: Leg[],
  accounts: LiveAccount[],
): Promise<number> {
  const posted = await postTransfer(tx, { tenantId, kind: "payment", reference: null, currency, postedAt: at, legs });
  for (const leg of legs) {
    const account = accounts.find((candidate) => candidate.id === leg.accountId);
    if (account) account.bookedBalance += leg.amount;
  }
  await recordEvents(
    tx,
    tenantId,
    at,
    posted.lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
  );
  return posted.lines.length;
}

/**
 * Live activity: books, inside the caller's transaction, what the tenant's customers do in the
 * sandbox window (from, to]: each day's activity comes from generateLiveDay (deterministic per
 * customer and day), and only the items whose time falls in the window are booked, so
 * consecutive windows book each item exactly once. Returns the statement lines written.
 */
export async function bookLiveActivity(options: {
  tx: Prisma.TransactionClient;
  tenantId: string;
  /** The UTC midnight of the tenant's seed: day 0. */
  anchor: Date;
  from: Date;
  to: Date;
}): Promise<number> {
  const { tx, tenantId, anchor, from, to } = options;
  if (to <= from) return 0;
  const firstDay = Math.max(0, liveDayOf(anchor, new Date(from.getTime() + 1)));
  const lastDay = liveDayOf(anchor, to);
  if (lastDay < firstDay) return 0;
  const customers = await loadLiveCustomers(tx, tenantId);
  let lines = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const customer of customers) {
      const card = customer.accounts.credit_card;
      const cardDebt = card && card.bookedBalance < 0n ? -card.bookedBalance : 0n;
      const items = generateLiveDay({ subject: customer.subject, anchor, day, cardDebt });
      for (const item of items) {
        if (item.at <= from || item.at > to) continue;
        lines += await bookItem(tx, tenantId, customer, item);
      }
    }
  }
  return lines;
}
