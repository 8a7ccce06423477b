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
  offset_seconds: z
    .number()
    .int()
    .describe("How far the sandbox's clock runs ahead of real time, in seconds (negative after restoring an older snapshot)."),
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

const snapshotCounts = z.object({
  customers: count,
  accounts: count,
  transactions: count,
  payments: count,
  consents: count,
  events: count,
  rows: count,
});

export const snapshotDto = z.object({
  id: resourceId.describe("`snap_…`"),
  name: text(64),
  size_bytes: count.describe("Size of the snapshot's export file (JSON)."),
  sandbox_time: timestamp.describe("The sandbox's clock when it was taken: a restore sets the clock back to it."),
  created_at: timestamp,
  counts: snapshotCounts.describe("How much it holds."),
});

export const snapshotListDto = z.object({ data: z.array(snapshotDto).max(100) });

export const createSnapshotInput = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "Use 1–64 letters, digits, - or _, starting with a letter or digit")
    .refine((name) => !name.startsWith("snap_"), "Must not start with snap_ (snapshot ids do)")
    .describe("Unique in the app, e.g. `ci-baseline`: restore, download or delete it by this name."),
});

export const snapshotParams = z.object({
  snapshot: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "Must be a snapshot's id (snap_…) or its name")
    .describe("The snapshot's id (`snap_…`) or its name."),
});

export const restoreResultDto = z.object({
  counts: snapshotCounts,
  now: timestamp.describe("The sandbox's clock after the restore: the time the state was taken at."),
  offset_seconds: z.number().int().describe("How far the clock now runs from real time (negative when behind it)."),
  ids_remapped: z.boolean().describe("True when the file came from another app's sandbox: its ids were replaced."),
  events_marked_delivered: count,
});

export const sandboxExportDto = z
  .looseObject({ format: z.literal("openbank.sandbox-export"), version: z.number().int() })
  .describe("The sandbox's whole state as a file (`SandboxExport` in the sandbox reference).");

export const sandboxSettingsDto = z.object({
  live_activity: z.boolean().describe("Whether every sandbox day that passes books the customers' everyday activity, with its webhooks."),
  clock_rate: z.number().int().min(1).max(1440).describe("Sandbox days per real day (1 = real time, 1440 = a day a minute)."),
});

export const updateSandboxSettingsInput = z
  .strictObject({
    live_activity: z.boolean().optional().describe("Turn live activity on or off."),
    clock_rate: z.number().int().min(1).max(1440).optional().describe("Sandbox days per real day, 1–1440."),
  })
  .refine((body) => body.live_activity !== undefined || body.clock_rate !== undefined, "Send live_activity, clock_rate or both");

export type Snapshot = z.output<typeof snapshotDto>;
export type RestoreResult = z.output<typeof restoreResultDto>;
export type SandboxSettings = z.output<typeof sandboxSettingsDto>;

/** `trigger`: an event to fire, as the bank's `POST /v1/sandbox/webhooks/fire` takes it (the bank checks type and overrides). */
export const fireEventInput = z.strictObject({
  type: text(100).describe("The event type (`payment.completed`…; `GET /api/webhooks/event-types` lists them)."),
  object: z
    .record(text(100), z.unknown())
    .optional()
    .describe("The event's `data.object`; left out, the object of the sandbox's latest real event of this type is reused."),
  overrides: z
    .record(text(200), z.unknown())
    .optional()
    .describe(
      "Path → value changes to that object (`object.amount`, `object.lines[0].amount`). A path the object lacks, or a value of another JSON type, is refused: 422 `event_override_invalid`, one pointer per path, nothing fired.",
    ),
});

export const firedEventDto = z.object({
  id: resourceId.describe("The event id (`evt_…`): the `webhook-id` of its deliveries."),
  type: text(100),
  created_at: timestamp.describe("On the sandbox's clock."),
  object: z.unknown().describe("The event's `data.object`, overrides applied."),
  replayed_from: resourceId.nullable().describe("The real event whose object was reused, if any."),
});
