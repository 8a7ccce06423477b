import { callBank } from "@/lib/bank/call-bank";
import type { SandboxClock } from "./sandbox-dto";

/** The sandbox's clock, with its rate and the live-activity setting where the bank has them. */
export async function getSandboxClock(options: { appId: string }): Promise<SandboxClock> {
  const clock = await callBank<{ now: string; offset_seconds: number; clock_rate?: number; live_activity?: boolean }>({
    appId: options.appId,
    method: "GET",
    path: "/v1/sandbox/clock",
  });
  return {
    now: clock.now,
    offset_seconds: clock.offset_seconds,
    clock_rate: clock.clock_rate ?? null,
    live_activity: clock.live_activity ?? null,
  };
}
