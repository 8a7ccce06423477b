import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { RewardRedemptionDto } from "../../schemas/rewards";
import { recordEvents } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { toTransactionDto } from "../transactions/transaction-dto";
import { cardAccountOrThrow, pointsOf } from "./get-rewards";
import { cashbackFor } from "./reward-rules";
import { toRedemptionDto } from "./redemption-dto";

/**
 * Redeems points as cashback on the card: the redemption, the ledger posting from the bank's
 * rewards account, the statement line and the `rewards.redeemed` + `transaction.booked`
 * events are one transaction. The card's row is locked first (a no-op update), so two
 * concurrent redemptions cannot both spend the same points on PostgreSQL; SQLite serialises.
 */
export async function redeemRewards(options: {
  db: PrismaClient;
  tenantId: string;
  accountId: string;
  points: number;
  now: Date;
  idempotencyKeyId?: string;
}): Promise<RewardRedemptionDto> {
  const { db, tenantId, points, now } = options;
  const account = await cardAccountOrThrow(db, tenantId, options.accountId);
  if (account.status !== "active") throw new AppError("account_frozen", `Account ${account.id} is frozen: rewards cannot be redeemed.`);
  await ensureLedger(db, tenantId);
  const amount = cashbackFor(points);
  try {
    return await moneyTransaction(db, async (tx) => {
      await tx.bankAccount.update({ where: { id: account.id }, data: { bookedBalance: { increment: 0n } } });
      const balance = await pointsOf(tx, tenantId, account.id);
      const available = balance.earned - balance.redeemed;
      if (points > available) {
        throw new AppError("insufficient_points", `The card has ${Math.max(available, 0)} points; ${points} were asked for.`, {
          errors: [{ pointer: "/body/points", detail: `at most ${Math.max(available, 0)} points are available` }],
        });
      }
      const row = await tx.bankRewardRedemption.create({
        data: {
          id: newId("rewardRedemption"),
          tenantId,
          accountId: account.id,
          points,
          amount,
          currency: account.currency,
          createdAt: now,
        },
      });
      const dto = toRedemptionDto(row);
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: row.id } });
      await postTransfer(
        tx,
        {
          tenantId,
          kind: "reward",
          reference: row.id,
          currency: account.currency,
          postedAt: now,
          legs: [
            { accountId: systemAccountId(tenantId, "rewards"), amount: -amount },
            {
              accountId: account.id,
              amount,
              line: { description: `REWARDS CASHBACK ${points} POINTS`, category: "rewards", channel: "transfer" },
            },
          ],
        },
        {
          beforeBalances: (lines) =>
            recordEvents(tx, tenantId, now, [
              { type: "rewards.redeemed", object: dto },
              ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
            ]),
        },
      );
      return dto;
    });
  } catch (error) {
    if (error instanceof LedgerDecline)
      throw new AppError("account_frozen", `Account ${error.accountId} is frozen: rewards cannot be redeemed.`);
    throw error;
  }
}
