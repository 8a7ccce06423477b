"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { IconKey } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { problemMessage, readProblem } from "@/lib/http/read-problem";

type Step = { kind: "closed" } | { kind: "confirm" } | { kind: "reveal"; secret: string };

/** "Generate / Rotate secret": a confirmation (rotation kills the old secret), then the one-time reveal. */
export function ClientSecretButton({ appId, hasSecret }: { appId: string; hasSecret: boolean }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (step.kind === "reveal") document.getElementById("client-secret-value")?.focus();
  }, [step.kind]);

  async function generate() {
    setPending(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/oauth-client/secret`, { method: "POST", headers: { accept: "application/json" } });
      if (response.status !== 201) {
        setError(problemMessage(await readProblem(response)));
        return;
      }
      const body = (await response.json()) as { client_secret: string };
      setStep({ kind: "reveal", secret: body.client_secret });
      router.refresh();
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const label = hasSecret ? "Rotate secret" : "Generate secret";
  return (
    <>
      <Button variant={hasSecret ? "secondary" : "primary"} icon={<IconKey />} onClick={() => (setError(undefined), setStep({ kind: "confirm" }))}>
        {label}
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={() => setStep({ kind: "closed" })}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? "Your client secret" : hasSecret ? "Rotate the client secret?" : "Generate a client secret"}
        description={step.kind === "reveal" ? "This is the only time the full secret is shown." : "Your server sends it with the client id to the token endpoint."}
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button onClick={() => setStep({ kind: "closed" })}>I&apos;ve stored it</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={() => setStep({ kind: "closed" })}>
                Cancel
              </Button>
              <Button variant={hasSecret ? "danger" : "primary"} loading={pending} onClick={generate}>
                {label}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <div className="flex flex-col gap-4" data-testid="client-secret-reveal">
            <Alert tone="warning" title="You won't see this again — store it now" role="note">
              Keep it on your server only, never in a browser or mobile app. We keep only a hash.
            </Alert>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="client-secret-value">Client secret</Label>
              <div className="flex gap-2">
                <input
                  id="client-secret-value"
                  data-testid="revealed-client-secret"
                  readOnly
                  value={step.secret}
                  spellCheck={false}
                  autoComplete="off"
                  onFocus={(event) => event.currentTarget.select()}
                  className="h-10 w-full min-w-0 rounded-control border border-border-strong bg-surface-muted px-3 font-mono text-sm text-fg shadow-xs focus-visible:border-ring"
                />
                <CopyButton value={step.secret} label="client secret" variant="secondary" size="md" />
              </div>
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-3 text-sm text-fg-muted">
            {error && <Alert tone="error">{error}</Alert>}
            {hasSecret ? <p>The current secret stops working immediately. Token requests with it will fail with <code>invalid_client</code> until you deploy the new one.</p> : <p>You need it to exchange authorization codes for tokens.</p>}
          </div>
        )}
      </Dialog>
    </>
  );
}
