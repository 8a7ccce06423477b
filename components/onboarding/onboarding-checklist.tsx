"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { IconArrowRight, IconCheck } from "@/components/ui/icons";
import { formatExact, formatRelative } from "@/components/dashboard/format-time";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi } from "@/lib/portal-api/use-api-action";
import type { OnboardingProgressDto, OnboardingStepDto } from "@/lib/onboarding/step-rules";
import { OnboardingProgressBar } from "./onboarding-progress-bar";

/**
 * The app's onboarding checklist. Starts from the server's render and asks again whenever the
 * developer comes back to the tab (they were probably in their terminal making calls).
 */
export function OnboardingChecklist({ appId, initial }: { appId: string; initial: OnboardingProgressDto }) {
  const [progress, setProgress] = useState(initial);
  const [error, setError] = useState<string>();
  const inFlight = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const outcome = await callApi(() => portalApi.GET("/api/apps/{appId}/onboarding", { params: { path: { appId } }, cache: "no-store" }));
    inFlight.current = false;
    if (!outcome.ok) return setError(`Could not refresh the checklist: ${outcome.message}`);
    setError(undefined);
    setProgress(outcome.data);
  }, [appId]);

  useEffect(() => {
    const onReturn = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", onReturn);
    window.addEventListener("focus", onReturn);
    return () => {
      document.removeEventListener("visibilitychange", onReturn);
      window.removeEventListener("focus", onReturn);
    };
  }, [refresh]);

  const done = progress.completed === progress.total;
  const now = new Date(progress.computed_at).getTime();
  const nextStep = progress.steps.find((step) => !step.done && !step.optional);

  return (
    <Card aria-labelledby="onboarding-title" role="region" data-testid="onboarding-card">
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle id="onboarding-title">{done ? "Onboarding complete" : "Get to a working integration"}</CardTitle>
          {done && (
            <Badge tone="success" dot>
              All steps done
            </Badge>
          )}
        </div>
        <CardDescription>
          {done
            ? "Every step has been seen in this app's sandbox traffic."
            : "Steps tick themselves from this app's real sandbox traffic; nothing to mark by hand."}
        </CardDescription>
        <OnboardingProgressBar completed={progress.completed} total={progress.total} className="mt-3" />
      </CardHeader>
      <CardBody className="pt-4">
        {error && (
          <p role="alert" className="mb-3 text-sm text-danger">
            {error}
          </p>
        )}
        <details open={!done} className="group">
          <summary className="cursor-pointer rounded text-sm font-medium text-fg-muted hover:text-fg">
            {done ? "Show the steps" : nextStep ? <>Next: {nextStep.title}</> : "Optional steps left"}
          </summary>
          <ol className="mt-3 grid gap-x-8 lg:grid-cols-2" aria-label="Onboarding steps">
            {progress.steps.map((step) => (
              <StepItem key={step.id} step={step} now={now} />
            ))}
          </ol>
        </details>
      </CardBody>
    </Card>
  );
}

function StepItem({ step, now }: { step: OnboardingStepDto; now: number }) {
  return (
    <li className="flex gap-3 border-t border-border py-3" data-testid={`onboarding-step-${step.id}`} data-done={step.done}>
      <span
        aria-hidden="true"
        className={
          step.done
            ? "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-success text-white"
            : "mt-0.5 size-5 shrink-0 rounded-full border-2 border-border-strong"
        }
      >
        {step.done && <IconCheck size={12} />}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 text-sm font-medium text-fg">
          <span className={step.done ? "text-fg-muted" : undefined}>{step.title}</span>
          <span className="sr-only">{step.done ? "(done)" : "(not done yet)"}</span>
          {step.optional && <Badge>optional</Badge>}
        </p>
        {step.done && step.completed_at ? (
          <p className="mt-0.5 text-xs text-fg-muted">
            Done{" "}
            <time dateTime={step.completed_at} title={formatExact(step.completed_at)}>
              {formatRelative(step.completed_at, now)}
            </time>
          </p>
        ) : (
          <p className="mt-0.5 text-sm text-fg-muted">
            {step.next}{" "}
            <Link
              href={step.docs.href}
              className="inline-flex items-center gap-1 font-medium whitespace-nowrap text-primary hover:underline"
            >
              {step.docs.label}
              <IconArrowRight size={12} aria-hidden="true" />
            </Link>
          </p>
        )}
      </div>
    </li>
  );
}
