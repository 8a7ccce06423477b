import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { buyInsurancePolicy } from "../../domain/insurance/buy-insurance-policy";
import { cancelInsurancePolicy } from "../../domain/insurance/cancel-insurance-policy";
import { createInsuranceQuote } from "../../domain/insurance/create-insurance-quote";
import { getInsurancePolicyOrThrow } from "../../domain/insurance/get-insurance-policy-or-throw";
import { getInsuranceQuoteOrThrow } from "../../domain/insurance/get-insurance-quote-or-throw";
import { listInsurancePolicies } from "../../domain/insurance/list-insurance-policies";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  CreateInsurancePolicyBody,
  CreateInsuranceQuoteBody,
  InsurancePolicy,
  InsurancePolicyList,
  InsurancePolicyParams,
  InsuranceQuote,
  InsuranceQuoteParams,
  ListInsurancePoliciesQuery,
  TRIP_STARTS_IN_DAYS,
} from "../../schemas/insurance";
import { IdempotencyHeaders } from "../../schemas/payment";
import { capture, exampleRun } from "../../schemas/example-run";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";

const QUOTE_DESCRIPTION = [
  "Prices travel insurance for one of your sandbox's `approved` customers. The premium is per traveller: the destination's daily rate × the trip's days (or its annual rate), × an age-band factor (0–17: 0.5, 18–34: 1.0, 35–49: 1.15, 50–64: 1.6, 65–74: 2.5, 75–79: 3.6), × 1.45 for `comprehensive`; at least £5.00 net; plus UK insurance premium tax (12%).",
  "",
  "| destination | single trip, per traveller per day | annual multi-trip, per traveller |",
  "|---|---|---|",
  "| `europe` | £1.10 | £38.00 |",
  "| `worldwide_excluding_americas` | £1.90 | £62.00 |",
  "| `worldwide` | £2.60 | £85.00 |",
  "",
  "- The quote can be bought (`POST /v1/insurance/policies`) until `expires_at`: 7 days, and no later than the end of the start date.",
  "- Dates use the sandbox clock. `start_date` in the past, more than 365 days ahead, or an `end_date` before it are 400 `validation_failed`.",
  "- **Declines** (422 `insurance_declined`, one `errors[]` entry per reason): a traveller older than 79 (single trip) or 74 (annual multi-trip); a single trip longer than 90 days.",
  "- A customer in KYC `review` or `rejected` is a 422 `kyc_not_approved`; an unknown customer a 404.",
].join("\n");

const POLICY_DESCRIPTION = [
  "Buys the policy of an open quote. The premium is debited from `account_id` — the quote customer's current account or credit card — and a policy number issued, all in one transaction.",
  "",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
  "- Refusals: `insurance_quote_expired`, `insurance_quote_used` (a quote buys one policy), `account_not_eligible` (another customer's account, or a savings, bond or loan account), `insufficient_funds`, `account_frozen`, `currency_mismatch`.",
  "- Events (outbox, same transaction): `insurance.policy_issued`, `transaction.booked`.",
].join("\n");

const insurance: FastifyPluginAsyncZod = async (app) => {
  const now = (request: { tenant: Parameters<typeof tenantNow>[0] | null }) => tenantNow(request.tenant!, app.now());

  app.post(
    "/insurance/quotes",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "createInsuranceQuote",
        tags: ["Insurance"],
        summary: "Quote travel insurance",
        description: QUOTE_DESCRIPTION,
        body: CreateInsuranceQuoteBody,
        ...exampleRun({
          captures: [capture("insuranceQuoteId", "/id")],
          dates: [
            { pointer: "/start_date", daysAhead: TRIP_STARTS_IN_DAYS },
            { pointer: "/end_date", daysAhead: TRIP_STARTS_IN_DAYS + 7 },
          ],
        }),
        response: {
          201: jsonResponse("The priced quote.", InsuranceQuote),
          ...problemResponses({
            404: "`resource_not_found`: no such customer (`customer_id`) in your sandbox.",
            422: "`insurance_declined` (a traveller over the maximum age, a trip too long) or `kyc_not_approved`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const quote = await createInsuranceQuote({ db: app.db, tenantId: request.tenantId, now: now(request), input: request.body });
      return reply.code(201).header("location", `/v1/insurance/quotes/${quote.id}`).send(quote);
    },
  );

  app.get(
    "/insurance/quotes/:quote_id",
    {
      schema: {
        operationId: "getInsuranceQuote",
        tags: ["Insurance"],
        summary: "Get an insurance quote",
        description:
          "Returns a quote with its price breakdown and status: `open`, `expired` (after `expires_at` on the sandbox clock) or `purchased`.",
        params: InsuranceQuoteParams,
        response: { 200: jsonResponse("The quote.", InsuranceQuote), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getInsuranceQuoteOrThrow({ db: app.db, tenantId: request.tenantId, quoteId: request.params.quote_id, now: now(request) }),
  );

  app.post(
    "/insurance/policies",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "createInsurancePolicy",
        tags: ["Insurance"],
        summary: "Buy a travel insurance policy",
        description: POLICY_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CreateInsurancePolicyBody,
        ...exampleRun({ captures: [capture("insurancePolicyId", "/id")] }),
        response: {
          201: jsonResponse("The policy, `active`.", InsurancePolicy),
          ...problemResponses({
            404: "`resource_not_found`: no such quote (`quote_id`) or account (`account_id`) in your sandbox.",
            409: IN_FLIGHT,
            422: "`insurance_quote_expired`, `insurance_quote_used`, `account_not_eligible`, `insufficient_funds`, `account_frozen`, `currency_mismatch` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const policy = await createOnce(request.idempotency, {
        get: (policyId) => getInsurancePolicyOrThrow({ db: app.db, tenantId: request.tenantId, policyId, now: now(request) }),
        create: (idempotencyKeyId) =>
          buyInsurancePolicy({ db: app.db, tenantId: request.tenantId, now: now(request), input: request.body, idempotencyKeyId }),
      });
      return reply.code(201).header("location", `/v1/insurance/policies/${policy.id}`).send(policy);
    },
  );

  app.get(
    "/insurance/policies",
    {
      schema: {
        operationId: "listInsurancePolicies",
        tags: ["Insurance"],
        summary: "List insurance policies",
        description: "Lists your sandbox's policies, newest first. Filter by customer; page with `limit` and `cursor`.",
        querystring: ListInsurancePoliciesQuery,
        response: { 200: jsonResponse("A page of policies, newest first.", InsurancePolicyList), ...problemResponses() },
      },
    },
    async (request) =>
      listInsurancePolicies({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        now: now(request),
        customerId: request.query.customer_id,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/insurance/policies/:policy_id",
    {
      schema: {
        operationId: "getInsurancePolicy",
        tags: ["Insurance"],
        summary: "Get an insurance policy",
        description:
          "Returns one policy with its cover, premium and status: `active`, `expired` (the sandbox clock passed `end_date`) or `cancelled`.",
        params: InsurancePolicyParams,
        response: { 200: jsonResponse("The policy.", InsurancePolicy), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getInsurancePolicyOrThrow({ db: app.db, tenantId: request.tenantId, policyId: request.params.policy_id, now: now(request) }),
  );

  app.post(
    "/insurance/policies/:policy_id/cancel",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "cancelInsurancePolicy",
        tags: ["Insurance"],
        summary: "Cancel a policy (cooling-off)",
        description: [
          "Cancels a policy within its 14-day cooling-off period (`cooling_off_ends_at`) and before its cover starts, and refunds the whole premium to the account that paid it.",
          "",
          "- **`Idempotency-Key` is required.**",
          "- After the cooling-off period, once cover has started, or a second time: 422 `policy_not_cancellable`.",
          "- Events (outbox, same transaction): `insurance.policy_cancelled`, `transaction.booked`.",
        ].join("\n"),
        headers: IdempotencyHeaders,
        params: InsurancePolicyParams,
        response: {
          200: jsonResponse("The policy, `cancelled`, with its `refund`.", InsurancePolicy),
          ...problemResponses({ 404: NOT_FOUND, 409: IN_FLIGHT, 422: "`policy_not_cancellable` or `idempotency_key_reused`." }),
        },
      },
    },
    async (request) =>
      cancelInsurancePolicy({ db: app.db, tenantId: request.tenantId, now: now(request), policyId: request.params.policy_id }),
  );
};

export default insurance;
