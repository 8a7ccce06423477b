import { randomInt } from "node:crypto";
import { Prisma, type PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor } from "@openbank/contracts/money";
import type { CreateInsurancePolicyInput, InsurancePolicyDto } from "../../schemas/insurance";
import { customerAccounts } from "../accounts/account-dto";
import { recordEvents } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { policyInclude, toPolicyDto } from "./insurance-dto";

const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

const used = (quoteId: string) =>
  new AppError("insurance_quote_used", `Quote ${quoteId} has already been bought.`, field("/body/quote_id", "already bought"));

/**
 * Buys the policy of an open quote, paid from the quote customer's current account or credit
 * card: the policy, the premium's ledger posting (to the bank's premiums account), the
 * statement line, `insurance.policy_issued` and `transaction.booked` events and the
 * idempotency link are one transaction. A quote buys at most one policy (unique quote id).
 */
export async function buyInsurancePolicy(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  input: CreateInsurancePolicyInput;
  idempotencyKeyId?: string;
}): Promise<InsurancePolicyDto> {
  const { db, tenantId, now, input } = options;
  const quote = await db.bankInsuranceQuote.findFirst({
    where: { id: input.quote_id, tenantId },
    include: { policy: { select: { id: true } } },
  });
  if (!quote)
    throw new AppError("resource_not_found", `No insurance quote with id ${input.quote_id}.`, field("/body/quote_id", "no such quote"));
  if (quote.policy) throw used(quote.id);
  if (quote.expiresAt <= now)
    throw new AppError(
      "insurance_quote_expired",
      `Quote ${quote.id} has expired (expires_at ${quote.expiresAt.toISOString()}): create a new quote.`,
      field("/body/quote_id", "expired"),
    );

  const account = await db.bankAccount.findFirst({
    where: { id: input.account_id, tenantId, ...customerAccounts },
    select: { id: true, customerId: true, type: true, currency: true, status: true },
  });
  if (!account)
    throw new AppError("resource_not_found", `No account with id ${input.account_id}.`, field("/body/account_id", "no such account"));
  if (account.customerId !== quote.customerId)
    throw new AppError(
      "account_not_eligible",
      `Account ${account.id} belongs to another customer: the policyholder pays the premium.`,
      field("/body/account_id", "belongs to another customer"),
    );
  if (account.type !== "current" && account.type !== "credit_card")
    throw new AppError(
      "account_not_eligible",
      `Premiums are paid from a current account or credit card, not a ${account.type} account.`,
      field("/body/account_id", "must be a current account or credit card"),
    );
  if (account.currency !== quote.currency)
    throw new AppError(
      "currency_mismatch",
      `The premium is in ${quote.currency}; the account holds ${account.currency}.`,
      field("/body/account_id", `holds ${account.currency}`),
    );
  if (account.status !== "active")
    throw new AppError("account_frozen", `Account ${account.id} is frozen: it cannot pay.`, field("/body/account_id", "is frozen"));

  await ensureLedger(db, tenantId);
  const id = newId("insurancePolicy");
  const policyNumber = `TRV-${now.getUTCFullYear()}-${randomInt(10_000_000, 100_000_000)}`;
  try {
    return await moneyTransaction(db, async (tx) => {
      const row = await tx.bankInsurancePolicy.create({
        data: {
          id,
          tenantId,
          customerId: quote.customerId,
          quoteId: quote.id,
          accountId: account.id,
          policyNumber,
          status: "active",
          premium: quote.premium,
          currency: quote.currency,
          startDate: quote.startDate,
          endDate: quote.endDate,
          createdAt: now,
        },
        include: policyInclude,
      });
      const dto = toPolicyDto(row, now);
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: id } });
      await postTransfer(
        tx,
        {
          tenantId,
          kind: "premium",
          reference: id,
          currency: quote.currency,
          postedAt: now,
          legs: [
            {
              accountId: account.id,
              amount: -quote.premium,
              line: {
                description: `OPEN BANK TRAVEL INSURANCE ${policyNumber}`,
                category: "insurance",
                channel: account.type === "credit_card" ? "card" : "transfer",
              },
            },
            { accountId: systemAccountId(tenantId, "premiums"), amount: quote.premium },
          ],
        },
        {
          beforeBalances: (lines) =>
            recordEvents(tx, tenantId, now, [
              { type: "insurance.policy_issued", object: dto },
              ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
            ]),
        },
      );
      return dto;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw used(quote.id);
    if (error instanceof LedgerDecline) {
      if (error.code === "account_frozen")
        throw new AppError("account_frozen", `Account ${error.accountId} is frozen.`, field("/body/account_id", "is frozen"));
      throw new AppError(
        "insufficient_funds",
        `Account ${account.id} cannot pay the premium of ${formatMinor(quote.premium, quote.currency)} ${quote.currency}: the balance would go below its limit.`,
        field("/body/account_id", "insufficient funds"),
      );
    }
    throw error;
  }
}
