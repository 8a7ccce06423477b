"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatExact } from "@/components/dashboard/format-time";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

type Pending = Awaited<ReturnType<typeof lookup>>;

function lookup(userCode: string) {
  return portalApi.POST("/api/device/lookup", { body: { user_code: userCode } });
}

type Step =
  { kind: "code" } | { kind: "confirm"; request: NonNullable<Pending["data"]> } | { kind: "done"; approved: boolean; host: string | null };

const SCOPES = [
  { value: "read", label: "Read", hint: "List apps, keys, logs and webhooks. Nothing can be changed." },
  { value: "write", label: "Read and write", hint: "Also create, roll and revoke keys, manage webhooks, reset the sandbox." },
] as const;

function PhishingWarning() {
  return (
    <Alert tone="warning" role="note" title="Only continue if you started this in your terminal">
      Approving lets a command line act as you. If someone sent you this code or a link to this page, deny it: they are trying to get into
      your account.
    </Alert>
  );
}

/** The verification page's steps: type or check the code, see who asks and choose what to grant, then the outcome. */
export function DeviceConfirm({ initialCode, teams }: { initialCode: string; teams: { id: string; name: string }[] }) {
  const [step, setStep] = useState<Step>({ kind: "code" });
  const action = useApiAction();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step.kind !== "code") heading.current?.focus();
  }, [step.kind]);

  async function onLookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (action.pending) return;
    const userCode = String(new FormData(event.currentTarget).get("user_code") ?? "");
    const done = await action.run(() => lookup(userCode));
    if (done) setStep({ kind: "confirm", request: done.data });
  }

  async function decide(approve: boolean, form: HTMLFormElement | null) {
    if (step.kind !== "confirm" || action.pending) return;
    const { request } = step;
    const data = new FormData(form ?? undefined);
    const scope = data.get("scope") === "write" ? "write" : "read";
    const team = String(data.get("team_id") ?? "");
    const done = approve
      ? await action.run(() =>
          portalApi.POST("/api/device/approve", { body: { user_code: request.user_code, scope, team_id: team || null } }),
        )
      : await action.run(() => portalApi.POST("/api/device/deny", { body: { user_code: request.user_code } }));
    if (done) setStep({ kind: "done", approved: approve, host: request.client_host });
  }

  if (step.kind === "done") {
    return (
      <div data-testid="device-done">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-fg outline-none">
          {step.approved ? "The CLI is signed in" : "Sign-in denied"}
        </h1>
        <Card className="mt-6">
          <CardBody>
            <Alert tone={step.approved ? "success" : "info"}>
              {step.approved
                ? `Go back to your terminal: openbank on ${step.host ?? "your computer"} has its token. You can close this page.`
                : "The CLI will not get access. If you did not start this sign-in, you may want to change your password."}
            </Alert>
            {step.approved && (
              <p className="mt-4 text-sm text-fg-muted">
                The token is listed under{" "}
                <Link href="/account" className="font-medium text-primary underline-offset-4 hover:underline">
                  Access tokens
                </Link>
                , where you can revoke it. <code className="font-mono">openbank logout</code> revokes it too.
              </p>
            )}
          </CardBody>
        </Card>
      </div>
    );
  }

  if (step.kind === "confirm") {
    const { request } = step;
    const writeAllowed = request.requested_scope === "write";
    const details: [string, string][] = [
      ["Application", request.client_name],
      ["Computer", request.client_host ?? "(not given)"],
      ["From address", request.client_ip ?? "(unknown)"],
      ["Started", formatExact(request.created_at)],
      ["Asks for", request.requested_scope === "write" ? "Read and write" : "Read"],
      ["Code expires", formatExact(request.expires_at)],
    ];
    return (
      <div>
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-fg outline-none">
          Allow the openbank CLI to sign in as you?
        </h1>
        <p className="mt-1.5 text-fg-muted">Check that your terminal shows this same code.</p>
        <Card className="mt-6">
          <form
            id="device-decision"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void decide(true, event.currentTarget);
            }}
          >
            <CardBody className="flex flex-col gap-5">
              <p
                data-testid="device-user-code"
                aria-label={`Code ${request.user_code.split("").join(" ")}`}
                className="rounded-control border border-border bg-surface-muted px-4 py-3 text-center font-mono text-3xl font-semibold tracking-[0.2em] text-fg"
              >
                {request.user_code}
              </p>
              <PhishingWarning />
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                {details.map(([term, value]) => (
                  <div key={term} className="contents">
                    <dt className="text-fg-muted">{term}</dt>
                    <dd className="min-w-0 break-words font-medium text-fg">{value}</dd>
                  </div>
                ))}
              </dl>
              {action.error && <Alert tone="error">{action.error}</Alert>}
              <fieldset className="flex flex-col gap-2">
                <legend className="mb-1.5 text-sm font-medium text-fg">Access</legend>
                {SCOPES.map((option) => {
                  const disabled = option.value === "write" && !writeAllowed;
                  return (
                    <label
                      key={option.value}
                      className="flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40 has-disabled:cursor-not-allowed has-disabled:opacity-60"
                    >
                      <input
                        type="radio"
                        name="scope"
                        value={option.value}
                        disabled={disabled}
                        defaultChecked={option.value === request.requested_scope}
                        className="mt-1 accent-primary"
                      />
                      <span className="flex flex-col">
                        <span className="text-sm font-medium text-fg">{option.label}</span>
                        <span className="text-sm text-fg-muted">
                          {disabled ? "The CLI asked for read access only (openbank login --scope write asks for more)." : option.hint}
                        </span>
                      </span>
                    </label>
                  );
                })}
                {action.fields.scope && <p className="text-sm text-danger">{action.fields.scope}</p>}
              </fieldset>
              <FormField
                id="device-team"
                label="Teams"
                hint="A token limited to one team sees no other team's apps."
                error={action.fields.team_id}
              >
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
              <p className="text-sm text-fg-muted">
                The CLI gets a personal access token named “openbank CLI on {request.client_host ?? "an unnamed computer"}”, valid for 90
                days.
              </p>
            </CardBody>
            <CardFooter>
              <Button variant="secondary" onClick={(event) => void decide(false, event.currentTarget.form)} disabled={action.pending}>
                Deny
              </Button>
              <Button type="submit" loading={action.pending}>
                Approve
              </Button>
            </CardFooter>
          </form>
        </Card>
      </div>
    );
  }

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">Sign in the openbank CLI</h1>
      <p className="mt-1.5 text-fg-muted">
        Enter the code <code className="font-mono">openbank login</code> shows in your terminal.
      </p>
      <Card className="mt-6">
        <form noValidate onSubmit={onLookup}>
          <CardBody className="flex flex-col gap-5">
            <PhishingWarning />
            <FormField
              id="device-user-code-input"
              label="Code"
              hint="Eight letters, like BDFH-JKLM. Case and hyphens do not matter."
              error={action.fields.user_code ?? action.error}
            >
              {(control) => (
                <Input
                  {...control}
                  name="user_code"
                  defaultValue={initialCode}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={32}
                  autoFocus={!initialCode}
                  className="font-mono text-lg tracking-[0.15em] uppercase"
                  required
                />
              )}
            </FormField>
          </CardBody>
          <CardFooter>
            <Button type="submit" loading={action.pending}>
              Continue
            </Button>
          </CardFooter>
        </form>
      </Card>
    </div>
  );
}
