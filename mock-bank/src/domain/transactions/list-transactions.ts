import type { Prisma, PrismaClient } from "@prisma/client";
import type { TransactionDto } from "../../schemas/transaction";
import { customerAccounts } from "../accounts/account-dto";
import { accountNotFound } from "../accounts/account-not-found";
import type { CursorCodec } from "../pagination/cursor-codec";
import { toTransactionDto, transactionSelect } from "./transaction-dto";

export type ListTransactionsOptions = {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  accountId: string;
  /** ISO dates, inclusive, in UTC. */
  from?: string;
  to?: string;
  status?: TransactionDto["status"];
  limit: number;
  cursor?: string;
};

const DAY_MS = 86_400_000;

/** A page of an account's transactions, newest first by (transacted_at, id). */
export async function listTransactions(options: ListTransactionsOptions): Promise<{ data: TransactionDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, accountId, from, to, status, limit, cursor } = options;
  const account = await db.bankAccount.findFirst({ where: { id: accountId, tenantId, ...customerAccounts }, select: { id: true } });
  if (!account) throw accountNotFound(accountId);

  const scope = `transactions\0${tenantId}\0${accountId}\0${from ?? ""}\0${to ?? ""}\0${status ?? ""}`;
  const transactedAt: Prisma.DateTimeFilter = {};
  if (from) transactedAt.gte = new Date(`${from}T00:00:00.000Z`);
  if (to) transactedAt.lt = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + DAY_MS);

  const where: Prisma.BankTransactionWhereInput = { tenantId, accountId, status, transactedAt };
  if (cursor) {
    const [at, id] = cursors.decode(scope, cursor);
    const before = new Date(String(at));
    where.OR = [{ transactedAt: { lt: before } }, { transactedAt: before, id: { lt: String(id) } }];
  }

  const rows = await db.bankTransaction.findMany({
    where,
    orderBy: [{ transactedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: transactionSelect,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > limit ? cursors.encode(scope, [last.transactedAt.toISOString(), last.id]) : null;
  return { data: page.map(toTransactionDto), next_cursor };
}
