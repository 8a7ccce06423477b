"use client";

import { useEffect, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/**
 * A standard's customer-token operations (UK accounts and payments) need the token a customer's
 * authorisation gave the app, which the docs cannot mint: the reader pastes it. Kept in this tab
 * only (sessionStorage), like a pasted key, and sent only on those operations.
 */
export function CustomerTokenPanel({
  storageKey,
  callCount,
  onChange,
}: {
  storageKey: string;
  callCount: number;
  onChange: (token: string | null) => void;
}) {
  const [token, setToken] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(storageKey);
    } catch {
      // Storage disabled: the token lasts as long as the page.
    }
    onChange(stored);
    // Browser storage is readable only after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setToken(stored);
  }, [storageKey, onChange]);

  function keep(next: string | null) {
    try {
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
    } catch {
      // As above.
    }
    onChange(next);
    setToken(next);
  }

  return (
    <section aria-labelledby={`${inputId}-title`} className="rounded-card border border-border bg-surface shadow-card">
      <div className="flex flex-col gap-3 border-b border-border px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <h2 id={`${inputId}-title`} className="text-base font-semibold text-fg">
          The customer&apos;s token
        </h2>
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-fg-muted" data-testid="customer-token-status">
          {token ? (
            <>
              <Badge tone="success" dot>
                Set
              </Badge>
              <span>
                sent on the {callCount} customer {callCount === 1 ? "operation" : "operations"}
              </span>
            </>
          ) : (
            <>
              <Badge dot>Not set</Badge>
              <span>customer operations answer 401</span>
            </>
          )}
        </p>
      </div>
      <form
        className="flex flex-col gap-1.5 px-5 py-5 sm:px-6"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const value = draft.trim();
          if (!value) return;
          setDraft("");
          keep(value);
        }}
      >
        <Label htmlFor={inputId}>Paste a customer&apos;s access token</Label>
        <div className="flex flex-wrap gap-2">
          <Input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="The customer's access_token"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-describedby={hintId}
            className="min-w-0 flex-1 font-mono"
          />
          <Button type="submit">Use it</Button>
          {token && (
            <Button type="button" variant="secondary" onClick={() => keep(null)}>
              Forget it
            </Button>
          )}
        </div>
        <p id={hintId} className="text-sm text-fg-muted">
          From a consent the customer approved (the guide and the Postman collection show how). Your key still makes the app&apos;s own
          calls; this tab alone keeps the token.
        </p>
      </form>
    </section>
  );
}
