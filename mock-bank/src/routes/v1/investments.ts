import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { parseMinor } from "@openbank/contracts/money";
import { getFundOrThrow } from "../../domain/investments/get-fund-or-throw";
import { listFunds } from "../../domain/investments/list-funds";
import { recommendPortfolio } from "../../domain/investments/recommend-portfolio";
import { Fund, FundList, FundParams, ListFundsQuery, Recommendation, RecommendationQuery } from "../../schemas/investment";
import { problemResponses, jsonResponse } from "../../schemas/problem";

const investments: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/investments/funds",
    {
      schema: {
        operationId: "listFunds",
        tags: ["Investments"],
        summary: "List investment funds",
        description:
          "The bank's fund range, from a sterling liquidity fund (risk level 1) to emerging-market shares (6), each with its SRRI risk level, ongoing charges (OCF), asset class and the return and volatility assumptions the projections use. Filter by `risk_level` or `asset_class`.",
        querystring: ListFundsQuery,
        response: { 200: jsonResponse("The funds, lowest risk first.", FundList), ...problemResponses() },
      },
    },
    async (request) => listFunds({ riskLevel: request.query.risk_level, assetClass: request.query.asset_class }),
  );

  app.get(
    "/investments/funds/:fund_id",
    {
      schema: {
        operationId: "getFund",
        tags: ["Investments"],
        summary: "Get an investment fund",
        description: "Returns one fund with its risk level, charges and assumptions.",
        params: FundParams,
        response: {
          200: jsonResponse("The fund.", Fund),
          ...problemResponses({ 404: "`resource_not_found`: no such fund (see `GET /v1/investments/funds`)." }),
        },
      },
    },
    async (request) => getFundOrThrow(request.params.fund_id),
  );

  app.get(
    "/investments/recommendations",
    {
      schema: {
        operationId: "getInvestmentRecommendation",
        tags: ["Investments"],
        summary: "Recommend a model portfolio",
        description: [
          "The bank's model portfolio for a risk profile (`cautious`, `balanced`, `adventurous`): funds with weights summing to 100%, the blended OCF, expected return and volatility, and the portfolio's SRRI risk level.",
          "",
          "- With `amount` (GBP), it projects the value after `horizon_years` (default 10): the expected value and the 10th/50th/90th percentiles of a lognormal model, after charges. Deterministic: the same query gives the same answer.",
          "- A horizon shorter than the profile suits (3, 5 and 10 years) adds a suitability warning.",
          "- `risk_profile` is the canonical parameter; `riskProfile` is accepted as an alias.",
        ].join("\n"),
        querystring: RecommendationQuery,
        response: { 200: jsonResponse("The model portfolio.", Recommendation), ...problemResponses() },
      },
    },
    async (request) => {
      const { amount, horizon_years: horizonYears } = request.query;
      const riskProfile = (request.query.risk_profile ?? request.query.riskProfile)!;
      return recommendPortfolio({ riskProfile, amountMinor: amount === undefined ? null : parseMinor(amount, "GBP"), horizonYears });
    },
  );
};

export default investments;
