"use client";

import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import { IconArrowRight } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { tryItHref } from "@/lib/docs/try-it-href";
import { curlFirstCall } from "./curl";

/**
 * A key's secret, the one time it exists outside the database: a read-only field with copy,
 * the warning that it will not be shown again, a curl to run now and the way into the docs,
 * already authorised with this key (by its id: the secret stays here).
 */
export function KeyReveal({
  secret,
  portalUrl,
  appId,
  keyId,
  idPrefix = "reveal",
}: {
  secret: string;
  portalUrl: string;
  appId: string;
  /** The revealed key; without it the docs use the app's newest key, which a new app's only key is. */
  keyId?: string;
  idPrefix?: string;
}) {
  const fieldId = `${idPrefix}-secret`;
  return (
    <div className="flex flex-col gap-5">
      <Alert tone="warning" title="You won't see this again — store it now" role="note">
        Copy the key into your password manager or your app&apos;s secrets. We keep only a hash: if you lose it,
        create a new key and revoke this one.
      </Alert>

      <div className="flex flex-col gap-1.5">
        <Label htmlFor={fieldId}>Secret key</Label>
        <div className="flex gap-2">
          <input
            id={fieldId}
            data-testid="revealed-secret"
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.currentTarget.select()}
            className="h-10 w-full min-w-0 rounded-control border border-border-strong bg-surface-muted px-3 font-mono text-sm text-fg shadow-xs focus-visible:border-ring"
          />
          <CopyButton value={secret} label="API key" variant="secondary" size="md" />
        </div>
      </div>

      <CodeBlock title="Make your first call" language="bash" copyLabel="curl command" code={curlFirstCall(portalUrl, secret)} />

      <div className="flex flex-wrap items-center gap-3">
        <ButtonLink href={tryItHref({ appId, keyId })} variant="secondary" icon={<IconArrowRight />}>
          Try it in the API docs
        </ButtonLink>
        <p className="text-sm text-fg-muted">Opens GET /v1/accounts already authorised with this key: press Execute.</p>
      </div>
    </div>
  );
}
