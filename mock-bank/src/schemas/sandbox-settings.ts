import { z } from "zod";
import { MAX_CLOCK_RATE, MIN_CLOCK_RATE } from "../domain/sandbox/sandbox-settings";
import { MAX_OFFSET_SECONDS } from "../domain/tenants/tenant-now";
import { Timestamp } from "./common";

export const ClockRate = z
  .number()
  .int()
  .min(MIN_CLOCK_RATE)
  .max(MAX_CLOCK_RATE)
  .describe(
    "How fast the sandbox's clock runs: sandbox days per real day, 1–1440. 1 is real time; 1440 is one sandbox day per real minute.",
  );

export const LiveActivity = z
  .boolean()
  .describe(
    "Whether the sandbox moves by itself: while on, every sandbox day that passes (in real time at `clock_rate`, or by `POST /v1/sandbox/clock/advance`) books the test customers' everyday activity (card spending, salary, direct debits, standing orders), each with its `transaction.booked` webhook event.",
  );

export const SandboxSettings = z
  .object({
    live_activity: LiveActivity,
    clock_rate: ClockRate,
    now: Timestamp.describe("The sandbox's current time."),
    offset_seconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_OFFSET_SECONDS)
      .describe("How far the sandbox's clock runs ahead of real time, in seconds."),
  })
  .meta({
    id: "SandboxSettings",
    description: "Your sandbox's settings: live activity and the clock's rate. They survive `POST /v1/sandbox/reset`.",
    examples: [{ live_activity: true, clock_rate: 24, now: "2026-11-28T10:30:00.000Z", offset_seconds: 604800 }],
  });

export const UpdateSandboxSettingsBody = z
  .strictObject({ live_activity: LiveActivity.optional(), clock_rate: ClockRate.optional() })
  .superRefine((body, ctx) => {
    if (body.live_activity === undefined && body.clock_rate === undefined)
      ctx.addIssue({ code: "custom", path: [], message: "send `live_activity`, `clock_rate` or both" });
  })
  .meta({ description: "The settings to change; the others stay as they are.", examples: [{ live_activity: true, clock_rate: 24 }] });
