"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { problemMessage, readProblem } from "@/lib/http/read-problem";
import type { KeyDto } from "@/lib/keys/key-dto";
import { OVERLAP_PRESETS } from "@/lib/keys/key-lifecycle";
import { formatExact } from "./format-time";
import { KeyReveal } from "./key-reveal";

type Step = { kind: "closed" } | { kind: "choose" } | { kind: "reveal"; secret: string; keyId: string; oldExpiresAt: string; oldStopped: boolean };

/**
 * "Roll": a new key at once, and a choice of how long the old one keeps working (so a
 * deploy can switch over), then the one-time reveal of the new secret.
 */
export function RollKeyButton({ appId, apiKey, portalUrl }: { appId: string; apiKey: KeyDto; portalUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    // Start on the selected choice (24 h), as arrow keys move within the radio group.
    if (step.kind === "choose") document.querySelector<HTMLInputElement>(`[id="roll-${apiKey.id}-form"] input:checked`)?.focus();
    if (step.kind === "reveal") document.getElementById(`roll-${apiKey.id}-secret`)?.focus();
  }, [step.kind, apiKey.id]);

  // The table refreshes only once the secret has been seen: the refresh unmounts this button
  // (a rolled key has no Roll action), and with it the dialog showing the new secret.
  function close() {
    const rolled = step.kind === "reveal";
    setStep({ kind: "closed" });
    if (rolled) router.refresh();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const overlap_seconds = Number(new FormData(event.currentTarget).get("overlap_seconds") ?? 0);
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/keys/${encodeURIComponent(apiKey.id)}/roll`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ overlap_seconds }),
      });
      if (response.status === 201) {
        const rolled = (await response.json()) as { key: { id: string }; secret: string; old_key: { expires_at: string; status: string } };
        setStep({ kind: "reveal", secret: rolled.secret, keyId: rolled.key.id, oldExpiresAt: rolled.old_key.expires_at, oldStopped: rolled.old_key.status === "expired" });
        return;
      }
      setError(problemMessage(await readProblem(response)));
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        aria-label={`Roll ${apiKey.name}`}
        onClick={() => {
          setError(undefined);
          setStep({ kind: "choose" });
        }}
      >
        Roll
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? `“${apiKey.name}” was rolled` : `Roll “${apiKey.name}”?`}
        description={
          step.kind === "reveal" ? "This is the only time the new secret is shown." : "You get a new key now. Choose how long the old one keeps working."
        }
        className="max-w-xl text-left whitespace-normal"
        footer={
          step.kind === "reveal" ? (
            <Button key="done" onClick={close}>
              I&apos;ve stored it
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form={`roll-${apiKey.id}-form`} loading={pending}>
                {pending ? "Rolling…" : "Roll key"}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <div data-testid="roll-reveal" className="flex flex-col gap-4">
            <p className="text-sm text-fg-muted">
              The old key <Code>{apiKey.prefix}</Code>{" "}
              {step.oldStopped ? (
                <>
                  has stopped working: calls with it now answer <Code>401 expired_api_key</Code>.
                </>
              ) : (
                <>
                  keeps working until {formatExact(step.oldExpiresAt)}, then answers <Code>401 expired_api_key</Code>.
                </>
              )}
            </p>
            <KeyReveal secret={step.secret} portalUrl={portalUrl} appId={appId} keyId={step.keyId} idPrefix={`roll-${apiKey.id}`} />
          </div>
        ) : (
          <form id={`roll-${apiKey.id}-form`} noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
            {error && <Alert tone="error">{error}</Alert>}
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1.5 text-sm font-medium text-fg">
                The old key <Code>{apiKey.prefix}</Code> stops working
              </legend>
              {OVERLAP_PRESETS.map((preset) => (
                <label
                  key={preset.seconds}
                  className="flex cursor-pointer items-center gap-3 rounded-control border border-border px-3 py-2.5 text-sm text-fg has-checked:border-primary has-checked:bg-primary-soft/40"
                >
                  <input
                    type="radio"
                    name="overlap_seconds"
                    value={preset.seconds}
                    defaultChecked={preset.seconds === 24 * 60 * 60}
                    className="accent-primary"
                  />
                  {preset.label}
                </label>
              ))}
            </fieldset>
            <p className="text-sm text-fg-muted">
              The new key has the same permissions{apiKey.expires_at ? " and expiry" : ""}. Deploy it, then let the old one run out.
            </p>
          </form>
        )}
      </Dialog>
    </>
  );
}
