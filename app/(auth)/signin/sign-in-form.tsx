"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { safeCallbackPath } from "@/lib/auth/safe-callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { PasswordInput } from "@/components/ui/password-input";

/**
 * Email + password through next-auth's credentials provider, without a page reload. One message
 * for any wrong email or password (no account enumeration); the throttle's wait in minutes.
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const password = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

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
    const result = await signIn("credentials", { email, password: secret, redirect: false, callbackUrl }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.push(safeCallbackPath(callbackUrl, { origin: window.location.origin }));
      router.refresh();
      return; // stay "pending" while the next page loads
    }
    setPending(false);
    setError(
      result
        ? signInErrorMessage(result.error ?? "CredentialsSignin")
        : "We couldn't reach the server. Check your connection and try again.",
    );
    password.current?.select();
    password.current?.focus();
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {error && <Alert tone="error" title={error} />}
      <FormField id="signin-email" label="Email" error={missing.email}>
        {(control) => (
          <Input
            {...control}
            name="email"
            type="email"
            autoComplete="username"
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
  );
}
