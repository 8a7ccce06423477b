import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams } from "@/lib/portal-api/schemas";
import { onboardingProgressDto } from "./onboarding-dto";

export const getOnboardingProgressOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/onboarding",
  operationId: "getOnboardingProgress",
  tag: "Onboarding",
  summary: "Get the app's onboarding checklist",
  description:
    "Each step is ticked from the app's real sandbox traffic (request logs, webhook attempts, the bank's consents): nothing is self-declared.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The checklist and its progress.", schema: onboardingProgressDto },
});

export const onboardingOperations = [getOnboardingProgressOperation];
