import type { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { advanceClockInput, ClockAdvance } from "./sandbox-dto";

/** Moves the sandbox's clock forward; the bank runs what became due (bookings, interest, settlements, instalments). */
export async function advanceSandboxClock(options: { appId: string; input: z.output<typeof advanceClockInput> }): Promise<ClockAdvance> {
  const result = await callBank<ClockAdvance>({
    appId: options.appId,
    method: "POST",
    path: "/v1/sandbox/clock/advance",
    body: options.input,
  });
  return { now: result.now, advanced_by_seconds: result.advanced_by_seconds, effects: result.effects };
}
