import { getOnboardingProgress } from "@/lib/onboarding/get-onboarding-progress";
import { getOnboardingProgressOperation } from "@/lib/onboarding/onboarding-operations";
import { handle } from "@/lib/portal-api/handle-operation";

/** The app's onboarding checklist, ticked from its real sandbox traffic. */
export const GET = handle(getOnboardingProgressOperation, ({ app }) => getOnboardingProgress({ appId: app.appId }));
