"use client";

import { ButtonLink } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { IconArrowRight } from "@/components/ui/icons";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
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
  return (
    <OneTimeSecret
      id={`${idPrefix}-secret`}
      label="Secret key"
      copyLabel="API key"
      testId="revealed-secret"
      secret={secret}
      warning={
        <>
          Copy the key into your password manager or your app&apos;s secrets. We keep only a hash: if you lose it, create a new key and
          revoke this one.
        </>
      }
    >
      <CodeBlock title="Make your first call" language="bash" copyLabel="curl command" code={curlFirstCall(portalUrl, secret)} />

      <div className="flex flex-wrap items-center gap-3">
        <ButtonLink href={tryItHref({ appId, keyId })} variant="secondary" icon={<IconArrowRight />}>
          Try it in the API docs
        </ButtonLink>
        <p className="text-sm text-fg-muted">Opens GET /v1/accounts already authorised with this key: press Execute.</p>
      </div>
    </OneTimeSecret>
  );
}
