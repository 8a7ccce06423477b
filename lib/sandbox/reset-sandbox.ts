import type { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { resetSandboxInput, SandboxReset } from "./sandbox-dto";

/** Resets the app's sandbox to its seed (plus its custom customers unless asked for a bare reset). */
export async function resetSandbox(options: { appId: string; input: z.output<typeof resetSandboxInput> }): Promise<SandboxReset> {
  const result = await callBank<Omit<SandboxReset, "custom_customers"> & { custom_customers?: number }>({
    appId: options.appId,
    method: "POST",
    path: "/v1/sandbox/reset",
    body: options.input,
  });
  return {
    customers: result.customers,
    accounts: result.accounts,
    transactions: result.transactions,
    custom_customers: result.custom_customers ?? null,
    now: result.now,
  };
}
