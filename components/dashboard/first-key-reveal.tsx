"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { IconKey } from "@/components/ui/icons";
import { KeyReveal } from "./key-reveal";
import { takeReveal, type PendingReveal } from "./reveal-handoff";

/**
 * The new app's first key, revealed once on arrival from the create form. Renders nothing
 * on a reload: the handoff was consumed by the first read.
 */
export function FirstKeyReveal({ appId, portalUrl }: { appId: string; portalUrl: string }) {
  const [reveal, setReveal] = useState<PendingReveal | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Runs only in the browser, after hydration: the secret is never part of the HTML.
    const pending = takeReveal(appId);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading browser storage is a sync with an external system
    if (pending) setReveal(pending);
  }, [appId]);

  useEffect(() => {
    if (reveal) heading.current?.focus();
  }, [reveal]);

  if (!reveal) return null;
  return (
    <section
      aria-labelledby="first-key-title"
      data-testid="key-reveal"
      className="rounded-card border border-primary/30 bg-surface shadow-raised"
    >
      <div className="flex items-start gap-3 border-b border-border px-5 py-4 sm:px-6">
        <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full bg-primary-soft text-primary-soft-fg">
          <IconKey size={18} />
        </span>
        <div className="min-w-0">
          <h2 id="first-key-title" ref={heading} tabIndex={-1} className="text-base font-semibold text-fg focus:outline-none">
            Your app is ready. Here is its sandbox key.
          </h2>
          <p className="mt-0.5 text-sm text-fg-muted">“{reveal.keyName}” can call every sandbox endpoint for this app.</p>
        </div>
      </div>
      <div className="px-5 py-5 sm:px-6">
        <KeyReveal secret={reveal.secret} portalUrl={portalUrl} appId={appId} idPrefix="first-key" />
      </div>
      <div className="flex justify-end rounded-b-card border-t border-border bg-surface-muted/60 px-5 py-3 sm:px-6">
        <Button variant="secondary" onClick={() => setReveal(null)}>
          I&apos;ve stored it
        </Button>
      </div>
    </section>
  );
}
