import { z } from "zod";

export const suspendInput = z.object({
  reason: z.string().trim().min(5, "Say why the app is suspended (the team sees this)").max(500),
});

export const goLiveDecisionInput = z.object({
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(1_000).default(""),
});
