import { z } from "zod";
import { count, resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { ONBOARDING_STEP_IDS } from "./onboarding-steps";

/** One step of the checklist, ticked from the app's real sandbox traffic. */
export const onboardingStepDto = z.object({
  id: z.enum(ONBOARDING_STEP_IDS),
  title: text(200),
  optional: z.boolean().describe("Shown, but not counted in the progress."),
  done: z.boolean(),
  completed_at: timestamp.nullable().describe("When the app's traffic first met it."),
  next: text(500).describe("What to do next, while the step is not done."),
  docs: z.object({ href: text(200), label: text(100) }),
});

/** The app's onboarding checklist. */
export const onboardingProgressDto = z.object({
  app_id: resourceId,
  completed: count.describe("Required steps met."),
  total: count.describe("Required steps; optional steps are listed but not counted."),
  percent: z.number().int().min(0).max(100),
  steps: z.array(onboardingStepDto).max(50),
  computed_at: timestamp,
});
