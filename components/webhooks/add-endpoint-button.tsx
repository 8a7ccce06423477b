"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconWebhook } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";
import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";
import { EventTypePicker } from "./event-type-picker";
import { SecretReveal } from "./secret-reveal";

/** The first error about the filter, whichever item it points at (`event_types/3`). */
const eventTypesError = (errors: Record<string, string>) => Object.entries(errors).find(([pointer]) => pointer.startsWith("event_types"))?.[1];

type Step = { kind: "closed" } | { kind: "form" } | { kind: "reveal"; secret: string; endpointId: string };

/** "Add endpoint": URL, description, event filter; then the signing secret, once. */
export function AddEndpointButton({ appId, eventTypes }: { appId: string; eventTypes: EventTypeInfo[] }) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "closed" });
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});
    setFormError(undefined);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), event_types: selected }),
      });
      if (response.status === 201) {
        const created = (await response.json()) as { endpoint: { id: string }; secret: string };
        setStep({ kind: "reveal", secret: created.secret, endpointId: created.endpoint.id });
        router.refresh();
        return;
      }
      const problem = await readProblem(response);
      const { fields } = fieldErrors(problem);
      if (Object.keys(fields).length) setErrors(fields);
      else setFormError(problemMessage(problem));
    } catch {
      setFormError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  const close = () => setStep({ kind: "closed" });
  return (
    <>
      <Button
        icon={<IconWebhook />}
        onClick={() => {
          setSelected([]);
          setErrors({});
          setFormError(undefined);
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
        description={step.kind === "reveal" ? "Events of this app's sandbox are now sent to it, signed with this secret." : "Where this app's sandbox events are POSTed, signed per Standard Webhooks."}
        className="max-w-xl"
        footer={
          step.kind === "reveal" ? (
            <Button onClick={() => router.push(`/dashboard/apps/${encodeURIComponent(appId)}/webhooks/${encodeURIComponent(step.endpointId)}`)}>I&apos;ve stored it</Button>
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
          <SecretReveal secret={step.secret} />
        ) : (
          <form id="add-endpoint-form" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
            {formError && <Alert tone="error">{formError}</Alert>}
            <FormField id="endpoint-url" label="Endpoint URL" error={errors.url} hint="https://… on the public internet (http works in the sandbox).">
              {(control) => <Input {...control} name="url" type="url" required autoFocus placeholder="https://example.com/webhooks/open-bank" autoComplete="off" />}
            </FormField>
            <FormField id="endpoint-description" label="Description" optional error={errors.description}>
              {(control) => <Input {...control} name="description" maxLength={200} placeholder="Production payments handler" />}
            </FormField>
            <EventTypePicker types={eventTypes} selected={selected} onChange={setSelected} />
            {eventTypesError(errors) && <p className="text-sm text-danger">{eventTypesError(errors)}</p>}
          </form>
        )}
      </Dialog>
    </>
  );
}
