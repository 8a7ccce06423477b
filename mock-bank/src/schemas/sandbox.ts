import { z } from "zod";
import { Timestamp } from "./common";

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
