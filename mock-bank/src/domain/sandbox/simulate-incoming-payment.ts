import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { parseMinor } from "@openbank/contracts/money";
import type { TransactionDto } from "../../schemas/transaction";
import { accountNotFound } from "../accounts/account-not-found";
import { recordEvents } from "../events/record-event";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { assertAcceptsDeposits } from "../products/withdrawal-rules";
import { toTransactionDto } from "../transactions/transaction-dto";

/** Larger amounts are typos, not tests. */
const MAX_MINOR = 1_000_000_00n;

export type IncomingPayment = {
  accountId: string;
  amount: { amount: string; currency: string };
  counterpartyName: string;
  description?: string;
  category?: string;
};

function invalid(pointer: string, detail: string): AppError {
  return new AppError("validation_failed", `${pointer.replace("/body/", "")}: ${detail}`, { errors: [{ pointer, detail }] });
}

/**
 * Money arriving from another bank into one of the tenant's customer accounts, booked at
 * once on the tenant's clock: a ledger posting from the external settlement account, with
 * its statement line and a `transaction.booked` event. A frozen account refuses it (422
 * account_frozen), as a real one would.
 */
export async function simulateIncomingPayment(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  payment: IncomingPayment;
}): Promise<TransactionDto> {
  const { db, tenantId, now, payment } = options;
  const account = await db.bankAccount.findFirst({
    where: { id: payment.accountId, tenantId, customerId: { not: null } },
    select: { id: true, type: true, currency: true },
  });
  if (!account) throw accountNotFound(payment.accountId);
  assertAcceptsDeposits(account, "/body/account_id");
  if (account.type === "loan")
    throw invalid("/body/account_id", "a loan account cannot receive payments; its instalments are collected on schedule");
  if (payment.amount.currency !== account.currency) {
    throw new AppError("currency_mismatch", `The account is in ${account.currency}; send the amount in ${account.currency}.`, {
      errors: [{ pointer: "/body/amount/currency", detail: `must be ${account.currency}, the account's currency` }],
    });
  }
  const minor = parseMinor(payment.amount.amount, account.currency);
  if (minor === null) throw invalid("/body/amount/amount", `must be a decimal with at most the currency's decimals, e.g. 125.50`);
  if (minor <= 0n) throw invalid("/body/amount/amount", "must be positive: this simulates money coming in");
  if (minor > MAX_MINOR) throw invalid("/body/amount/amount", "may be at most 1000000.00");

  const description = [payment.counterpartyName, payment.description].filter(Boolean).join(" ");
  try {
    const line = await db.$transaction(async (tx) => {
      const posted = await postTransfer(tx, {
        tenantId,
        kind: "payment",
        reference: null,
        currency: account.currency,
        postedAt: now,
        legs: [
          { accountId: systemAccountId(tenantId, "external", account.currency), amount: -minor },
          {
            accountId: account.id,
            amount: minor,
            line: { description, category: payment.category ?? "incoming_payment", channel: "faster_payment" },
          },
        ],
      });
      const dto = toTransactionDto(posted.lines[0]);
      await recordEvents(tx, tenantId, now, [{ type: "transaction.booked", object: dto }]);
      return dto;
    });
    return line;
  } catch (error) {
    if (error instanceof LedgerDecline && error.code === "account_frozen") {
      throw new AppError("account_frozen", `Account ${account.id} is frozen: it cannot receive payments.`);
    }
    throw error;
  }
}
