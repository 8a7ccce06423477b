import { z } from "zod";
import { IsoDate, ResourceId, Timestamp } from "./common";

export const SandboxResetResult = z
  .object({
    customers: z.number().int().describe("Test customers restored (one per persona)."),
    accounts: z.number().int().describe("Accounts restored."),
    transactions: z.number().int().describe("Transactions restored."),
    now: Timestamp.describe("The sandbox's clock after the reset: real time again."),
  })
  .meta({
    id: "SandboxResetResult",
    description: "What the reset restored.",
    examples: [{ customers: 6, accounts: 18, transactions: 1647, now: "2026-11-21T10:30:00.000Z" }],
  });

export type SandboxResetResultDto = z.infer<typeof SandboxResetResult>;

export const SandboxClock = z
  .object({
    now: Timestamp.describe("The sandbox's current time: real time plus `offset_seconds`. Balances, payments and new transactions use it."),
    offset_seconds: z.number().int().min(0).describe("How far the sandbox's clock runs ahead of real time, in seconds. 0 after a reset."),
  })
  .meta({ id: "SandboxClock", description: "Your sandbox's clock.", examples: [{ now: "2026-11-28T10:30:00.000Z", offset_seconds: 604800 }] });

export const AdvanceClockBody = z
  .strictObject({
    days: z.number().int().min(1).max(90).optional().describe("Move the clock forward this many days (1–90)."),
    until: z
      .union([IsoDate, Timestamp])
      .optional()
      .describe(
        "Move the clock forward to this date (keeping the time of day) or this RFC 3339 UTC timestamp. Must be later than the sandbox's current time, by at most 90 days.",
      )
      .meta({ examples: ["2026-12-01", "2026-12-01T09:00:00Z"] }),
  })
  .superRefine((body, ctx) => {
    if ((body.days === undefined) === (body.until === undefined)) {
      ctx.addIssue({ code: "custom", path: body.days === undefined ? [] : ["until"], message: "send exactly one of `days` and `until`" });
    }
  })
  .meta({ description: "Either `days` or `until`.", examples: [{ days: 7 }, { until: "2026-12-01" }] });

export const ClockAdvanceResult = z
  .object({
    now: Timestamp.describe("The sandbox's time after the advance."),
    advanced_by_seconds: z.number().int().min(1).describe("How far the clock moved."),
    effects: z
      .object({
        transactions_booked: z.number().int().min(0).describe("Pending card payments that became booked (their `booked_at` set, booked balance moved)."),
        interest_payments: z
          .number()
          .int()
          .min(0)
          .describe("Interest payments made: savings accounts on the first of each month, fixed-term bonds at maturity (`account.interest_paid` events)."),
        payments_settled: z.number().int().min(0).describe("Standard payments whose settlement time passed and that completed."),
        payments_failed: z.number().int().min(0).describe("Standard payments that could not settle (e.g. the beneficiary account was frozen) and were returned."),
        loan_instalments_paid: z.number().int().min(0).describe("Loan and buy-now-pay-later instalments collected (due ones, and missed ones retried)."),
        loan_instalments_missed: z.number().int().min(0).describe("Instalments the repayment account could not pay: `missed`, the loan `in_arrears`; retried on the next advance."),
      })
      .describe("What became due and happened, in this order."),
  })
  .meta({
    id: "ClockAdvanceResult",
    description: "The sandbox's new time and what happened on the way.",
    examples: [{ now: "2026-11-28T10:30:00.000Z", advanced_by_seconds: 604800, effects: { transactions_booked: 9, interest_payments: 6, payments_settled: 2, payments_failed: 0, loan_instalments_paid: 1, loan_instalments_missed: 0 } }],
  });

export const SimulateIncomingBody = z
  .strictObject({
    account_id: ResourceId.describe("The account to credit: any current, savings or credit card account of your sandbox."),
    amount: z
      .strictObject({
        amount: z.string().max(20).describe("Positive decimal in the account's currency, at most 1000000.00, e.g. `250.00`."),
        currency: z.string().regex(/^[A-Z]{3}$/).describe("Must be the account's currency."),
      })
      .describe("How much arrives."),
    counterparty_name: z.string().trim().min(1).max(70).describe("Who sends the money; starts the statement text.").meta({ examples: ["ACME ANALYTICS LTD"] }),
    description: z.string().trim().min(1).max(70).optional().describe("The payer's reference, after the name on the statement.").meta({ examples: ["SALARY"] }),
    category: z
      .string()
      .regex(/^[a-z][a-z_]{1,39}$/, "must be snake_case, e.g. salary")
      .optional()
      .describe("Spending category of the transaction, e.g. `salary`; default `incoming_payment`."),
  })
  .meta({
    description: "A simulated payment into one of your sandbox's accounts.",
    examples: [{ account_id: "acc_3mJ0wqG5XnS1xQbH0pR7tZ", amount: { amount: "250.00", currency: "GBP" }, counterparty_name: "ACME ANALYTICS LTD", description: "SALARY", category: "salary" }],
  });
