"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * One field. The answer never says whether the address has an account (the server answers
 * the same either way), so the confirmation is worded for both.
 */
export function ForgotPasswordForm({ initialEmail = "" }: { initialEmail?: string }) {
  const { run, pending, error, fields } = useApiAction();
  const [sentTo, setSentTo] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    const done = await run(() => portalApi.POST("/api/account/password/forgot", { body: { email } }));
    if (done) setSentTo(email);
    else input.current?.focus();
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title="Check your inbox">
          If an account uses <strong className="font-medium break-all">{sentTo}</strong>, we have sent it a link to choose a new password.
          The link works once, for 1 hour.
        </Alert>
        <p className="text-sm text-fg-muted">
          Nothing after a few minutes? Look in your spam folder, check the address, or{" "}
          <button
            type="button"
            className="font-medium text-primary underline-offset-4 hover:underline"
            onClick={() => setSentTo(undefined)}
          >
            try again
          </button>
          .
        </p>
      </div>
    );
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <FormField id="forgot-email" label="Email" hint="The address you sign in with." error={fields.email}>
        {(control) => (
          <Input
            {...control}
            ref={input}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={initialEmail}
            autoFocus
            required
          />
        )}
      </FormField>
      <Button type="submit" size="lg" loading={pending} className="w-full">
        {pending ? "Sending…" : "Email me a reset link"}
      </Button>
      <p className="text-center text-sm text-fg-muted">
        Remembered it?{" "}
        <Link href="/signin" className="font-medium text-primary underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
