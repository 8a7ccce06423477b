"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { SsoSignInButton } from "@/components/sso/sso-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconFingerprint } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { PasswordInput } from "@/components/ui/password-input";
import { asProblem, problemMessage } from "@/lib/http/read-problem";
import type { AccountDto } from "@/lib/account/account-dto";
import { requestPasskey, type PasskeyAssertion } from "@/lib/passkeys/passkey-browser";
import { NETWORK_ERROR } from "@/lib/portal-api/use-api-action";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { onStepUpRequest } from "@/lib/sessions/step-up-prompt";

type Pending = { resolve: (confirmed: boolean) => void };

/**
 * "Confirm it's you": mounted once for a signed-in developer (site header). A sensitive call that
 * answers `step_up_required` opens it; with two-factor on it asks for a code (or a passkey),
 * otherwise the password. Confirming replaces the session and the call is retried.
 */
export function StepUpDialog({
  ssoName,
}: {
  /** The single sign-on provider's name, when configured: SSO-only accounts confirm there. */ ssoName?: string;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [account, setAccount] = useState<AccountDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const resolver = useRef<Pending | null>(null);

  useEffect(
    () =>
      onStepUpRequest(
        () =>
          new Promise<boolean>((resolve) => {
            const next = { resolve };
            resolver.current = next;
            setError(undefined);
            setPending(next);
            void portalApi.GET("/api/account").then(({ data }) => setAccount(data ?? null));
          }),
      ),
    [],
  );

  function finish(confirmed: boolean) {
    resolver.current?.resolve(confirmed);
    resolver.current = null;
    setPending(null);
    setBusy(false);
  }

  async function confirm(body: { password: string } | { code: string } | { passkey: PasskeyAssertion }) {
    setBusy(true);
    setError(undefined);
    try {
      const { error: problem, response } = await portalApi.POST("/api/account/step-up", { body });
      if (response.ok) return finish(true);
      setError(problemMessage(asProblem(problem, response.status)));
    } catch {
      setError(NETWORK_ERROR);
    }
    setBusy(false);
  }

  async function confirmWithPasskey() {
    setBusy(true);
    setError(undefined);
    const answer = await requestPasskey("step_up");
    if (answer.ok) return confirm({ passkey: answer.assertion });
    setError(answer.message);
    setBusy(false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (secondFactor) void confirm({ code: String(data.get("code") ?? "").trim() });
    else void confirm({ password: String(data.get("password") ?? "") });
  }

  const secondFactor = account ? account.two_factor.totp || account.two_factor.passkeys > 0 : false;
  // A code is an authenticator app's or a recovery code; a developer with passkeys only may have neither.
  const takesCode = account ? account.two_factor.totp || account.two_factor.recovery_codes_left > 0 : false;
  const hasPasskey = (account?.two_factor.passkeys ?? 0) > 0;
  const ssoOnly = account !== null && !secondFactor && !account.has_password;

  return (
    <Dialog
      open={pending !== null}
      onClose={() => finish(false)}
      title="Confirm it's you"
      description="Keys, secrets, ownership, your email address and your sign-in methods need a fresh check. It lasts 10 minutes."
      footer={
        <>
          <Button variant="secondary" onClick={() => finish(false)}>
            Cancel
          </Button>
          {(!secondFactor || takesCode) && (
            <Button type="submit" form="step-up-form" loading={busy} disabled={!account || ssoOnly}>
              {busy ? "Confirming…" : "Confirm"}
            </Button>
          )}
        </>
      }
    >
      <form id="step-up-form" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {!account ? (
          <p className="text-sm text-fg-muted">Loading…</p>
        ) : secondFactor ? (
          <>
            {takesCode && (
              <FormField
                id="step-up-code"
                label="Authentication code"
                hint={
                  account.two_factor.totp ? "From your authenticator app, or one of your recovery codes." : "One of your recovery codes."
                }
              >
                {(control) => (
                  <Input {...control} name="code" autoComplete="one-time-code" inputMode="text" spellCheck={false} autoFocus required />
                )}
              </FormField>
            )}
            {hasPasskey && (
              <div className="flex flex-col gap-2">
                {takesCode && <p className="text-sm text-fg-muted">Or confirm with the passkey on this device or your phone.</p>}
                <Button
                  variant={takesCode ? "secondary" : "primary"}
                  icon={<IconFingerprint size={18} />}
                  onClick={() => void confirmWithPasskey()}
                  disabled={busy}
                  autoFocus={!takesCode}
                  className="self-start"
                >
                  Use a passkey
                </Button>
              </div>
            )}
          </>
        ) : account.has_password ? (
          <FormField id="step-up-password" label="Password">
            {(control) => <PasswordInput {...control} name="password" autoComplete="current-password" autoFocus required />}
          </FormField>
        ) : ssoName ? (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-fg-muted">
              Your account signs in with single sign-on: sign in at {ssoName} again. You come back to this page; then try once more.
            </p>
            <SsoSignInButton
              providerName={ssoName}
              label={`Confirm with ${ssoName}`}
              callbackUrl={window.location.pathname + window.location.search}
              reauthenticate
              size="md"
            />
          </div>
        ) : (
          <p className="text-sm text-fg-muted">
            Your account signs in with single sign-on, which this portal no longer offers. Sign out, then set a password with “Forgot
            password?” on the sign-in page.
          </p>
        )}
        {error && <Alert tone="error" title={error} />}
      </form>
    </Dialog>
  );
}
