"use client";

import type { ReactNode } from "react";
import { Alert } from "./alert";
import { CopyButton } from "./copy-button";
import { Label } from "./label";

/**
 * A secret the one time it exists outside the database (an API key, a client secret, a signing
 * secret): the warning that it will not be shown again, a read-only field that selects itself,
 * and copy. What to do with it goes in `children`.
 */
export function OneTimeSecret({
  id,
  label,
  secret,
  warning,
  copyLabel,
  testId,
  children,
}: {
  /** The field's id (unique on the page). */
  id: string;
  /** What it is, for the field's label and the copy button: "Secret key", "Signing secret". */
  label: string;
  secret: string;
  /** Why it matters and what to do if it is lost. */
  warning: ReactNode;
  /** What the copy button names: "Copy API key". Default: the label. */
  copyLabel?: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-5">
      <Alert tone="warning" title="You won't see this again — store it now" role="note">
        {warning}
      </Alert>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={id}>{label}</Label>
        <div className="flex gap-2">
          <input
            id={id}
            data-testid={testId}
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            className="h-10 w-full min-w-0 rounded-control border border-border-strong bg-surface-muted px-3 font-mono text-sm text-fg shadow-xs focus-visible:border-ring"
          />
          <CopyButton value={secret} label={copyLabel ?? label.toLowerCase()} variant="secondary" size="md" />
        </div>
      </div>
      {children}
    </div>
  );
}
