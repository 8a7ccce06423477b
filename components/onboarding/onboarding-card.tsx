import { Suspense } from "react";
import { getOnboardingProgress } from "@/lib/onboarding/get-onboarding-progress";
import { OnboardingChecklist } from "./onboarding-checklist";

async function LoadedChecklist({ appId }: { appId: string }) {
  const progress = await getOnboardingProgress({ appId }).catch(() => null);
  // The checklist is guidance: if it cannot be computed, the rest of the page still renders.
  return progress ? <OnboardingChecklist appId={appId} initial={progress} /> : null;
}

/** The app page's onboarding checklist, streamed in so it never holds up the page. */
export function OnboardingCard({ appId }: { appId: string }) {
  return (
    <Suspense fallback={<div className="h-32 animate-pulse rounded-card border border-border bg-surface shadow-card" aria-hidden="true" />}>
      <LoadedChecklist appId={appId} />
    </Suspense>
  );
}
