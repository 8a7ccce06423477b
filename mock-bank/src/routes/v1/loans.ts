import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { acceptLoanOffer } from "../../domain/lending/accept-loan-offer";
import {
  LIVING_COSTS,
  LOAN_MAX_TERM,
  MAX_DEBT_TO_INCOME_PERCENT,
  MIN_CREDIT_SCORE,
  OFFER_VALID_DAYS,
  SCORE_BANDS,
} from "../../domain/lending/assess-credit";
import { createLoanApplication } from "../../domain/lending/create-loan-application";
import { getLoanApplicationOrThrow } from "../../domain/lending/get-loan-application-or-throw";
import { getLoanOrThrow } from "../../domain/lending/get-loan-or-throw";
import { listLoans } from "../../domain/lending/list-loans";
import { repayLoan } from "../../domain/lending/repay-loan";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { formatMinor } from "@openbank/contracts/money";
import {
  AcceptOfferBody,
  ApplicationParams,
  CreateLoanApplicationBody,
  ListLoansQuery,
  Loan,
  LoanApplication,
  LoanList,
  LoanParams,
  OfferParams,
  RepayLoanBody,
} from "../../schemas/lending";
import { IdempotencyHeaders } from "../../schemas/payment";
import { capture, exampleRun } from "../../schemas/example-run";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";

const bands = SCORE_BANDS.map((band) => `${band.minScore}+ → ${band.apr}% APR, up to £${formatMinor(band.maxAmount, "GBP")}`).join("; ");

const APPLY_DESCRIPTION = [
  "Applies for a personal loan (1,000.00–25,000.00 GBP over 12–60 months) and decides at once from the customer's credit score, income and existing debt. Every decision is a `201`: `approved` with offers, or `declined` with `reasons`. `assessment` shows the figures used.",
  "",
  `- **Score bands** (0–999): ${bands}. Below ${MIN_CREDIT_SCORE}: \`credit_score_too_low\`; 0 (no bureau file, e.g. customers from \`POST /v1/customers\`): \`no_credit_file\`.`,
  `- **Affordability**: net income is 75 % of gross; from it come housing (rent and mortgage in the last 30 days of statements), credit commitments (3 % of card balances, at least £25, and of overdraft in use; instalments of loans and plans with us; other lenders' repayments on the statements) and £${formatMinor(LIVING_COSTS, "GBP")} living costs. The new instalment must fit what is left, and housing + credit + the instalment must stay within ${MAX_DEBT_TO_INCOME_PERCENT}% of gross income (\`debt_to_income_too_high\` if they already exceed it; \`unaffordable\` if not even £1,000 over ${LOAN_MAX_TERM} months fits, or no income is on record).`,
  "- Other declines: `kyc_not_approved`, `account_restricted` (one of the customer's accounts is frozen), `existing_arrears` (a loan or plan with us is in arrears).",
  "- **Offers**: the request as asked, with a 12-month longer and (if affordable) a 12-month shorter alternative. If the request does not fit, the most we lend over the requested term and the requested amount over the shortest longer term that fits, with a reason (`amount_above_band_limit`, `requested_payment_unaffordable`). The monthly payment is the standard amortisation formula with the monthly rate (1 + APR)^(1/12) − 1. " +
    `Offers expire after ${OFFER_VALID_DAYS} days on the sandbox clock.`,
  "- Personas (for £10,000 over 36 months): `good_credit` approved as asked; `small_business` approved; `overdrawn` approved for less (£4,800); `thin_file` declined (`credit_score_too_low`); `student` declined (`debt_to_income_too_high`); `frozen_account` declined (`account_restricted`).",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments. Moves no money.",
  "- Events (outbox, same transaction): `loan.decided`.",
].join("\n");

const ACCEPT_DESCRIPTION = [
  "Accepts an offer: opens the loan's own account (type `loan`, its negative balance is what is owed), pays the amount into `disbursement_account_id` (a GBP current account of the applicant) in one ledger posting, and writes the monthly repayment schedule, the first instalment one month from today on the sandbox clock. Instalments are collected from the same account as the sandbox clock passes their due dates (`POST /v1/sandbox/clock/advance`).",
  "",
  "- An application opens one loan: accepting it again (this offer or another of its offers) is a 409 `offer_already_accepted`; after `expires_at`, a 422 `offer_expired`.",
  "- The account must be the applicant's GBP current account (422 `account_not_eligible`) and not frozen (422 `account_frozen`); an unknown account is a 404.",
  "- **`Idempotency-Key` is required**: a retry with the same key returns the loan (with `Idempotent-Replayed: true`).",
  "- Events (outbox, same transaction): `loan.disbursed`, `transaction.booked` per statement line. Later: `loan.instalment_paid`, `loan.instalment_missed`, `loan.paid_off`.",
].join("\n");

const REPAY_DESCRIPTION = [
  "Repays a loan or plan early from its repayment account, at once.",
  "",
  "- **Settle in full** (no `amount`): pays the principal still owed, the interest of any missed instalments, and interest accrued since the last due date (daily, at the loan's monthly rate). The unpaid instalments are replaced by one paid settlement instalment; the loan is `paid_off` (`loan.paid_off`).",
  "- **Overpay** (`amount`, at least 1.00 and less than the principal): all of it reduces the principal, and the remaining instalments are re-amortised over the same number of months, so each is smaller (`loan.overpayment_received`). Not while the loan is in arrears (409 `conflict`).",
  "- A paid-off loan is a 409 `conflict`; an account that cannot pay is a 422 `insufficient_funds` (or `account_frozen`), and nothing changes.",
  "- **`Idempotency-Key` is required**, with the same replay rules as payments. Events: `transaction.booked` per statement line.",
].join("\n");

const loans: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/loans/applications",
    {
      // A decision moves no money, so Sandbox-Scenario: insufficient_funds passes it.
      config: { movesMoney: false, idempotency: "required" },
      schema: {
        operationId: "createLoanApplication",
        tags: ["Lending"],
        summary: "Apply for a personal loan",
        description: APPLY_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CreateLoanApplicationBody,
        ...exampleRun({ captures: [capture("loanApplicationId", "/id"), capture("loanOfferId", "/offers/0/id")] }),
        response: {
          201: jsonResponse("The decision: `approved` with offers, or `declined` with reasons.", LoanApplication),
          ...problemResponses({
            404: "`resource_not_found`: no such customer (`customer_id`) in your sandbox.",
            409: IN_FLIGHT,
            422: "`idempotency_key_reused`: the key was used for another request.",
          }),
        },
      },
    },
    async (request, reply) => {
      const now = tenantNow(request.tenant!, app.now());
      const application = await createOnce(request.idempotency, {
        get: (applicationId) => getLoanApplicationOrThrow({ db: app.db, tenantId: request.tenantId, applicationId, now }),
        create: (idempotencyKeyId) =>
          createLoanApplication({ db: app.db, tenantId: request.tenantId, now, input: request.body, idempotencyKeyId }),
      });
      return reply.code(201).header("location", `/v1/loans/applications/${application.id}`).send(application);
    },
  );

  app.get(
    "/loans/applications/:application_id",
    {
      schema: {
        operationId: "getLoanApplication",
        tags: ["Lending"],
        summary: "Get a loan application",
        description:
          "Returns the decision with its offers; each offer's `status` is current on the sandbox clock (`available`, `accepted`, `expired`, or `withdrawn` once another offer of the application was accepted).",
        params: ApplicationParams,
        response: { 200: jsonResponse("The application.", LoanApplication), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getLoanApplicationOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        applicationId: request.params.application_id,
        now: tenantNow(request.tenant!, app.now()),
      }),
  );

  app.post(
    "/loans/offers/:offer_id/accept",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "acceptLoanOffer",
        tags: ["Lending"],
        summary: "Accept a loan offer",
        description: ACCEPT_DESCRIPTION,
        headers: IdempotencyHeaders,
        params: OfferParams,
        body: AcceptOfferBody,
        ...exampleRun({ captures: [capture("loanId", "/id")] }),
        response: {
          201: jsonResponse("The new loan with its repayment schedule.", Loan),
          ...problemResponses({
            404: "`resource_not_found`: no such offer, or no such account (`disbursement_account_id`) in your sandbox.",
            409: "`offer_already_accepted` (the application already opened a loan) or `idempotency_key_in_flight`.",
            422: "`offer_expired`, `account_not_eligible`, `account_frozen` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const loan = await createOnce(request.idempotency, {
        get: (loanId) => getLoanOrThrow({ db: app.db, tenantId: request.tenantId, loanId }),
        create: (idempotencyKeyId) =>
          acceptLoanOffer({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            offerId: request.params.offer_id,
            disbursementAccountId: request.body.disbursement_account_id,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/loans/${loan.id}`).send(loan);
    },
  );

  app.post(
    "/loans/:loan_id/repayments",
    {
      config: { idempotency: "required" },
      schema: {
        operationId: "repayLoan",
        tags: ["Lending"],
        summary: "Repay a loan early",
        description: REPAY_DESCRIPTION,
        headers: IdempotencyHeaders,
        params: LoanParams,
        body: RepayLoanBody,
        response: {
          200: jsonResponse("The loan after the repayment: `paid_off`, or with its re-amortised schedule.", Loan),
          ...problemResponses({
            404: NOT_FOUND,
            409: "`conflict` (already paid off; an overpayment while in arrears) or `idempotency_key_in_flight`.",
            422: "`insufficient_funds`, `account_frozen` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request) =>
      createOnce(request.idempotency, {
        get: (loanId) => getLoanOrThrow({ db: app.db, tenantId: request.tenantId, loanId }),
        create: (idempotencyKeyId) =>
          repayLoan({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            loanId: request.params.loan_id,
            amount: request.body.amount,
            idempotencyKeyId,
          }),
      }),
  );

  app.get(
    "/loans",
    {
      schema: {
        operationId: "listLoans",
        tags: ["Lending"],
        summary: "List loans",
        description:
          "Lists your sandbox's personal loans and buy-now-pay-later plans, newest first, each with its schedule and outstanding balance. Filter by kind, status or customer; page with `limit` and `cursor`.",
        querystring: ListLoansQuery,
        response: { 200: jsonResponse("A page of loans, newest first.", LoanList), ...problemResponses() },
      },
    },
    async (request) =>
      listLoans({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        kind: request.query.kind,
        status: request.query.status,
        customerId: request.query.customer_id,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    "/loans/:loan_id",
    {
      schema: {
        operationId: "getLoan",
        tags: ["Lending"],
        summary: "Get a loan",
        description:
          "Returns a loan (or plan) with its repayment schedule, the outstanding principal (what its loan account owes), what has been paid and the next instalment.",
        params: LoanParams,
        response: { 200: jsonResponse("The loan.", Loan), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => getLoanOrThrow({ db: app.db, tenantId: request.tenantId, loanId: request.params.loan_id }),
  );
};

export default loans;
