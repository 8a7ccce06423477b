import { z } from "zod";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";

/** Money as the bank sends it: a decimal string and its currency. */
const money = z.object({ amount: text(40).describe("Decimal, e.g. `1250.00` (negative when owed)."), currency: text(3) });

export const sandboxAccountDto = z.object({
  id: resourceId.describe("The account's id (`acc_…`)."),
  type: text(40).describe("`current`, `savings`, `credit_card`…"),
  name: text(100),
  currency: text(3),
  booked_balance: money.describe("The booked balance on the sandbox's clock."),
  available_balance: money.nullable().describe("What can be spent now, when the bank says."),
});

export const sandboxCustomerDto = z.object({
  id: resourceId.describe("The customer's id (`cus_…`)."),
  source: z.enum(["persona", "custom"]).describe("A seeded persona, or a custom customer you defined."),
  handle: text(40).describe("The persona's key (`good_credit`) or the custom customer's handle."),
  username: text(60).describe("What the customer logs in with on the bank's pages (`user_<handle>`)."),
  given_name: text(100),
  family_name: text(100),
  kyc_status: text(20).describe("`approved`, `review` or `rejected`."),
  authentication_scenario: text(40).describe("What happens when the customer logs in on the bank's pages (`approve` by default)."),
  accounts: z.array(sandboxAccountDto).max(100),
});

export const sandboxCustomerListDto = z.object({ data: z.array(sandboxCustomerDto).max(200) });

export const sandboxClockDto = z.object({
  now: timestamp.describe("The sandbox's current time."),
  offset_seconds: count.describe("How far the sandbox's clock runs ahead of real time."),
  clock_rate: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .nullable()
    .describe("Sandbox days per real day (1 = real time); null when the bank has no rate."),
  live_activity: z.boolean().nullable().describe("Whether the bank books activity by itself; null when the bank has no such setting."),
});

export const advanceClockInput = z.strictObject({
  days: z.number().int().min(1).max(90).describe("Move the sandbox's clock forward this many days (1–90)."),
});

export const clockAdvanceDto = z.object({
  now: timestamp.describe("The sandbox's time after the advance."),
  advanced_by_seconds: count,
  effects: z
    .record(text(40), count)
    .describe("What became due and happened on the way, by kind (`transactions_booked`, `interest_payments`…)."),
});

export const resetSandboxInput = z.strictObject({
  keep_custom_customers: z
    .boolean()
    .default(true)
    .describe("Keep your custom customers (rebuilt as defined); `false` is the bare reset to the six personas."),
});

export const sandboxResetDto = z.object({
  customers: count.describe("Test customers restored."),
  accounts: count.describe("Accounts restored."),
  transactions: count.describe("Transactions restored."),
  custom_customers: count.nullable().describe("Custom customers kept; null when the bank has none to keep."),
  now: timestamp.describe("The sandbox's clock after the reset: real time again."),
});

export type SandboxCustomer = z.output<typeof sandboxCustomerDto>;
export type SandboxAccount = z.output<typeof sandboxAccountDto>;
export type SandboxClock = z.output<typeof sandboxClockDto>;
export type ClockAdvance = z.output<typeof clockAdvanceDto>;
export type SandboxReset = z.output<typeof sandboxResetDto>;
