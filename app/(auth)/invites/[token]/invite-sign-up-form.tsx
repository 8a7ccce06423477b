"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";
import { PasswordInput } from "../../password-input";

/** Sign up from the invitation: the email is the invited one; choose a name and a password. */
export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = { token, name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") };
    setPending(true);
    setErrors({});
    setFormError(undefined);
    try {
      const response = await fetch("/api/invites/signup", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
      if (response.status === 201) {
        const { team_id } = (await response.json()) as { team_id: string };
        const result = await signIn("credentials", { email, password: body.password, redirect: false }).catch(() => undefined);
        if (result?.ok && !result.error) {
          router.push(`/dashboard/teams/${team_id}`);
          router.refresh();
          return;
        }
        setFormError("Your account is ready, but we couldn't sign you in automatically. Sign in to continue.");
        setPending(false);
        return;
      }
      const problem = await readProblem(response);
      const { fields } = fieldErrors(problem);
      setErrors(fields);
      if (!fields.name && !fields.password) setFormError(problemMessage(problem));
      const first = ["name", "password"].find((name) => fields[name]);
      if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
    } catch {
      setFormError("We couldn't reach the server. Check your connection and try again.");
    }
    setPending(false);
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
