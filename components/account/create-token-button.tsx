"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconKey } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

const SCOPES = [
  {
    value: "read",
    label: "Read",
    hint: "GET operations only: list apps, keys, logs, webhooks. Anything else answers 403 insufficient_scope.",
  },
  { value: "write", label: "Read and write", hint: "Also create, roll and revoke keys, manage webhooks, reset the sandbox." },
] as const;

const EXPIRIES = [7, 30, 90, 365] as const;

type Step = { kind: "closed" } | { kind: "form" } | { kind: "reveal"; secret: string; name: string };

/** "Create token": name, scope, team and expiry, then the one-time reveal of the token in the same dialog. */
export function CreateTokenButton({ teams, portalUrl }: { teams: { id: string; name: string }[]; portalUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const action = useApiAction();
  const { pending, fields } = action;
  const formError = action.error ?? fields.scope ?? fields.team_id ?? fields.expires_in_days;
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step.kind === "form") nameInput.current?.focus();
    if (step.kind === "reveal") document.getElementById("new-token-secret")?.focus();
  }, [step.kind]);

  function open() {
    action.reset();
    setStep({ kind: "form" });
  }

  // Closing forgets the token: it lives only in this component's state, never in storage.
  function close() {
    setStep({ kind: "closed" });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "");
    const scope = data.get("scope") === "write" ? "write" : "read";
    const team = String(data.get("team_id") ?? "");
    const days = Number(data.get("expires_in_days"));
    const expires_in_days = (EXPIRIES as readonly number[]).includes(days) ? (days as (typeof EXPIRIES)[number]) : 30;
    const done = await action.run(() =>
      portalApi.POST("/api/account/tokens", { body: { name, scope, team_id: team || null, expires_in_days } }),
    );
    if (!done) return;
    setStep({ kind: "reveal", secret: done.data.secret, name: done.data.token.name });
    router.refresh(); // the new token joins the table behind the dialog
  }

  return (
    <>
      <Button icon={<IconKey />} onClick={open}>
        Create token
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? `“${step.name}” is ready` : "Create an access token"}
        description={
          step.kind === "reveal"
            ? "This is the only time the token is shown."
            : "For the openbank CLI and CI jobs: it calls the portal API as you, within the scope and team you choose."
        }
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button key="done" onClick={close}>
              I&apos;ve stored it
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="create-token-form" loading={pending}>
                {pending ? "Creating…" : "Create token"}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <div data-testid="token-reveal">
            <OneTimeSecret
              id="new-token-secret"
              label="Access token"
              copyLabel="access token"
              testId="revealed-token"
              secret={step.secret}
              warning={
                <>
                  Copy the token into your password manager or your CI&apos;s secrets. We keep only a hash: if you lose it, create a new
                  token and revoke this one.
                </>
              }
            >
              <CodeBlock
                title="Try it"
                language="bash"
                copyLabel="curl command"
                code={`curl ${portalUrl}/api/apps \\\n  -H "Authorization: Bearer ${step.secret}"`}
              />
            </OneTimeSecret>
          </div>
        ) : (
          <form id="create-token-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
            {formError && <Alert tone="error">{formError}</Alert>}
            <FormField
              id="new-token-name"
              label="Token name"
              hint="Where it is used, e.g. “Laptop CLI” or “GitHub Actions”."
              error={fields.name}
            >
              {(control) => <Input {...control} ref={nameInput} name="name" maxLength={60} autoComplete="off" required />}
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1.5 text-sm font-medium text-fg">Scope</legend>
              {SCOPES.map((option) => (
                <label
                  key={option.value}
                  className="flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40"
                >
                  <input
                    type="radio"
                    name="scope"
                    value={option.value}
                    defaultChecked={option.value === "read"}
                    className="mt-1 accent-primary"
                  />
                  <span className="flex flex-col">
                    <span className="text-sm font-medium text-fg">{option.label}</span>
                    <span className="text-sm text-fg-muted">{option.hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <FormField id="new-token-team" label="Teams" hint="A token limited to one team sees no other team's apps.">
              {(control) => (
                <Select {...control} name="team_id" defaultValue="">
                  <option value="">Every team you belong to</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      Only {team.name}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField id="new-token-expiry" label="Expires" hint="Tokens always expire; after this they answer 401.">
              {(control) => (
                <Select {...control} name="expires_in_days" defaultValue="30">
                  <option value="7">In 7 days</option>
                  <option value="30">In 30 days</option>
                  <option value="90">In 90 days</option>
                  <option value="365">In 1 year</option>
                </Select>
              )}
            </FormField>
          </form>
        )}
      </Dialog>
    </>
  );
}
