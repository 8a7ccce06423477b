"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { IconAlertTriangle } from "@/components/ui/icons";

/**
 * A page failed to render. Nothing about the failure is shown except Next's digest, which
 * matches the server log line, so support can find it.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <div className="flex size-14 items-center justify-center rounded-full bg-danger-soft text-danger">
        <IconAlertTriangle size={26} />
      </div>
      <h1 className="mt-6 text-3xl font-semibold tracking-tight text-fg">Something went wrong</h1>
      <p className="mt-3 text-fg-muted">
        This page hit an error on our side. Trying again often helps; if it keeps happening, send us the reference below.
      </p>
      {error.digest && (
        <p className="mt-4 text-sm text-fg-muted">
          Reference <code className="rounded-md bg-surface-muted px-1.5 py-0.5 font-mono text-fg">{error.digest}</code>
        </p>
      )}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/" variant="secondary">
          Back to home
        </ButtonLink>
        <Button onClick={reset}>Try again</Button>
      </div>
    </div>
  );
}
