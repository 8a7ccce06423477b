"use client";

import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { PasswordInput } from "@/components/ui/password-input";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * The new password, under the sign-up policy. The address is in the form (read-only) so password
 * managers store the new password against the right account. Success signs out everywhere, so
 * the next step is signing in.
 */
export function ResetPasswordForm({ token, email, hasPassword }: { token: string; email: string; hasPassword: boolean }) {
  const { run, pending, error, fields } = useApiAction();
  const [done, setDone] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const result = await run(() => portalApi.POST("/api/account/password/reset", { body: { token, password } }));
    if (result) setDone(true);
    else input.current?.focus();
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Alert tone="success" title={hasPassword ? "Your password is changed" : "Your password is set"}>
          For your safety we signed your account out everywhere. Sign in with your new password.
        </Alert>
        <ButtonLink href="/signin" size="lg" className="w-full" autoFocus>
          Sign in
        </ButtonLink>
      </div>
    );
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <p className="text-sm text-fg-muted">
        For <strong className="font-medium break-all text-fg">{email}</strong>
      </p>
      {/* For password managers: which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField id="reset-password" label="New password" hint={PASSWORD_RULES} error={fields.password}>
        {(control) => <PasswordInput {...control} ref={input} name="password" autoComplete="new-password" autoFocus required />}
      </FormField>
      <Button type="submit" size="lg" loading={pending} className="w-full">
        {pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}
      </Button>
      <p className="text-center text-xs text-fg-muted">Saving signs your account out on every device.</p>
    </form>
  );
}
