import type { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { SandboxSettings, updateSandboxSettingsInput } from "./sandbox-dto";

/** Changes live activity or the clock's rate (they survive reset). */
export async function updateSandboxSettings(options: {
  appId: string;
  input: z.output<typeof updateSandboxSettingsInput>;
}): Promise<SandboxSettings> {
  const settings = await callBank<SandboxSettings>({
    appId: options.appId,
    method: "PATCH",
    path: "/v1/sandbox/settings",
    body: options.input,
  });
  return { live_activity: settings.live_activity, clock_rate: settings.clock_rate };
}
