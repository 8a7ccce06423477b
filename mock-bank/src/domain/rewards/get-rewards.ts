import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { toMoney } from "@openbank/contracts/money";
import type { RewardsDto } from "../../schemas/rewards";
import { customerAccounts } from "../accounts/account-dto";
import { accountNotFound } from "../accounts/account-not-found";
import {
  cashbackFor,
  CASHBACK_PER_STEP,
  NO_POINTS_MCCS,
  pointsFor,
  POINTS_PER_POUND,
  REDEMPTION_STEP,
  SUPERMARKET_MCCS,
  SUPERMARKET_POINTS_PER_POUND,
} from "./reward-rules";

type Db = PrismaClient | Prisma.TransactionClient;

/** A credit card account of the tenant, or 404 (unknown, another tenant's) / 422 (not a card). */
export async function cardAccountOrThrow(db: Db, tenantId: string, accountId: string) {
  const account = await db.bankAccount.findFirst({
    where: { id: accountId, tenantId, ...customerAccounts },
    select: { id: true, type: true, currency: true, status: true },
  });
  if (!account) throw accountNotFound(accountId);
  if (account.type !== "credit_card")
    throw new AppError(
      "account_not_eligible",
      `Account ${account.id} is a ${account.type} account: reward points are earned on credit cards only.`,
      { errors: [{ pointer: "/params/account_id", detail: "not a credit card account" }] },
    );
  return account;
}

/** Points earned (booked) and pending from the card's transactions, and redeemed so far. */
export async function pointsOf(
  db: Db,
  tenantId: string,
  accountId: string,
): Promise<{ earned: number; pending: number; redeemed: number }> {
  const lines = await db.bankTransaction.findMany({
    where: { tenantId, accountId, channel: "card" },
    select: { amount: true, status: true, merchantCategoryCode: true },
  });
  let earned = 0;
  let pending = 0;
  for (const line of lines) {
    if (line.status === "booked") earned += pointsFor(line);
    else pending += pointsFor(line);
  }
  const redeemed = await db.bankRewardRedemption.aggregate({ where: { tenantId, accountId }, _sum: { points: true } });
  return { earned, pending, redeemed: redeemed._sum.points ?? 0 };
}

/** The card's reward points, derived from its booked spending minus redemptions. */
export async function getRewards(options: { db: PrismaClient; tenantId: string; accountId: string; now: Date }): Promise<RewardsDto> {
  const { db, tenantId, now } = options;
  const account = await cardAccountOrThrow(db, tenantId, options.accountId);
  const points = await pointsOf(db, tenantId, account.id);
  const balance = points.earned - points.redeemed;
  const redeemable = balance > 0 ? Math.floor(balance / REDEMPTION_STEP) * REDEMPTION_STEP : 0;
  return {
    account_id: account.id,
    points_balance: balance,
    points_earned: points.earned,
    points_redeemed: points.redeemed,
    points_pending: points.pending,
    value: toMoney(cashbackFor(redeemable), account.currency),
    earn_rates: [
      {
        description: "Supermarkets and food stores",
        points_per_pound: SUPERMARKET_POINTS_PER_POUND,
        merchant_category_codes: [...SUPERMARKET_MCCS],
      },
      { description: "Cash withdrawals, money transfers and gambling", points_per_pound: 0, merchant_category_codes: [...NO_POINTS_MCCS] },
      { description: "Everything else", points_per_pound: POINTS_PER_POUND, merchant_category_codes: [] },
    ],
    redemption: {
      minimum_points: REDEMPTION_STEP,
      points_multiple: REDEMPTION_STEP,
      cashback_per_multiple: toMoney(CASHBACK_PER_STEP, account.currency),
    },
    as_of: now.toISOString(),
  };
}
