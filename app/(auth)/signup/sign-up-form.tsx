"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DEFAULT_CALLBACK_PATH } from "@/lib/auth/safe-callback-url";
import { PASSWORD_RULES } from "@/lib/auth/password-rules";
import { asProblem, fieldErrors, type Problem } from "@/lib/http/read-problem";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { PasswordInput } from "@/components/ui/password-input";

const FIELDS = ["name", "email", "password"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, ReactNode>>;

/** Problem `errors[]` → one message per form field ("/body/email" → email); the rest for the banner. */
function formErrors(problem: Problem): { fields: FieldErrors; other: string[] } {
  const { fields: byPath, rest } = fieldErrors(problem);
  const fields: FieldErrors = {};
  const other = [...rest];
  for (const [path, detail] of Object.entries(byPath)) {
    if ((FIELDS as readonly string[]).includes(path)) fields[path as Field] = detail;
    else other.push(detail);
  }
  return { fields, other };
}

const postSignUp = (body: { name: string; email: string; password: string }) => portalApi.POST("/api/signup", { body });

/**
 * Sign-up keeps its own handling of the answer (not useApiAction). The API answers 202 alike for a
 * new address and a taken one (it never says which); the form then signs in with what was typed:
 * a new account lands on the dashboard, otherwise it says to look in the inbox, where the owner of
 * a taken address has a mail explaining how to sign in or reset the password. A 5xx gives a reference.
 */
export function SignUpForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ title: string; text?: string; signInLink?: boolean; tone?: "error" | "info" }>();

  function focusFirstInvalid(found: FieldErrors) {
    const first = FIELDS.find((name) => found[name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
    };
    setPending(true);
    setErrors({});
    setFormError(undefined);

    let answer: Awaited<ReturnType<typeof postSignUp>>;
    try {
      answer = await postSignUp(body);
    } catch {
      setPending(false);
      setFormError({ title: "We couldn't reach the server", text: "Check your connection and try again." });
      return;
    }

    if (answer.response.status === 202) {
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false }).catch(() => undefined);
      if (result?.ok && !result.error) {
        router.push(DEFAULT_CALLBACK_PATH);
        router.refresh();
        return; // stay "pending" while the dashboard loads
      }
      setPending(false);
      setFormError({
        tone: "info",
        title: "Check your inbox",
        text: `If ${body.email} already has an account, we've emailed it how to sign in or reset the password. Otherwise, sign in with the details you just entered.`,
        signInLink: true,
      });
      return;
    }

    const status = answer.response.status;
    const problem = asProblem(answer.error, status);
    const { fields, other } = formErrors(problem);
    setPending(false);
    if (status >= 500 || !problem.code) {
      const reference = problem.request_id ? ` (reference ${problem.request_id})` : "";
      setFormError({ title: "Something went wrong on our side", text: `Please try again in a moment${reference}.` });
    } else if (Object.keys(fields).length === 0 || other.length > 0) {
      setFormError({ title: problem.detail ?? "We couldn't create your account", text: other.join(" ") || undefined });
    }
    setErrors(fields);
    focusFirstInvalid(fields);
  }

  return (
    <form ref={form} method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {formError && (
        <Alert tone={formError.tone ?? "error"} title={formError.title} id="signup-error">
          {formError.text}{" "}
          {formError.signInLink && (
            <Link href="/signin" className="font-medium text-primary underline underline-offset-4">
              Sign in
            </Link>
          )}
        </Alert>
      )}
      <FormField id="signup-name" label="Name" error={errors.name}>
        {(control) => <Input {...control} name="name" autoComplete="name" maxLength={100} autoFocus />}
      </FormField>
      <FormField id="signup-email" label="Work email" error={errors.email}>
        {(control) => (
          <Input {...control} name="email" type="email" autoComplete="email" inputMode="email" spellCheck={false} autoCapitalize="none" />
        )}
      </FormField>
      <FormField id="signup-password" label="Password" hint={PASSWORD_RULES} error={errors.password}>
        {(control) => <PasswordInput {...control} name="password" autoComplete="new-password" />}
      </FormField>
      <Button type="submit" size="lg" loading={pending} className="mt-1 w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-xs text-fg-muted">Sandbox only: no real customer data or money is involved.</p>
    </form>
  );
}
