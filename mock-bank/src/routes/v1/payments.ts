import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { createPayment } from "../../domain/payments/create-payment";
import { getPaymentOrThrow } from "../../domain/payments/get-payment-or-throw";
import { listPayments } from "../../domain/payments/list-payments";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { CreatePaymentBody, IdempotencyHeaders, ListPaymentsQuery, Payment, PaymentList, PaymentParams } from "../../schemas/payment";
import { capture, exampleRun } from "../../schemas/example-run";
import { IN_FLIGHT, NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";

const CREATE_DESCRIPTION = [
  "Sends money from one of your sandbox's current or savings accounts: to another of its accounts (`creditor.type: account`), or to any UK account by sort code and account number or by IBAN. A sort code or IBAN of one of your own accounts is paid internally.",
  "",
  "- `scheme: instant` (default) completes at once. `standard` is `pending` until the sandbox clock passes `settles_at` (24 hours; advance it with the sandbox clock controls). `international` pays an FX quote (`quote_id`, from `POST /v1/fx/quotes`) to a non-GB IBAN; its `amount` comes from the quote and its fee is debited too.",
  "- **`Idempotency-Key` is required.** Retrying with the same key and body replays the first response byte for byte (`Idempotent-Replayed: true`); the same key with another body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_flight`. Keys are kept 24 hours.",
  "- Refusals leave nothing behind: `insufficient_funds` (the balance would go below zero, or below the arranged overdraft), `account_frozen` (the `frozen_account` persona's current account), `limit_exceeded` (more than 25,000.00 in one payment), `invalid_beneficiary` (bad IBAN check digits, sort codes starting `00`, unknown account id, paying the same account), `currency_mismatch`, `quote_expired`, `early_withdrawal_not_allowed` (from a fixed-term bond before `matures_on`), `deposit_not_accepted` (into a fixed-term bond). A payment from a 95-day notice saver also debits an early access charge of 95 days' interest on the amount.",
  "- Magic values: amount `666.66` and beneficiary name `AML HIT` create a `failed` payment (failure `insufficient_funds` / `aml_declined`) that moves no money and emits `payment.failed`.",
  "- Events (outbox, same transaction): `payment.completed`, `payment.created` (pending), `payment.failed`, `transaction.booked` per statement line.",
].join("\n");

const payments: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/payments",
    {
      config: { consent: { permission: "payments:write", account: "body" }, idempotency: "required" },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["payments:write"] }],
        operationId: "createPayment",
        tags: ["Payments"],
        summary: "Make a payment",
        description: CREATE_DESCRIPTION,
        headers: IdempotencyHeaders,
        body: CreatePaymentBody,
        ...exampleRun({ captures: [capture("paymentId", "/id")] }),
        response: {
          201: jsonResponse("The payment: `completed`, `pending` (standard, international) or `failed` (magic declines).", Payment),
          ...problemResponses({
            404: "`resource_not_found`: no such debtor account (`debtor_account_id`) or FX quote (`quote_id`) in your sandbox.",
            409: IN_FLIGHT,
            422: "A refusal: `insufficient_funds`, `account_frozen`, `limit_exceeded`, `invalid_beneficiary`, `currency_mismatch`, `quote_expired`, `early_withdrawal_not_allowed`, `deposit_not_accepted` or `idempotency_key_reused`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const payment = await createOnce(request.idempotency, {
        get: (paymentId) => getPaymentOrThrow({ db: app.db, tenantId: request.tenantId, paymentId }),
        create: (idempotencyKeyId) =>
          createPayment({
            db: app.db,
            tenantId: request.tenantId,
            now: tenantNow(request.tenant!, app.now()),
            input: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).header("location", `/v1/payments/${payment.id}`).send(payment);
    },
  );

  app.get(
    "/payments/:payment_id",
    {
      config: { consent: { permission: "payments:write" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["payments:write"] }],
        operationId: "getPayment",
        tags: ["Payments"],
        summary: "Get a payment",
        description:
          "Returns one payment with its status; a `standard` payment turns `completed` once the sandbox clock passes `settles_at`.",
        params: PaymentParams,
        response: { 200: jsonResponse("The payment.", Payment), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getPaymentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        paymentId: request.params.payment_id,
        debtorAccountIds: request.consent?.accountIds,
      }),
  );

  app.get(
    "/payments",
    {
      config: { consent: { permission: "payments:write" } },
      schema: {
        security: [{ api_key: [] }, { consent_token: ["payments:write"] }],
        operationId: "listPayments",
        tags: ["Payments"],
        summary: "List payments",
        description:
          "Lists your sandbox's payments, newest first. Filter by status, scheme or debtor account; page with `limit` and `cursor`.",
        querystring: ListPaymentsQuery,
        response: { 200: jsonResponse("A page of payments, newest first.", PaymentList), ...problemResponses() },
      },
    },
    async (request) =>
      listPayments({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        status: request.query.status,
        scheme: request.query.scheme,
        debtorAccountId: request.query.debtor_account_id,
        debtorAccountIds: request.consent?.accountIds,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );
};

export default payments;
