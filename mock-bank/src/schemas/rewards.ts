import { z } from "zod";
import { Money, ResourceId, Text, Timestamp } from "./common";
import { exampleIds } from "./example-run";

/**
 * Points come from the card's booked purchases (at most 2 a pound), a few thousand on a seeded card;
 * the bound leaves ample room and stays within 32 bits.
 */
const MAX_POINTS = 2_000_000_000;
const Points = z.number().int().max(MAX_POINTS);

export const Rewards = z
  .object({
    account_id: ResourceId.describe("The credit card account."),
    points_balance: Points.min(-MAX_POINTS).describe(
      "Points available to redeem: earned minus redeemed (negative only if refunds took back points already redeemed).",
    ),
    points_earned: Points.min(-MAX_POINTS).describe("Points from booked card transactions: purchases earn, refunds take back."),
    points_redeemed: Points.min(0).describe("Points already redeemed as cashback."),
    points_pending: Points.min(-MAX_POINTS).describe("Points of pending card transactions: they count once booked."),
    value: Money.describe("What the balance is worth as cashback (0.5p a point, in whole redemptions of 500 points)."),
    earn_rates: z
      .array(
        z.object({
          description: Text(200),
          points_per_pound: z.number().int().min(0).max(100),
          merchant_category_codes: z
            .array(z.string().regex(/^\d{4}$/))
            .max(100)
            .describe("ISO 18245 MCCs; empty = every other purchase."),
        }),
      )
      .max(10)
      .describe("How points are earned: per whole pound of each purchase."),
    redemption: z
      .object({ minimum_points: Points.min(1), points_multiple: Points.min(1), cashback_per_multiple: Money })
      .describe("Redeem at least `minimum_points`, in multiples of `points_multiple`, each worth `cashback_per_multiple`."),
    as_of: Timestamp.describe("The sandbox time of this balance."),
  })
  .meta({ id: "Rewards", description: "A credit card's reward points." });

export type RewardsDto = z.infer<typeof Rewards>;

export const RedeemRewardsBody = z
  .strictObject({
    points: z.number().int().min(500).max(1_000_000).multipleOf(500).describe("Points to redeem: at least 500, a multiple of 500."),
  })
  .meta({ examples: [{ points: 500 }] });

export const RewardRedemption = z
  .object({
    id: ResourceId.describe("Redemption id.").meta({ examples: ["rdm_3mJ0wqG5XnS1xQbH0pR7tZ"] }),
    account_id: ResourceId,
    points: Points.min(1).describe("Points redeemed."),
    cashback: Money.describe('Credited to the card as a "REWARDS CASHBACK" transaction.'),
    created_at: Timestamp,
  })
  .meta({ id: "RewardRedemption", description: "Points turned into cashback on the card." });

export type RewardRedemptionDto = z.infer<typeof RewardRedemption>;

export const RewardsParams = z.object({
  account_id: ResourceId.describe("A credit card account id (`acc_…`, `type: credit_card` in `GET /v1/accounts`).").meta({
    examples: [exampleIds.cardAccountId],
  }),
});
