"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatExact } from "@/components/dashboard/format-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { ClockAdvance, SandboxClock } from "@/lib/sandbox/sandbox-dto";
import { sandboxCurl } from "@/lib/sandbox/sandbox-curl";
import { FromCode } from "./from-code";
import { SettingsControls } from "./settings-controls";

const PRESETS = [1, 7, 30] as const;

/** `transactions_booked: 3` → "3 transactions booked"; nothing that did not happen. */
function describeEffects(effects: Record<string, number>): string {
  const happened = Object.entries(effects).filter(([, value]) => value > 0);
  if (happened.length === 0) return "Nothing became due on the way.";
  return `${happened.map(([name, value]) => `${value} ${name.replaceAll("_", " ")}`).join(", ")}.`;
}

function days(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  const value = Math.round((seconds / 86_400) * 10) / 10;
  return `${value} day${value === 1 ? "" : "s"}`;
}

/** The sandbox's time, advance buttons (1, 7, 30 days or a number), and the rate the clock runs at. */
export function ClockPanel({ appId, clock, origin, canAct }: { appId: string; clock: SandboxClock; origin: string; canAct: boolean }) {
  const router = useRouter();
  const { run, pending, error, fields } = useApiAction();
  const [custom, setCustom] = useState("14");
  const [running, setRunning] = useState<number>();
  const [result, setResult] = useState<ClockAdvance>();

  async function advance(by: number) {
    setRunning(by);
    setResult(undefined);
    const done = await run(() =>
      portalApi.POST("/api/apps/{appId}/sandbox/clock/advance", { params: { path: { appId } }, body: { days: by } }),
    );
    setRunning(undefined);
    if (!done) return;
    setResult(done.data);
    router.refresh();
  }

  function submitCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void advance(Number(custom));
  }

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-4">
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-fg-muted">Sandbox time</dt>
            <dd className="font-medium text-fg" data-testid="sandbox-now">
              <time dateTime={clock.now}>{formatExact(clock.now)}</time>
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-fg-muted">Ahead of real time</dt>
            <dd className="font-medium text-fg" data-testid="sandbox-offset">
              {clock.offset_seconds === 0
                ? "Not at all (real time)"
                : clock.offset_seconds < 0
                  ? `Behind by ${days(-clock.offset_seconds)} (a restored snapshot)`
                  : days(clock.offset_seconds)}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-fg-muted">Clock rate</dt>
            <dd className="text-fg">
              {clock.clock_rate === null
                ? "Not available on this sandbox bank yet"
                : clock.clock_rate === 1
                  ? "Real time (1 sandbox day per day)"
                  : `${clock.clock_rate} sandbox days per day`}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="text-fg-muted">Live activity</dt>
            <dd className="text-fg">
              {clock.live_activity === null ? "Not available on this sandbox bank yet" : clock.live_activity ? "On" : "Off"}
            </dd>
          </div>
        </dl>
        {canAct ? (
          <div className="flex flex-col gap-3">
            <div className="flex flex-wrap gap-2" role="group" aria-label="Advance the clock">
              {PRESETS.map((preset) => (
                <Button
                  key={preset}
                  variant="secondary"
                  size="sm"
                  loading={running === preset}
                  disabled={pending}
                  onClick={() => advance(preset)}
                >
                  +{preset} day{preset === 1 ? "" : "s"}
                </Button>
              ))}
            </div>
            <form onSubmit={submitCustom} className="flex flex-wrap items-end gap-2" noValidate>
              <FormField id="advance-days" label="Days to advance" hint="1 to 90 days at a time." error={fields.days} className="w-40">
                {(control) => (
                  <Input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={90}
                    value={custom}
                    onChange={(event) => setCustom(event.target.value)}
                  />
                )}
              </FormField>
              <Button
                type="submit"
                size="sm"
                className="mb-7"
                loading={running !== undefined && !PRESETS.includes(running as 1)}
                disabled={pending}
              >
                Advance
              </Button>
            </form>
            {error && <Alert tone="error">{error}</Alert>}
            {result && (
              <Alert tone="success" title={`The clock moved ${days(result.advanced_by_seconds)}`} data-testid="advance-result">
                {describeEffects(result.effects)}
              </Alert>
            )}
            {clock.live_activity !== null && clock.clock_rate !== null && (
              <SettingsControls appId={appId} liveActivity={clock.live_activity} clockRate={clock.clock_rate} />
            )}
          </div>
        ) : (
          <p className="text-sm text-fg-muted">Viewers can see the clock; a developer of the team can move it.</p>
        )}
      </div>
      <div className="flex min-w-0 flex-col gap-3">
        <FromCode what="advance the sandbox clock" code={sandboxCurl(origin, "POST", "/v1/sandbox/clock/advance", { days: 7 })} />
        {clock.live_activity !== null && (
          <FromCode
            what="change the settings"
            code={sandboxCurl(origin, "PATCH", "/v1/sandbox/settings", { live_activity: true, clock_rate: 24 })}
          />
        )}
      </div>
    </div>
  );
}
