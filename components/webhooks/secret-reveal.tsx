"use client";

import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { Label } from "@/components/ui/label";

/** A signing secret, the one time it is shown. */
export function SecretReveal({ secret, note }: { secret: string; note?: string }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" title="You won't see this secret again — store it now" role="note">
        {note ?? "Your receiver needs it to verify each delivery's webhook-signature. We show it only once."}
      </Alert>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="webhook-secret">Signing secret</Label>
        <div className="flex gap-2">
          <input
            id="webhook-secret"
            data-testid="webhook-secret"
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            className="h-10 w-full min-w-0 rounded-control border border-border-strong bg-surface-muted px-3 font-mono text-sm text-fg shadow-xs focus-visible:border-ring"
          />
          <CopyButton value={secret} label="signing secret" variant="secondary" size="md" />
        </div>
      </div>
    </div>
  );
}
