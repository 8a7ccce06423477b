"use client";

import { browserSupportsWebAuthnAutofill } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { IconFingerprint } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { signInErrorMessage, twoFactorRequired, type SecondFactorKind } from "@/lib/auth/sign-in-errors";
import { requestPasskey, useWebAuthnSupport, type PasskeyAssertion } from "@/lib/passkeys/passkey-browser";
import { PasswordInput } from "@/components/ui/password-input";

const NETWORK_ERROR = "We couldn't reach the server. Check your connection and try again.";

/** The second step: the password was right, and the account has these second factors. */
type SecondStep = { email: string; password: string; factors: SecondFactorKind[] };

/**
 * Email + password through next-auth's credentials provider, without a page reload. One message
 * for any wrong email or password (no account enumeration); the throttle's wait in minutes.
 * With two-factor on, a right password leads to a second step (an authenticator or recovery code,
 * or a passkey) and the second submit signs in. A passkey also signs in alone ("Sign in with a
 * passkey", or picked from the email field's suggestions where the browser offers them).
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const password = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError);
  const [missing, setMissing] = useState<{ email?: string; password?: string; code?: string }>({});
  const [second, setSecond] = useState<SecondStep | null>(null);
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const passkeys = useWebAuthnSupport();

  /** Signs in with a provider; null once signed in (the next page is loading), else the error to show. */
  async function attempt(provider: "credentials" | "passkey", fields: Record<string, string>): Promise<string | null> {
    const result = await signIn(provider, { ...fields, redirect: false, callbackUrl }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.push(safeCallbackPath(callbackUrl, { origin: window.location.origin }));
      router.refresh();
      return null; // stay "pending" while the next page loads
    }
    return result ? (result.error ?? "CredentialsSignin") : NETWORK_ERROR;
  }

  async function passwordless(assertion: PasskeyAssertion) {
    setPending(true);
    setError(undefined);
    const failure = await attempt("passkey", { passkey: JSON.stringify(assertion) });
    if (failure === null) return;
    setPending(false);
    setError(failure === NETWORK_ERROR ? failure : signInErrorMessage(failure));
  }

  // Passkeys in the email field's suggestions (conditional UI), where the browser supports it.
  useEffect(() => {
    let active = true;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const answer = await requestPasskey("sign_in", { autofill: true });
      // Cancelled when another passkey prompt replaced it (the button), or the page moved on.
      if (active && answer.ok) await passwordless(answer.assertion);
    })();
    return () => {
      active = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first render
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const secret = String(data.get("password") ?? "");
    const empty = { email: email ? undefined : "Enter your email address", password: secret ? undefined : "Enter your password" };
    setMissing(empty);
    if (empty.email || empty.password) {
      event.currentTarget.querySelector<HTMLInputElement>(`[name="${empty.email ? "email" : "password"}"]`)?.focus();
      return;
    }

    setPending(true);
    setError(undefined);
    const failure = await attempt("credentials", { email, password: secret });
    if (failure === null) return;
    setPending(false);
    const factors = twoFactorRequired(failure);
    if (factors) {
      setUseRecoveryCode(!factors.includes("totp") && factors.includes("recovery_code"));
      setSecond({ email, password: secret, factors });
      return;
    }
    setError(failure === NETWORK_ERROR ? failure : signInErrorMessage(failure));
    password.current?.select();
    password.current?.focus();
  }

  async function finishSecondStep(fields: { code: string } | { passkey: string }) {
    if (!second) return;
    setPending(true);
    setError(undefined);
    const failure = await attempt("credentials", { email: second.email, password: second.password, ...fields });
    if (failure === null) return;
    setPending(false);
    if (failure === "CredentialsSignin") {
      // The password stopped matching meanwhile (changed elsewhere): start again.
      setSecond(null);
      setError(signInErrorMessage(failure));
      return;
    }
    setError(failure === NETWORK_ERROR ? failure : signInErrorMessage(failure));
    codeInput.current?.select();
    codeInput.current?.focus();
  }

  function onSubmitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setMissing({ code: code ? undefined : useRecoveryCode ? "Enter one of your recovery codes" : "Enter the 6-digit code from the app" });
    if (!code) {
      codeInput.current?.focus();
      return;
    }
    void finishSecondStep({ code });
  }

  async function passkeyButton(step: "sign_in" | "second_factor") {
    if (pending) return;
    setPending(true);
    setError(undefined);
    const answer = await requestPasskey("sign_in");
    if (!answer.ok) {
      setPending(false);
      setError(answer.message);
      return;
    }
    if (step === "sign_in") await passwordless(answer.assertion);
    else await finishSecondStep({ passkey: JSON.stringify(answer.assertion) });
  }

  if (second) {
    const takesCode = second.factors.includes("totp") || second.factors.includes("recovery_code");
    const hasPasskey = second.factors.includes("passkey");
    const canSwitch = second.factors.includes("totp") && second.factors.includes("recovery_code");
    return (
      <form method="post" noValidate onSubmit={onSubmitCode} className="flex flex-col gap-5" aria-labelledby="signin-second-title">
        <div>
          <h2 id="signin-second-title" className="text-lg font-semibold text-fg">
            Two-factor authentication
          </h2>
          <p className="mt-1 text-sm text-fg-muted">
            {takesCode
              ? useRecoveryCode
                ? "Enter one of the recovery codes you saved when you turned two-factor on. Each works once."
                : `Enter the 6-digit code from your authenticator app for ${second.email}.`
              : `Confirm it's you with your passkey for ${second.email}.`}
          </p>
        </div>
        {error && <Alert tone="error" title={error} />}
        {takesCode && (
          <>
            <FormField
              key={useRecoveryCode ? "recovery" : "totp"}
              id="signin-code"
              label={useRecoveryCode ? "Recovery code" : "Authentication code"}
              hint={useRecoveryCode ? "Like k7m2p-x9c4t." : "It changes every 30 seconds."}
              error={missing.code}
            >
              {(control) => (
                <Input
                  {...control}
                  ref={codeInput}
                  name="code"
                  autoComplete="one-time-code"
                  inputMode={useRecoveryCode ? "text" : "numeric"}
                  maxLength={useRecoveryCode ? 16 : 7}
                  spellCheck={false}
                  autoCapitalize="none"
                  autoFocus
                  className="font-mono tracking-widest"
                />
              )}
            </FormField>
            <Button type="submit" size="lg" loading={pending} className="w-full">
              {pending ? "Verifying…" : "Verify and sign in"}
            </Button>
          </>
        )}
        {hasPasskey && (
          <Button
            variant={takesCode ? "secondary" : "primary"}
            size="lg"
            icon={<IconFingerprint size={18} />}
            onClick={() => void passkeyButton("second_factor")}
            disabled={pending}
            autoFocus={!takesCode}
            className="w-full"
          >
            Use a passkey
          </Button>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <button
            type="button"
            onClick={() => {
              setSecond(null);
              setError(undefined);
              setMissing({});
            }}
            className="font-medium text-fg-muted underline-offset-4 hover:text-fg hover:underline"
          >
            Back
          </button>
          {canSwitch && (
            <button
              type="button"
              onClick={() => {
                setUseRecoveryCode((value) => !value);
                setMissing({});
              }}
              className="font-medium text-primary underline-offset-4 hover:underline"
            >
              {useRecoveryCode ? "Use your authenticator app" : "Use a recovery code"}
            </button>
          )}
        </div>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        {error && <Alert tone="error" title={error} />}
        <FormField id="signin-email" label="Email" error={missing.email}>
          {(control) => (
            <Input
              {...control}
              name="email"
              type="email"
              // "webauthn": the browser may offer passkeys among the suggestions (conditional UI).
              autoComplete="username webauthn"
              inputMode="email"
              spellCheck={false}
              autoCapitalize="none"
              autoFocus
            />
          )}
        </FormField>
        <FormField
          id="signin-password"
          label="Password"
          error={missing.password}
          labelAside={
            <a href="/forgot-password" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
              Forgot password?
            </a>
          }
        >
          {(control) => <PasswordInput {...control} ref={password} name="password" autoComplete="current-password" />}
        </FormField>
        <Button type="submit" size="lg" loading={pending} className="mt-1 w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {passkeys && (
        <>
          <div className="flex items-center gap-3 text-xs font-medium tracking-wide text-fg-subtle uppercase" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button
            variant="secondary"
            size="lg"
            icon={<IconFingerprint size={18} />}
            onClick={() => void passkeyButton("sign_in")}
            disabled={pending}
            className="w-full"
          >
            Sign in with a passkey
          </Button>
        </>
      )}
    </div>
  );
}
