import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { getRedemptionOrThrow } from "../../domain/rewards/get-redemption-or-throw";
import { getRewards } from "../../domain/rewards/get-rewards";
import { redeemRewards } from "../../domain/rewards/redeem-rewards";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { IdempotencyHeaders } from "../../schemas/payment";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import { RedeemRewardsBody, RewardRedemption, Rewards, RewardsParams } from "../../schemas/rewards";

const rewards: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/accounts/:account_id/rewards",
    {
      schema: {
        operationId: "getAccountRewards",
        tags: ["Rewards"],
        summary: "Get a card's reward points",
        description: [
          "The reward points of a credit card account, derived from its card transactions: 1 point per whole pound of each purchase, 2 at supermarkets and food stores (MCC 5411, 5422, 5441, 5451, 5462, 5499), none on cash-like transactions (4829, 6010, 6011, 6051, 7995). A refund takes back the points of its amount. Pending transactions count once booked (`points_pending`).",
          "",
          "- `value` is the cashback the balance is worth now: 500 points = £2.50.",
          "- Another type of account is a 422 `account_not_eligible`; an unknown account (or another app's) a 404.",
        ].join("\n"),
        params: RewardsParams,
        response: {
          200: jsonResponse("The card's points.", Rewards),
          ...problemResponses({ 404: NOT_FOUND, 422: "`account_not_eligible`: the account is not a credit card." }),
        },
      },
    },
    async (request) =>
      getRewards({
        db: app.db,
        tenantId: request.tenantId,
        accountId: request.params.account_id,
        now: tenantNow(request.tenant!, app.now()),
      }),
  );

  app.post(
    "/accounts/:account_id/rewards/redemptions",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "redeemAccountRewards",
        tags: ["Rewards"],
        summary: "Redeem reward points as cashback",
        description: [
          'Turns points into cashback credited to the card (a "REWARDS CASHBACK" transaction): at least 500 points, in multiples of 500, each 500 worth £2.50.',
          "",
          "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
          "- More points than the balance: 422 `insufficient_points`. Not a credit card: 422 `account_not_eligible`. A frozen card: 422 `account_frozen`.",
          "- Events (outbox, same transaction): `rewards.redeemed`, `transaction.booked`.",
        ].join("\n"),
        headers: IdempotencyHeaders,
        params: RewardsParams,
        body: RedeemRewardsBody,
        response: {
          201: jsonResponse("The redemption.", RewardRedemption),
          ...problemResponses({
            404: NOT_FOUND,
            409: IN_FLIGHT,
            422: "`insufficient_points`, `account_not_eligible`, `account_frozen` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const redemption = await createOnce(request.idempotency, {
        get: (redemptionId) => getRedemptionOrThrow({ db: app.db, tenantId: request.tenantId, redemptionId }),
        create: (idempotencyKeyId) =>
          redeemRewards({
            db: app.db,
            tenantId: request.tenantId,
            accountId: request.params.account_id,
            points: request.body.points,
            now: tenantNow(request.tenant!, app.now()),
            idempotencyKeyId,
          }),
      });
      return reply.code(201).send(redemption);
    },
  );
};

export default rewards;
