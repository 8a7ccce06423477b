"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconWebhook } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { EventTypePicker } from "./event-type-picker";

/** The first error about the filter, whichever item it points at (`event_types/3`). */
const eventTypesError = (fields: Record<string, string>) =>
  Object.entries(fields).find(([pointer]) => pointer.startsWith("event_types"))?.[1];

type Step = { kind: "closed" } | { kind: "form" } | { kind: "reveal"; secret: string; endpointId: string };

/** "Add endpoint": URL, description, event filter; then the signing secret, once. */
export function AddEndpointButton({ appId, eventTypes }: { appId: string; eventTypes: EventTypeInfo[] }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [selected, setSelected] = useState<string[]>([]);
  const action = useApiAction();
  const { pending, fields } = action;
  const filterError = eventTypesError(fields);

  // Once the endpoint exists, start on its secret (it selects itself, ready to copy), not nowhere.
  useEffect(() => {
    if (step.kind === "reveal") document.getElementById("new-webhook-secret")?.focus();
  }, [step.kind]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const body = { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), event_types: selected };
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/webhooks", { params: { path: { appId } }, body }));
    if (!done) return;
    setStep({ kind: "reveal", secret: done.data.secret, endpointId: done.data.endpoint.id });
    router.refresh(); // the new endpoint joins the table behind the dialog
  }

  const close = () => setStep({ kind: "closed" });
  return (
    <>
      <Button
        icon={<IconWebhook />}
        onClick={() => {
          setSelected([]);
          action.reset();
          setStep({ kind: "form" });
        }}
      >
        Add endpoint
      </Button>
      <Dialog
        open={step.kind !== "closed"}
        onClose={close}
        dismissible={step.kind !== "reveal"}
        title={step.kind === "reveal" ? "Endpoint added" : "Add a webhook endpoint"}
        description={
          step.kind === "reveal"
            ? "Events of this app's sandbox are now sent to it, signed with this secret."
            : "Where this app's sandbox events are POSTed, signed per Standard Webhooks."
        }
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button
              key="done"
              onClick={() => router.push(`/dashboard/apps/${encodeURIComponent(appId)}/webhooks/${encodeURIComponent(step.endpointId)}`)}
            >
              I&apos;ve stored it
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form="add-endpoint-form" loading={pending}>
                {pending ? "Adding…" : "Add endpoint"}
              </Button>
            </>
          )
        }
      >
        {step.kind === "reveal" ? (
          <OneTimeSecret
            id="new-webhook-secret"
            label="Signing secret"
            testId="webhook-secret"
            secret={step.secret}
            warning="Your receiver needs it to verify each delivery's webhook-signature. We show it only once."
          />
        ) : (
          <form id="add-endpoint-form" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
            {action.error && <Alert tone="error">{action.error}</Alert>}
            <FormField
              id="endpoint-url"
              label="Endpoint URL"
              error={fields.url}
              hint="https://… on the public internet (http works in the sandbox)."
            >
              {(control) => (
                <Input
                  {...control}
                  name="url"
                  type="url"
                  required
                  autoFocus
                  placeholder="https://example.com/webhooks/open-bank"
                  autoComplete="off"
                />
              )}
            </FormField>
            <FormField id="endpoint-description" label="Description" optional error={fields.description}>
              {(control) => <Input {...control} name="description" maxLength={200} placeholder="Production payments handler" />}
            </FormField>
            <EventTypePicker types={eventTypes} selected={selected} onChange={setSelected} />
            {filterError && <p className="text-sm text-danger">{filterError}</p>}
          </form>
        )}
      </Dialog>
    </>
  );
}
