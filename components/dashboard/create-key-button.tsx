"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { CreateAndRevealDialog } from "@/components/ui/create-and-reveal-dialog";
import { FormField } from "@/components/ui/form-field";
import { IconKey } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { RadioCards } from "@/components/ui/radio-cards";
import { Select } from "@/components/ui/select";
import { KeyReveal } from "./key-reveal";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

const SCOPES = [
  { value: "read_write", label: "Read and write", hint: "Every call: read data, create payments, customers and accounts." },
  { value: "read_only", label: "Read only", hint: "GET calls only; anything else answers 403 insufficient_scope." },
] as const;

/** "Create key": a name, then the one-time reveal of the new secret in the same dialog. */
export function CreateKeyButton({ appId, portalUrl }: { appId: string; portalUrl: string }) {
  const router = useRouter();
  const action = useApiAction();
  const { fields } = action;
  const formError = action.error ?? fields.expires_at ?? fields.scope;

  async function create(data: FormData) {
    const name = String(data.get("name") ?? "");
    const scope = data.get("scope") === "read_only" ? "read_only" : "read_write";
    const days = Number(data.get("expires_in_days") ?? 0);
    const expires_at = days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    const done = await action.run(() =>
      portalApi.POST("/api/apps/{appId}/keys", { params: { path: { appId } }, body: { name, scope, expires_at } }),
    );
    if (!done) return null;
    router.refresh(); // the new key joins the table behind the dialog
    return { secret: done.data.secret, name: done.data.key.name, keyId: done.data.key.id };
  }

  return (
    <CreateAndRevealDialog
      trigger={{ label: "Create key", icon: <IconKey /> }}
      formId="create-key-form"
      title="Create a sandbox key"
      description="A new key for this app. Existing keys keep working until you revoke them."
      submitLabel="Create key"
      pendingLabel="Creating…"
      pending={action.pending}
      onOpen={action.reset}
      onSubmit={create}
      reveal={{
        title: (key) => `“${key.name}” is ready`,
        description: "This is the only time the full secret is shown.",
        focusId: "new-key-secret",
        body: (key) => (
          <div data-testid="key-reveal">
            <KeyReveal secret={key.secret} portalUrl={portalUrl} appId={appId} keyId={key.keyId} idPrefix="new-key" />
          </div>
        ),
      }}
      fields={
        <>
          {formError && <Alert tone="error">{formError}</Alert>}
          <FormField id="new-key-name" label="Key name" hint="Helps you tell keys apart, e.g. “CI” or “Laptop”." error={fields.name}>
            {(control) => <Input {...control} name="name" maxLength={60} autoComplete="off" required />}
          </FormField>
          <RadioCards legend="Permissions" name="scope" options={SCOPES} defaultValue="read_write" />
          <FormField id="new-key-expiry" label="Expires" hint="After this the gateway answers 401 expired_api_key.">
            {(control) => (
              <Select {...control} name="expires_in_days" defaultValue="0">
                <option value="0">Never</option>
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
