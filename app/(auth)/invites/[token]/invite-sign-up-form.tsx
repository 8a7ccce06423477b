"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { PasswordInput } from "@/components/ui/password-input";

/** Sign up from the invitation: the email is the invited one; choose a name and a password. */
export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const action = useApiAction();
  const [signingIn, setSigningIn] = useState(false);
  const [signInFailed, setSignInFailed] = useState(false);
  const pending = action.pending || signingIn;
  const errors = action.fields;
  const formError = signInFailed
    ? "Your account is ready, but we couldn't sign you in automatically. Sign in to continue."
    : (action.error ?? (Object.keys(errors).length && !errors.name && !errors.password ? Object.values(errors).join(" ") : undefined));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = { token, name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") };
    setSigningIn(false);
    setSignInFailed(false);
    const done = await action.run(() => portalApi.POST("/api/invites/signup", { body }));
    if (!done) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    setSigningIn(true); // stay pending while signing in and loading the team
    const result = await signIn("credentials", { email, password: body.password, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.push(`/dashboard/teams/${done.data.team_id}`);
      router.refresh();
      return;
    }
    setSigningIn(false);
    setSignInFailed(true);
  }

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <FormField id="invite-signup-email" label="Email" hint="The address the invitation was sent to.">
        {(control) => <Input {...control} value={email} readOnly className="bg-surface-muted text-fg-muted" />}
      </FormField>
      <FormField id="invite-signup-name" label="Name" error={errors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" maxLength={100} autoFocus />}
      </FormField>
      <FormField id="invite-signup-password" label="Password" hint={PASSWORD_RULES} error={errors.password}>
        {(control) => <PasswordInput {...control} name="password" autoComplete="new-password" />}
      </FormField>
      <Button type="submit" size="lg" loading={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account and join"}
      </Button>
    </form>
  );
}
