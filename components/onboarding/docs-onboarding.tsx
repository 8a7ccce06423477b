"use client";

import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { Select } from "@/components/ui/select";
import { pickApp, type AppChoice } from "@/lib/onboarding/pick-app";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi } from "@/lib/portal-api/use-api-action";
import type { OnboardingProgressDto } from "@/lib/onboarding/step-rules";
import { OnboardingProgressBar } from "./onboarding-progress-bar";

const STORAGE_KEY = "docs-onboarding-app";

export type DocsOnboardingState =
  | { status: "signed-out" }
  | { status: "loading" }
  | { status: "no-apps" }
  | { status: "unavailable" }
  | { status: "ready"; apps: AppChoice[]; app: AppChoice; progress: OnboardingProgressDto | null };

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The signed-in reader's onboarding, fetched in the browser (the docs pages stay the same for
 * everyone, and crawlers never wait on it) from GET /api/apps and GET /api/apps/{id}/onboarding.
 * Asks again when the reader returns to the tab, as the app page's checklist does: they were
 * probably in their terminal running a sample.
 */
export function useDocsOnboarding(signedIn: boolean) {
  const [state, setState] = useState<DocsOnboardingState>(signedIn ? { status: "loading" } : { status: "signed-out" });

  const load = useCallback(
    async (chosenId?: string) => {
      if (!signedIn) return;
      const list = await callApi(() => portalApi.GET("/api/apps", { cache: "no-store" }));
      if (!list.ok) return setState({ status: "unavailable" });
      const app = pickApp(list.data.data, chosenId ?? readStored());
      if (!app) return setState({ status: "no-apps" });
      const progress = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/onboarding", { params: { path: { appId: app.id } }, cache: "no-store" }),
      );
      setState({ status: "ready", apps: list.data.data, app, progress: progress.ok ? progress.data : null });
    },
    [signedIn],
  );

  useEffect(() => {
    if (!signedIn) return;
    // Fetching on mount is the point: the progress lives in the database, not in the page.
    const first = setTimeout(() => void load(), 0);
    const onReturn = () => {
      if (document.visibilityState === "visible") void load();
    };
    document.addEventListener("visibilitychange", onReturn);
    window.addEventListener("focus", onReturn);
    return () => {
      clearTimeout(first);
      document.removeEventListener("visibilitychange", onReturn);
      window.removeEventListener("focus", onReturn);
    };
  }, [signedIn, load]);

  const choose = useCallback(
    (appId: string) => {
      try {
        localStorage.setItem(STORAGE_KEY, appId);
      } catch {}
      void load(appId);
    },
    [load],
  );

  return { state, choose };
}

const panel = "rounded-card border border-border bg-surface p-3 text-sm";

/** The guide sidebar's onboarding box: progress of the reader's app and its next step, or a sign-up prompt. */
export function DocsOnboardingPanel({ state, choose }: ReturnType<typeof useDocsOnboarding>) {
  const selectId = useId();
  if (state.status === "signed-out") {
    return (
      <section aria-labelledby={`${selectId}-title`} className={panel} data-testid="docs-onboarding">
        <h2 id={`${selectId}-title`} className="font-medium text-fg">
          Track your progress
        </h2>
        <p className="mt-1 text-xs text-fg-muted">
          Sign up for a sandbox key: these guides then tick off each step as your own calls succeed.
        </p>
        <p className="mt-2 flex gap-3 text-xs font-medium">
          <Link href="/signup" className="text-primary hover:underline">
            Create an account
          </Link>
          <Link href="/signin" className="text-fg-muted hover:text-fg hover:underline">
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  if (state.status === "loading") {
    // Same height as the loaded box, so nothing below it moves when it arrives.
    return <div aria-hidden="true" className={`${panel} h-[104px] animate-pulse bg-surface-muted`} />;
  }
  if (state.status === "unavailable") return null;
  if (state.status === "no-apps") {
    return (
      <section aria-labelledby={`${selectId}-title`} className={panel} data-testid="docs-onboarding">
        <h2 id={`${selectId}-title`} className="font-medium text-fg">
          Your onboarding
        </h2>
        <p className="mt-1 text-xs text-fg-muted">Register an app to get a sandbox key and a checklist that follows your calls.</p>
        <Link href="/dashboard/apps/new" className="mt-2 inline-block text-xs font-medium text-primary hover:underline">
          Create an app
        </Link>
      </section>
    );
  }
  const { apps, app, progress } = state;
  const next = progress?.steps.find((step) => !step.done && !step.optional);
  return (
    <section aria-labelledby={`${selectId}-title`} className={panel} data-testid="docs-onboarding">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={`${selectId}-title`} className="font-medium text-fg">
          Your onboarding
        </h2>
        {apps.length === 1 && <span className="truncate text-xs text-fg-muted">{app.name}</span>}
      </div>
      {apps.length > 1 && (
        <div className="mt-2">
          <label htmlFor={selectId} className="sr-only">
            App
          </label>
          <Select id={selectId} value={app.id} onChange={(event) => choose(event.target.value)} className="h-8 text-xs">
            {apps.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
        </div>
      )}
      {progress ? (
        <>
          <OnboardingProgressBar
            completed={progress.completed}
            total={progress.total}
            label={`Onboarding progress of ${app.name}`}
            className="mt-3"
          />
          <p className="mt-2 truncate text-xs text-fg-muted" data-testid="docs-onboarding-next">
            {next ? <>Next: {next.title}</> : "Every step done."}
          </p>
        </>
      ) : (
        <p className="mt-2 text-xs text-fg-muted">The checklist could not be loaded.</p>
      )}
      <Link
        href={`/dashboard/apps/${app.id}#onboarding-title`}
        className="mt-2 inline-block text-xs font-medium text-primary hover:underline"
      >
        Open the checklist
      </Link>
    </section>
  );
}
