"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { IconLock } from "@/components/ui/icons";
import { PasswordInput } from "@/components/ui/password-input";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/**
 * The security page's password card. With a password: change it (the current one is required;
 * other sessions are signed out). An account made by single sign-on has none: it can set one
 * through the same emailed link as a reset, which proves the mailbox.
 */
export function PasswordSection({ hasPassword, email }: { hasPassword: boolean; email: string }) {
  return (
    <Card data-testid="password-section">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <IconLock size={18} className="text-fg-muted" />
          Password
        </CardTitle>
        <CardDescription>
          {hasPassword
            ? "Changing it signs out every other browser signed in to your account."
            : "Your account signs in with single sign-on and has no password. Set one to sign in with your email address too."}
        </CardDescription>
      </CardHeader>
      <CardBody>{hasPassword ? <ChangePasswordForm /> : <SetPasswordByEmail email={email} />}</CardBody>
    </Card>
  );
}

function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, error, fields } = useApiAction();
  const [revoked, setRevoked] = useState<number>();

  // Once the field messages have rendered, the first field they mark takes the focus. (A frame
  // after the answer was too early when React committed later, as on a busy machine.)
  useEffect(() => {
    const first = ["current_password", "new_password"].find((name) => fields[name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }, [fields]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setRevoked(undefined);
    const data = new FormData(event.currentTarget);
    const body = { current_password: String(data.get("current_password") ?? ""), new_password: String(data.get("new_password") ?? "") };
    const done = await run(() => portalApi.POST("/api/account/password", { body }));
    if (!done) return;
    form.current?.reset();
    setRevoked(done.data.sessions_revoked);
  }

  return (
    <form ref={form} method="post" noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" aria-label="Change password">
      {error && <Alert tone="error">{error}</Alert>}
      {revoked !== undefined && (
        <Alert tone="success" title="Password changed">
          {revoked === 0
            ? "No other browser was signed in."
            : `${revoked} other session${revoked === 1 ? " was" : "s were"} signed out. This browser stays signed in.`}
        </Alert>
      )}
      <FormField id="current-password" label="Current password" error={fields.current_password}>
        {(control) => <PasswordInput {...control} name="current_password" autoComplete="current-password" required />}
      </FormField>
      <FormField id="new-password" label="New password" hint={PASSWORD_RULES} error={fields.new_password}>
        {(control) => <PasswordInput {...control} name="new_password" autoComplete="new-password" required />}
      </FormField>
      <div>
        <Button type="submit" loading={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}

function SetPasswordByEmail({ email }: { email: string }) {
  const [sent, setSent] = useState(false);
  return (
    <div className="flex flex-col items-start gap-3">
      {sent && (
        <Alert tone="success" title="Check your inbox" className="self-stretch">
          We sent a link to {email}. It works once, for 1 hour.
        </Alert>
      )}
      <ActionDialog
        label="Set a password"
        variant="secondary"
        size="md"
        title="Set a password"
        description={`We will email a link to ${email}. Open it within an hour to choose your password.`}
        confirmLabel="Email me the link"
        pendingLabel="Sending…"
        confirmVariant="primary"
        action={() => portalApi.POST("/api/account/password/forgot", { body: { email } })}
        onDone={() => setSent(true)}
      >
        Opening the link signs your account out everywhere; sign in again with the new password or single sign-on.
      </ActionDialog>
    </div>
  );
}
