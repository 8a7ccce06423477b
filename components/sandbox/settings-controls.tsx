"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** The live-activity switch and the clock's rate: `PATCH /v1/sandbox/settings`. */
export function SettingsControls({ appId, liveActivity, clockRate }: { appId: string; liveActivity: boolean; clockRate: number }) {
  const router = useRouter();
  const live = useApiAction();
  const rate = useApiAction();
  const [value, setValue] = useState(String(clockRate));

  async function toggle() {
    const done = await live.run(() =>
      portalApi.PATCH("/api/apps/{appId}/sandbox/settings", { params: { path: { appId } }, body: { live_activity: !liveActivity } }),
    );
    if (done) router.refresh();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await rate.run(() =>
      portalApi.PATCH("/api/apps/{appId}/sandbox/settings", { params: { path: { appId } }, body: { clock_rate: Number(value) } }),
    );
    if (done) router.refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-start gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={liveActivity}
          aria-labelledby="live-activity-label"
          aria-describedby="live-activity-hint"
          disabled={live.pending}
          onClick={toggle}
          className={cn(
            "relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full border transition-colors disabled:opacity-60",
            liveActivity ? "border-primary bg-primary" : "border-border-strong bg-surface-muted",
          )}
        >
          <span
            className={cn(
              "inline-block size-4 rounded-full bg-white shadow transition-transform",
              liveActivity ? "translate-x-6" : "translate-x-1",
            )}
          />
        </button>
        <div>
          <p id="live-activity-label" className="text-sm font-medium text-fg">
            Live activity {live.pending ? "(saving…)" : liveActivity ? "on" : "off"}
          </p>
          <p id="live-activity-hint" className="text-sm text-fg-muted">
            Each sandbox day that passes books card spending, salaries and direct debits, with their webhooks.
          </p>
        </div>
      </div>
      {live.error && <Alert tone="error">{live.error}</Alert>}
      <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-2">
        <FormField
          id="clock-rate"
          label="Clock rate"
          hint="Sandbox days per real day: 1 is real time, 1440 a day a minute."
          error={rate.fields.clock_rate}
          className="w-56"
        >
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </FormField>
        <Button type="submit" variant="secondary" size="sm" className="mt-7" loading={rate.pending}>
          Set rate
        </Button>
      </form>
      {rate.error && <Alert tone="error">{rate.error}</Alert>}
    </div>
  );
}
