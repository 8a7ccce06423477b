"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconKey } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { KeyReveal } from "./key-reveal";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

const SCOPES = [
  { value: "read_write", label: "Read and write", hint: "Every call: read data, create payments, customers and accounts." },
  { value: "read_only", label: "Read only", hint: "GET calls only; anything else answers 403 insufficient_scope." },
] as const;

type Step = { kind: "closed" } | { kind: "name" } | { kind: "reveal"; secret: string; name: string; keyId: string };

/** "Create key": a name, then the one-time reveal of the new secret in the same dialog. */
export function CreateKeyButton({ appId, portalUrl }: { appId: string; portalUrl: string }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const action = useApiAction();
  const { pending, fields } = action;
  const nameError = fields.name;
  const formError = action.error ?? fields.expires_at ?? fields.scope;
  const nameInput = useRef<HTMLInputElement>(null);

  // The dialog has opened (its effect runs first): start in the name field, not on "Close";
  // once the key exists, on its secret (selected, ready to copy) instead of nowhere.
  useEffect(() => {
    if (step.kind === "name") nameInput.current?.focus();
    if (step.kind === "reveal") document.getElementById("new-key-secret")?.focus();
  }, [step.kind]);

  function open() {
    action.reset();
    setStep({ kind: "name" });
  }

  // Closing forgets the secret: it lives only in this component's state, never in storage.
  function close() {
    setStep({ kind: "closed" });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "");
    const scope = data.get("scope") === "read_only" ? "read_only" : "read_write";
    const days = Number(data.get("expires_in_days") ?? 0);
    const expires_at = days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
    const done = await action.run(() =>
      portalApi.POST("/api/apps/{appId}/keys", { params: { path: { appId } }, body: { name, scope, expires_at } }),
    );
    if (!done) return;
    setStep({ kind: "reveal", secret: done.data.secret, name: done.data.key.name, keyId: done.data.key.id });
    router.refresh(); // the new key joins the table behind the dialog
  }

  return (
    <>
      <Button icon={<IconKey />} onClick={open}>
        Create key
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? `“${step.name}” is ready` : "Create a sandbox key"}
        description={
          step.kind === "reveal"
            ? "This is the only time the full secret is shown."
            : "A new key for this app. Existing keys keep working until you revoke them."
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
              <Button type="submit" form="create-key-form" loading={pending}>
                {pending ? "Creating…" : "Create key"}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <div data-testid="key-reveal">
            <KeyReveal secret={step.secret} portalUrl={portalUrl} appId={appId} keyId={step.keyId} idPrefix="new-key" />
          </div>
        ) : (
          <form id="create-key-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
            {formError && <Alert tone="error">{formError}</Alert>}
            <FormField id="new-key-name" label="Key name" hint="Helps you tell keys apart, e.g. “CI” or “Laptop”." error={nameError}>
              {(control) => <Input {...control} ref={nameInput} name="name" maxLength={60} autoComplete="off" required />}
            </FormField>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1.5 text-sm font-medium text-fg">Permissions</legend>
              {SCOPES.map((option) => (
                <label
                  key={option.value}
                  className="flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40"
                >
                  <input
                    type="radio"
                    name="scope"
                    value={option.value}
                    defaultChecked={option.value === "read_write"}
                    className="mt-1 accent-primary"
                  />
                  <span className="flex flex-col">
                    <span className="text-sm font-medium text-fg">{option.label}</span>
                    <span className="text-sm text-fg-muted">{option.hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
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
          </form>
        )}
      </Dialog>
    </>
  );
}
