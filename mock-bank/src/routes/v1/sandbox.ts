import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { completeKycReview } from "../../domain/customers/complete-kyc-review";
import { collectDueInstalments } from "../../domain/lending/collect-due-instalments";
import { settleDuePayments } from "../../domain/payments/settle-due-payments";
import { fireEvent } from "../../domain/events/fire-event";
import { advanceClock } from "../../domain/sandbox/advance-clock";
import { resetTenant } from "../../domain/sandbox/reset-tenant";
import { simulateIncomingPayment } from "../../domain/sandbox/simulate-incoming-payment";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { sandboxSettings } from "../../domain/sandbox/sandbox-settings";
import { NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import { AdvanceClockBody, ClockAdvanceResult, SandboxClock, SandboxResetResult, SimulateIncomingBody } from "../../schemas/sandbox";
import { Transaction } from "../../schemas/transaction";
import { CompleteKycReviewBody, Customer, ReviewCustomerParams } from "../../schemas/customer";
import { exampleRun } from "../../schemas/example-run";
import { SandboxResetBody } from "../../schemas/sandbox-customers";
import { FireEventBody, FiredEvent } from "../../schemas/events";

/** Controls of the caller's own sandbox: reset, clock, simulated incoming money, webhook events. */
const sandbox: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/sandbox/reset",
    {
      schema: {
        operationId: "resetSandbox",
        tags: ["Sandbox"],
        summary: "Reset the sandbox to its seed",
        description:
          "Puts your app's sandbox back exactly as it was on your first call: the six test customers, their 18 accounts and their transaction history, with the same ids and balances. Everything you changed (payments, simulated transactions, the advanced clock) is gone; the clock is real time again. Other apps' sandboxes are not touched. Your custom test customers (`POST /v1/sandbox/customers`) are kept, rebuilt from their documents as of the reset, unless the optional body says `{\"keep_custom_customers\": false}` (the bare reset).",
        // It wipes what every other example created: the collection runs it last.
        ...exampleRun({ last: true }),
        body: SandboxResetBody,
        response: { 200: jsonResponse("The sandbox was reset.", SandboxResetResult), ...problemResponses() },
      },
    },
    async (request) => {
      const now = app.now();
      const keepCustomCustomers = request.body?.keep_custom_customers ?? true;
      const summary = await resetTenant({ db: app.db, tenantId: request.tenantId, now, keepCustomCustomers });
      app.ensureTenant.forget(request.tenantId);
      return { ...summary, now: now.toISOString() };
    },
  );

  app.get(
    "/sandbox/clock",
    {
      schema: {
        operationId: "getSandboxClock",
        tags: ["Sandbox"],
        summary: "Get the sandbox's clock",
        description:
          "Returns your sandbox's current time, how far it runs ahead of real time, its rate (`clock_rate`, sandbox days per real day) and whether live activity is on. Balances (`as_of`), payments and simulated transactions all use this clock; move it with `POST /v1/sandbox/clock/advance`, or let it run faster with `PATCH /v1/sandbox/settings`.",
        response: { 200: jsonResponse("The sandbox's clock.", SandboxClock), ...problemResponses() },
      },
    },
    async (request) => {
      const { now, offset_seconds, clock_rate, live_activity } = sandboxSettings(request.tenant!, app.now());
      return { now, offset_seconds, clock_rate, live_activity };
    },
  );

  app.post(
    "/sandbox/clock/advance",
    {
      schema: {
        operationId: "advanceSandboxClock",
        tags: ["Sandbox"],
        summary: "Advance the sandbox's clock",
        description: [
          "Moves your sandbox's clock forward by `days` (1–90), or to `until` (a date, keeping the time of day, or a timestamp; at most 90 days ahead), and runs, in order, what became due:",
          "",
          "0. **Live activity** (when on, see `PATCH /v1/sandbox/settings`): the customers' everyday activity on the time crossed is made, continuing their seeded history: card payments (pending first), salaries on payday, direct debits, standing orders and transfers to savings, each booked line with a `transaction.booked` event. A payment the account cannot afford is not made.",
          "1. **Pending card payments book**: a card payment stays pending while it is at most two days old (made today, yesterday or the day before); once the clock leaves that window it is booked (`status: booked`, `booked_at` one day after it was made) and the booked balance moves.",
          '2. **Interest is paid**: savings accounts on the first of each month (for the month before), fixed-term bonds at maturity (for the whole term), calculated daily on each end-of-day balance at the product\'s gross rate, as an "Interest paid" statement line and an `account.interest_paid` event.',
          "3. **Standard payments settle**: payments whose settlement time has passed complete (the beneficiary is credited), or fail and are returned if they cannot.",
          "4. **Loan and BNPL instalments are collected**, oldest first, from the repayment account: the principal pays down the loan's account, the interest is the bank's income. If the account cannot pay, the instalment is `missed`, the loan `in_arrears` (`loan.instalment_missed`), and it is retried on every later advance; after the last instalment the loan is `paid_off`.",
          "",
          "The clock only moves forward; `POST /v1/sandbox/reset` brings it back to real time. It can run at most ten years ahead (409 `conflict` after that).",
        ].join("\n"),
        body: AdvanceClockBody,
        response: {
          200: jsonResponse("The clock moved.", ClockAdvanceResult),
          ...problemResponses({ 409: "`conflict`: the clock would run more than ten years ahead; reset the sandbox to start again." }),
        },
      },
    },
    async (request) => {
      const result = await advanceClock({
        db: app.db,
        tenant: request.tenant!,
        realNow: app.now(),
        by: request.body as { days: number } | { until: string },
        settlePayments: settleDuePayments,
        collectInstalments: collectDueInstalments,
      });
      app.ensureTenant.forget(request.tenantId);
      return { now: result.now.toISOString(), advanced_by_seconds: result.advancedBySeconds, effects: result.effects };
    },
  );

  app.post(
    "/sandbox/transactions",
    {
      schema: {
        operationId: "simulateIncomingTransaction",
        tags: ["Sandbox"],
        summary: "Simulate an incoming payment",
        description:
          "Pays money into one of your sandbox's accounts from outside the bank, as a Faster Payment booked at once on the sandbox's clock: the booked balance rises and the transaction appears in the account's list. The statement text is the counterparty's name followed by the description. Use it to test how your app reacts to income (a salary, a refund, a card repayment). A frozen account refuses it with 422 `account_frozen`; an amount in another currency is 422 `currency_mismatch`.",
        body: SimulateIncomingBody,
        response: {
          201: jsonResponse("The booked transaction.", Transaction),
          ...problemResponses({
            404: "`resource_not_found`: no such account (`account_id`) in your sandbox.",
            422: "The account cannot take it: `account_frozen` or `currency_mismatch`.",
          }),
        },
      },
    },
    async (request, reply) => {
      const { account_id, amount, counterparty_name, description, category } = request.body;
      const transaction = await simulateIncomingPayment({
        db: app.db,
        tenantId: request.tenantId,
        now: tenantNow(request.tenant!, app.now()),
        payment: { accountId: account_id, amount, counterpartyName: counterparty_name, description, category },
      });
      return reply.code(201).send(transaction);
    },
  );

  app.post(
    "/sandbox/customers/:customer_id/kyc-review",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "completeKycReview",
        tags: ["Sandbox"],
        summary: "Decide a customer's KYC review",
        description:
          "Plays the bank's compliance officer for a customer whose `kyc.status` is `review` (created with the magic family name `Review`, or a possible sanctions match): `approved` clears the review reasons so the customer can open accounts; `rejected` adds a `review_rejected` reason. Either writes a `kyc.decided` event, as a real review would. A customer that is not in review is 409 `kyc_not_in_review`.",
        params: ReviewCustomerParams,
        body: CompleteKycReviewBody,
        response: {
          200: jsonResponse("The customer with the review decided.", Customer),
          ...problemResponses({ 404: NOT_FOUND, 409: "`kyc_not_in_review`: the customer is already `approved` or `rejected`." }),
        },
      },
    },
    async (request) =>
      completeKycReview({
        db: app.db,
        tenantId: request.tenantId,
        customerId: request.params.customer_id,
        now: tenantNow(request.tenant!, app.now()),
        review: request.body,
      }),
  );

  app.post(
    "/sandbox/webhooks/fire",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "fireSandboxEvent",
        tags: ["Sandbox"],
        summary: "Fire a webhook event",
        description:
          'Emits an event of any type in your sandbox, on its clock, through the same outbox as real changes: within seconds it is delivered, signed, to every enabled webhook endpoint of your app that subscribes to its type (see the Webhooks guide), with the same retries. Only your app\'s endpoints receive it. Without `object`, the object of your sandbox\'s latest real event of that type is reused, so your handler sees a realistic payload. `overrides` change single fields of that object (`{"object.amount": "12.50"}`); one that does not apply (a path the object does not have, a value of another JSON type) is refused with 422 `event_override_invalid` and nothing is fired.',
        body: FireEventBody,
        response: {
          201: jsonResponse("The event was recorded and is on its way.", FiredEvent),
          ...problemResponses({
            422: "`event_override_invalid`: an override's path is not in the event's object, or its value has another JSON type; one pointer per refused override (`/body/overrides/object.amount`), and nothing was fired.",
          }),
        },
      },
    },
    async (request, reply) => {
      const { type, object, overrides } = request.body;
      const now = tenantNow(request.tenant!, app.now());
      const event = await fireEvent({ db: app.db, tenantId: request.tenantId, now, type, object, overrides });
      return reply.code(201).send(event);
    },
  );
};

export default sandbox;
