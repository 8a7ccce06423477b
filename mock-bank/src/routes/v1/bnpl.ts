import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { formatMinor } from "@openbank/contracts/money";
import { createOnce } from "../../domain/idempotency/create-once";
import { createBnplPlan } from "../../domain/lending/create-bnpl-plan";
import { BNPL_LIMITS, BNPL_MIN_SCORE, BNPL_NO_FILE_LIMIT } from "../../domain/lending/decide-bnpl";
import { getLoanOrThrow } from "../../domain/lending/get-loan-or-throw";
import { listLoans } from "../../domain/lending/list-loans";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { CreateBnplPlanBody, ListPlansQuery, Loan, LoanList, PlanParams } from "../../schemas/lending";
import { IdempotencyHeaders } from "../../schemas/payment";
import { capture, exampleRun } from "../../schemas/example-run";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";

const limits = BNPL_LIMITS.map((tier) => `${tier.label}: £${formatMinor(tier.limit, "GBP")}`).join("; ");

const CREATE_DESCRIPTION = [
  "Splits a purchase (30.00–2000.00 GBP) into 3 or 4 interest-free instalments every two weeks, for a checkout that offers pay-later. The merchant is paid in full at once from the plan's own loan account; the first instalment is collected from the customer's current account immediately, the rest as the sandbox clock passes their due dates (`POST /v1/sandbox/clock/advance`). Amounts split to the penny, the last instalment taking the remainder.",
  "",
  `- **Soft decision** (422 \`bnpl_declined\`, the detail starting with the reason): what the customer owes on plans, this one included, must fit the limit for their score (${limits}; no credit file, e.g. customers from \`POST /v1/customers\`: £${formatMinor(BNPL_NO_FILE_LIMIT, "GBP")}) → \`over_plan_limit\`; a score from 1 to ${BNPL_MIN_SCORE - 1} → \`credit_score_too_low\`; also \`kyc_not_approved\`, \`account_restricted\` (a frozen account), \`existing_arrears\`.`,
  "- The account must be a GBP current account (422 `account_not_eligible`), not frozen (422 `account_frozen`), able to pay the first instalment (422 `insufficient_funds`); a refusal creates nothing.",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments.",
  "- Events (outbox, same transaction): `bnpl.plan_created`, `loan.instalment_paid` (the first instalment), `transaction.booked`. Later: `loan.instalment_paid`, `loan.instalment_missed`, `loan.paid_off`.",
].join("\n");

const bnpl: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/bnpl/plans",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "createBnplPlan",
        tags: ["Lending"],
        summary: "Create a buy-now-pay-later plan",
        description: CREATE_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CreateBnplPlanBody,
        ...exampleRun({ captures: [capture("bnplPlanId", "/id")] }),
        response: {
          201: jsonResponse("The plan (`kind: bnpl`) with its schedule, the first instalment paid.", Loan),
          ...problemResponses({
            404: "`resource_not_found`: no such account (`account_id`) in your sandbox.",
            409: IN_FLIGHT,
            422: "`bnpl_declined`, `account_not_eligible`, `account_frozen`, `insufficient_funds` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const plan = await createOnce(request.idempotency, {
        get: (loanId) => getLoanOrThrow({ db: app.db, tenantId: request.tenantId, loanId, kind: "bnpl" }),
        create: (idempotencyKeyId) =>
          createBnplPlan({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            input: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/bnpl/plans/${plan.id}`).send(plan);
    },
  );

  app.get(
    "/bnpl/plans",
    {
      schema: {
        operationId: "listBnplPlans",
        tags: ["Lending"],
        summary: "List buy-now-pay-later plans",
        description:
          "Lists your sandbox's buy-now-pay-later plans, newest first (they are also in `GET /v1/loans` with `kind: bnpl`). Filter by status or customer; page with `limit` and `cursor`.",
        querystring: ListPlansQuery,
        response: { 200: jsonResponse("A page of plans, newest first.", LoanList), ...problemResponses() },
      },
    },
    async (request) =>
      listLoans({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        kind: "bnpl",
        status: request.query.status,
        customerId: request.query.customer_id,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/bnpl/plans/:plan_id",
    {
      schema: {
        operationId: "getBnplPlan",
        tags: ["Lending"],
        summary: "Get a buy-now-pay-later plan",
        description: "Returns a plan with its schedule, what is still owed and the next instalment.",
        params: PlanParams,
        response: { 200: jsonResponse("The plan.", Loan), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => getLoanOrThrow({ db: app.db, tenantId: request.tenantId, loanId: request.params.plan_id, kind: "bnpl" }),
  );
};

export default bnpl;
