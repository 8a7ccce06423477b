import type { Prisma } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { insertRows, type DriverProgram, type Statement } from "./driver-transaction";
import { balanceFloor } from "./system-accounts";

export type StatementLine = {
  description: string;
  category: string;
  channel: "transfer" | "faster_payment" | "fee" | "direct_debit" | "standing_order" | "card" | "interest" | "loan";
  /** The merchant or biller, when there is one (a direct debit's biller). */
  merchant?: { name: string; mcc: string } | null;
};

export type Leg = {
  accountId: string;
  /** Signed minor units: negative debits the account. */
  amount: bigint;
  /** A statement line (BankTransaction) for a customer account. */
  line?: StatementLine;
  /** Credit a frozen account anyway (returning its own money to it). */
  allowFrozen?: boolean;
};

export type TransferInput = {
  tenantId: string;
  kind: "opening" | "payment" | "settlement" | "reversal" | "disbursement" | "repayment" | "premium" | "reward" | "interest";
  reference: string | null;
  currency: string;
  /** The tenant's clock. */
  postedAt: Date;
  legs: Leg[];
};

export type DeclineCode = "insufficient_funds" | "account_frozen";

/** Thrown inside the transaction so it rolls back; callers turn it into a value or a problem. */
export class LedgerDecline extends Error {
  constructor(
    readonly code: DeclineCode,
    readonly accountId: string,
  ) {
    super(`${code} on ${accountId}`);
    this.name = "LedgerDecline";
  }
}

export type StatementRow = {
  id: string;
  accountId: string;
  amount: bigint;
  currency: string;
  status: string;
  description: string;
  merchantName: string | null;
  merchantCategoryCode: string | null;
  category: string;
  channel: string;
  transactedAt: Date;
  bookedAt: Date | null;
};

/** The posting and the statement lines written (customer accounts only), for events. */
export type PostedTransfer = { postingId: string; lines: StatementRow[] };

/** A posting must balance per currency and move something; anything else is a bug in the caller. */
export function assertBalanced(legs: Leg[]): void {
  if (legs.length < 2) throw new Error("a posting needs at least two legs");
  let sum = 0n;
  for (const leg of legs) {
    if (typeof leg.amount !== "bigint" || leg.amount === 0n) throw new Error(`leg on ${leg.accountId} has no amount`);
    sum += leg.amount;
  }
  if (sum !== 0n) throw new Error(`posting does not balance: legs sum to ${sum}`);
}

/**
 * The one way money moves: inside the caller's database transaction, changes each
 * account's booked balance and writes the posting, its entries and the statement lines.
 *
 * Debits of customer accounts are conditional updates (`booked_balance + amount >= floor`),
 * so two concurrent debits can never both pass a stale balance check: on PostgreSQL the
 * UPDATE takes the row lock and re-checks the condition; on SQLite transactions are
 * serialised. Accounts are updated in id order so concurrent postings lock rows in the same
 * order (no deadlocks), and after every insert, so the locks are held as briefly as possible.
 * Throws LedgerDecline (frozen, below floor): the caller's
 * transaction then rolls back every earlier update.
 */
type LedgerAccount = {
  id: string;
  customerId: string | null;
  currency: string;
  status: string;
  overdraftLimit: bigint;
  creditLimit: bigint;
};

/** What postTransfer writes besides the balances, once the legs are checked against their accounts. */
function transferRows(input: TransferInput, accounts: LedgerAccount[]) {
  const { tenantId, currency, postedAt } = input;
  const byId = new Map(accounts.map((account) => [account.id, account]));
  for (const leg of input.legs) {
    const account = byId.get(leg.accountId);
    if (!account) throw new Error(`no account ${leg.accountId} in tenant ${tenantId}`);
    if (account.currency !== currency) throw new Error(`account ${leg.accountId} is in ${account.currency}, posting in ${currency}`);
    if (account.customerId !== null && !leg.line) throw new Error(`leg on customer account ${leg.accountId} needs a statement line`);
    if (account.customerId !== null && account.status !== "active" && !leg.allowFrozen)
      throw new LedgerDecline("account_frozen", leg.accountId);
  }

  const postingId = newId("posting");
  const entries = input.legs.map((leg) => ({
    id: newId("entry"),
    tenantId,
    postingId,
    accountId: leg.accountId,
    amount: leg.amount,
    currency,
    createdAt: postedAt,
  }));
  const lines: StatementRow[] = input.legs
    .filter((leg) => byId.get(leg.accountId)!.customerId !== null)
    .map((leg) => ({
      id: newId("transaction"),
      accountId: leg.accountId,
      amount: leg.amount,
      currency,
      status: "booked",
      description: leg.line!.description,
      category: leg.line!.category,
      channel: leg.line!.channel,
      merchantName: leg.line!.merchant?.name ?? null,
      merchantCategoryCode: leg.line!.merchant?.mcc ?? null,
      transactedAt: postedAt,
      bookedAt: postedAt,
    }));
  // Balances last and in id order: on PostgreSQL the row locks are then held only until the commit,
  // and concurrent postings take them in the same order. A debit of a customer account has a floor.
  const balances = [...input.legs]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
    .map((leg) => ({ leg, floor: leg.amount < 0n ? balanceFloor(byId.get(leg.accountId)!) : null }));
  return {
    posting: { id: postingId, tenantId, kind: input.kind, reference: input.reference, postedAt },
    entries,
    lines,
    statementRows: lines.map((row) => ({ ...row, tenantId, createdAt: postedAt })),
    balances,
  };
}

/**
 * The one way money moves: inside the caller's database transaction, changes each
 * account's booked balance and writes the posting, its entries and the statement lines.
 *
 * Debits of customer accounts are conditional updates (`booked_balance + amount >= floor`),
 * so two concurrent debits can never both pass a stale balance check: on PostgreSQL the
 * UPDATE takes the row lock and re-checks the condition; on SQLite transactions are
 * serialised. Accounts are updated in id order so concurrent postings lock rows in the same
 * order (no deadlocks), and after every insert, so the locks are held as briefly as possible.
 * Throws LedgerDecline (frozen, below floor): the caller's
 * transaction then rolls back every earlier update. `postTransferProgram` is the same on the driver.
 */
export async function postTransfer(
  tx: Prisma.TransactionClient,
  input: TransferInput,
  options: {
    /** More writes of the same transaction, done before the balance updates take their row locks. */ beforeBalances?: (
      lines: StatementRow[],
    ) => Promise<void>;
  } = {},
): Promise<PostedTransfer> {
  assertBalanced(input.legs);
  const accounts = await tx.bankAccount.findMany({
    where: { tenantId: input.tenantId, id: { in: [...new Set(input.legs.map((leg) => leg.accountId))] } },
    select: ACCOUNT_SELECT,
  });
  const rows = transferRows(input, accounts);
  await tx.bankPosting.create({ data: rows.posting });
  await tx.bankEntry.createMany({ data: rows.entries });
  if (rows.lines.length) await tx.bankTransaction.createMany({ data: rows.statementRows });
  await options.beforeBalances?.(rows.lines);

  for (const { leg, floor } of rows.balances) {
    if (floor !== null) {
      const { count } = await tx.bankAccount.updateMany({
        where: { id: leg.accountId, tenantId: input.tenantId, bookedBalance: { gte: floor - leg.amount } },
        data: { bookedBalance: { increment: leg.amount } },
      });
      if (count !== 1) throw new LedgerDecline("insufficient_funds", leg.accountId);
    } else {
      await tx.bankAccount.update({ where: { id: leg.accountId }, data: { bookedBalance: { increment: leg.amount } } });
    }
  }
  return { postingId: rows.posting.id, lines: rows.lines };
}

const ACCOUNT_SELECT = { id: true, customerId: true, currency: true, status: true, overdraftLimit: true, creditLimit: true } as const;

/**
 * postTransfer on the driver (see driver-transaction.ts): the same checks, rows, id order and
 * conditional debits, as raw statements inside the program's one transaction. `beforeBalances`
 * yields the statements of the same transaction that go before the balance updates.
 */
export function* postTransferProgram(
  input: TransferInput,
  options: { beforeBalances?: (lines: StatementRow[]) => Statement[] } = {},
): DriverProgram<PostedTransfer> {
  assertBalanced(input.legs);
  const ids = [...new Set(input.legs.map((leg) => leg.accountId))];
  const { rows: found } = yield {
    sql: `SELECT "id", "customerId", "currency", "status", "overdraftLimit", "creditLimit" FROM "BankAccount" WHERE "tenantId" = ? AND "id" IN (${ids.map(() => "?").join(", ")})`,
    params: [input.tenantId, ...ids],
  };
  const accounts = found.map((a) => ({
    id: a.id as string,
    customerId: a.customerId as string | null,
    currency: a.currency as string,
    status: a.status as string,
    overdraftLimit: BigInt(a.overdraftLimit as bigint | string),
    creditLimit: BigInt(a.creditLimit as bigint | string),
  }));
  const rows = transferRows(input, accounts);
  yield insertRows("BankPosting", [{ ...rows.posting, createdAt: new Date() }]);
  yield insertRows("BankEntry", rows.entries);
  if (rows.lines.length) yield insertRows("BankTransaction", rows.statementRows);
  for (const statement of options.beforeBalances?.(rows.lines) ?? []) yield statement;

  for (const { leg, floor } of rows.balances) {
    const { changes } =
      floor !== null
        ? yield {
            sql: `UPDATE "BankAccount" SET "bookedBalance" = "bookedBalance" + ? WHERE "id" = ? AND "tenantId" = ? AND "bookedBalance" >= ?`,
            params: [leg.amount, leg.accountId, input.tenantId, floor - leg.amount],
          }
        : yield {
            sql: `UPDATE "BankAccount" SET "bookedBalance" = "bookedBalance" + ? WHERE "id" = ?`,
            params: [leg.amount, leg.accountId],
          };
    if (changes !== 1) {
      if (floor !== null) throw new LedgerDecline("insufficient_funds", leg.accountId);
      throw new Error(`no account ${leg.accountId} to update`);
    }
  }
  return { postingId: rows.posting.id, lines: rows.lines };
}
