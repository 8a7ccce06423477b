"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { CodeBlock } from "@/components/ui/code";
import { CreateAndRevealDialog } from "@/components/ui/create-and-reveal-dialog";
import { FormField } from "@/components/ui/form-field";
import { IconKey } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { RadioCards } from "@/components/ui/radio-cards";
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

/** "Create token": name, scope, team and expiry, then the one-time reveal of the token in the same dialog. */
export function CreateTokenButton({ teams, portalUrl }: { teams: { id: string; name: string }[]; portalUrl: string }) {
  const router = useRouter();
  const action = useApiAction();
  const { fields } = action;
  const formError = action.error ?? fields.scope ?? fields.team_id ?? fields.expires_in_days;

  async function create(data: FormData) {
    const name = String(data.get("name") ?? "");
    const scope = data.get("scope") === "write" ? "write" : "read";
    const team = String(data.get("team_id") ?? "");
    const days = Number(data.get("expires_in_days"));
    const expires_in_days = (EXPIRIES as readonly number[]).includes(days) ? (days as (typeof EXPIRIES)[number]) : 30;
    const done = await action.run(() =>
      portalApi.POST("/api/account/tokens", { body: { name, scope, team_id: team || null, expires_in_days } }),
    );
    if (!done) return null;
    router.refresh(); // the new token joins the table behind the dialog
    return { secret: done.data.secret, name: done.data.token.name };
  }

  return (
    <CreateAndRevealDialog
      trigger={{ label: "Create token", icon: <IconKey /> }}
      formId="create-token-form"
      title="Create an access token"
      description="For the openbank CLI and CI jobs: it calls the portal API as you, within the scope and team you choose."
      submitLabel="Create token"
      pendingLabel="Creating…"
      pending={action.pending}
      onOpen={action.reset}
      onSubmit={create}
      reveal={{
        title: (token) => `“${token.name}” is ready`,
        description: "This is the only time the token is shown.",
        focusId: "new-token-secret",
        body: (token) => (
          <div data-testid="token-reveal">
            <OneTimeSecret
              id="new-token-secret"
              label="Access token"
              copyLabel="access token"
              testId="revealed-token"
              secret={token.secret}
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
                code={`curl ${portalUrl}/api/apps \\\n  -H "Authorization: Bearer ${token.secret}"`}
              />
            </OneTimeSecret>
          </div>
        ),
      }}
      fields={
        <>
          {formError && <Alert tone="error">{formError}</Alert>}
          <FormField
            id="new-token-name"
            label="Token name"
            hint="Where it is used, e.g. “Laptop CLI” or “GitHub Actions”."
            error={fields.name}
          >
            {(control) => <Input {...control} name="name" maxLength={60} autoComplete="off" required />}
          </FormField>
          <RadioCards legend="Scope" name="scope" options={SCOPES} defaultValue="read" />
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
        </>
      }
    />
  );
}
