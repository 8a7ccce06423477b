import { z } from "zod";
import { MAX_ADVANCE_DAYS } from "../domain/sandbox/advance-clock";
import { MAX_OFFSET_SECONDS } from "../domain/tenants/tenant-now";
import { ClockRate, LiveActivity } from "./sandbox-settings";
import { exampleIds } from "./example-run";
import { Count, CurrencyCode, DecimalAmount, InputText, IsoDate, NAME_MAX, ResourceId, Timestamp } from "./common";

export const SandboxResetResult = z
  .object({
    customers: Count.describe("Test customers restored: the personas and the custom customers kept."),
    accounts: Count.describe("Accounts restored."),
    transactions: Count.describe("Transactions restored."),
    custom_customers: Count.describe("Custom customers kept, rebuilt from their documents (0 after a bare reset)."),
    now: Timestamp.describe("The sandbox's clock after the reset: real time again."),
  })
  .meta({
    id: "SandboxResetResult",
    description: "What the reset restored.",
    examples: [{ customers: 7, accounts: 20, transactions: 1712, custom_customers: 1, now: "2026-11-21T10:30:00.000Z" }],
  });

export type SandboxResetResultDto = z.infer<typeof SandboxResetResult>;

/**
 * The clock runs at most ten years ahead, and one advance moves it at most 90 days (advance-clock.ts).
 * It runs behind real time after a snapshot is restored (it reads the snapshot's time again).
 */
const OffsetSeconds = z.number().int().max(MAX_OFFSET_SECONDS);
const MAX_ADVANCE_SECONDS = MAX_ADVANCE_DAYS * 86_400;

export const SandboxClock = z
  .object({
    now: Timestamp.describe("The sandbox's current time: real time plus `offset_seconds`. Balances, payments and new transactions use it."),
    offset_seconds: OffsetSeconds.describe(
      "How far the sandbox's clock runs ahead of real time, in seconds: 0 after a reset, growing by itself when `clock_rate` is above 1, negative after restoring a snapshot taken earlier (the clock reads the snapshot's time again).",
    ),
    clock_rate: ClockRate,
    live_activity: LiveActivity,
  })
  .meta({
    id: "SandboxClock",
    description: "Your sandbox's clock. Change its rate and live activity with `PATCH /v1/sandbox/settings`.",
    examples: [{ now: "2026-11-28T10:30:00.000Z", offset_seconds: 604800, clock_rate: 1, live_activity: false }],
  });

export const AdvanceClockBody = z
  .strictObject({
    days: z.number().int().min(1).max(MAX_ADVANCE_DAYS).optional().describe("Move the clock forward this many days (1–90)."),
    until: z
      .union([IsoDate, Timestamp])
      .optional()
      .describe(
        "Move the clock forward to this date (keeping the time of day, e.g. `2027-03-01`) or this RFC 3339 UTC timestamp (e.g. `2027-03-01T09:00:00Z`). Must be later than the sandbox's current time, by at most 90 days.",
      ),
  })
  .superRefine((body, ctx) => {
    if ((body.days === undefined) === (body.until === undefined)) {
      ctx.addIssue({ code: "custom", path: body.days === undefined ? [] : ["until"], message: "send exactly one of `days` and `until`" });
    }
  })
  .meta({ description: "Either `days` or `until`.", examples: [{ days: 7 }] });

export const ClockAdvanceResult = z
  .object({
    now: Timestamp.describe("The sandbox's time after the advance."),
    advanced_by_seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS).describe("How far the clock moved."),
    effects: z
      .object({
        activity_booked: Count.describe(
          "With live activity on: the customers' everyday transactions made on the days crossed (card payments, pending first; salaries, direct debits, standing orders, booked).",
        ),
        transactions_booked: Count.describe("Pending card payments that became booked (their `booked_at` set, booked balance moved)."),
        interest_payments: Count.describe(
          "Interest payments made: savings accounts on the first of each month, fixed-term bonds at maturity (`account.interest_paid` events).",
        ),
        payments_settled: Count.describe("Standard payments whose settlement time passed and that completed."),
        payments_failed: Count.describe(
          "Standard payments that could not settle (e.g. the beneficiary account was frozen) and were returned.",
        ),
        loan_instalments_paid: Count.describe("Loan and buy-now-pay-later instalments collected (due ones, and missed ones retried)."),
        loan_instalments_missed: Count.describe(
          "Instalments the repayment account could not pay: `missed`, the loan `in_arrears`; retried on the next advance.",
        ),
      })
      .describe("What became due and happened, in this order."),
  })
  .meta({
    id: "ClockAdvanceResult",
    description: "The sandbox's new time and what happened on the way.",
    examples: [
      {
        now: "2026-11-28T10:30:00.000Z",
        advanced_by_seconds: 604800,
        effects: {
          activity_booked: 0,
          transactions_booked: 9,
          interest_payments: 6,
          payments_settled: 2,
          payments_failed: 0,
          loan_instalments_paid: 1,
          loan_instalments_missed: 0,
        },
      },
    ],
  });

export const SimulateIncomingBody = z
  .strictObject({
    account_id: ResourceId.describe("The account to credit: any current, savings or credit card account of your sandbox."),
    amount: z
      .strictObject({
        amount: DecimalAmount.describe("Positive decimal in the account's currency, at most 1000000.00, e.g. `250.00`."),
        currency: CurrencyCode.describe("Must be the account's currency."),
      })
      .describe("How much arrives."),
    counterparty_name: InputText(1, NAME_MAX)
      .describe("Who sends the money; starts the statement text.")
      .meta({ examples: ["ACME ANALYTICS LTD"] }),
    description: InputText(1, 70)
      .optional()
      .describe("The payer's reference, after the name on the statement.")
      .meta({ examples: ["SALARY"] }),
    category: z
      .string()
      .regex(/^[a-z][a-z_]{1,39}$/, "must be snake_case, e.g. salary")
      .optional()
      .describe("Spending category of the transaction, e.g. `salary`; default `incoming_payment`."),
  })
  .meta({
    description: "A simulated payment into one of your sandbox's accounts.",
    examples: [
      {
        account_id: exampleIds.accountId,
        amount: { amount: "250.00", currency: "GBP" },
        counterparty_name: "ACME ANALYTICS LTD",
        description: "SALARY",
        category: "salary",
      },
    ],
  });
