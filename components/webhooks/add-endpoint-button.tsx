"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { CreateAndRevealDialog } from "@/components/ui/create-and-reveal-dialog";
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

/** "Add endpoint": URL, description, event filter; then the signing secret, once. */
export function AddEndpointButton({ appId, eventTypes }: { appId: string; eventTypes: EventTypeInfo[] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const action = useApiAction();
  const { fields } = action;
  const filterError = eventTypesError(fields);

  async function add(form: FormData) {
    const body = { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), event_types: selected };
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/webhooks", { params: { path: { appId } }, body }));
    if (!done) return null;
    router.refresh(); // the new endpoint joins the table behind the dialog
    return { secret: done.data.secret, endpointId: done.data.endpoint.id };
  }

  return (
    <CreateAndRevealDialog
      trigger={{ label: "Add endpoint", icon: <IconWebhook /> }}
      formId="add-endpoint-form"
      title="Add a webhook endpoint"
      description="Where this app's sandbox events are POSTed, signed per Standard Webhooks."
      submitLabel="Add endpoint"
      pendingLabel="Adding…"
      pending={action.pending}
      onOpen={() => {
        setSelected([]);
        action.reset();
      }}
      onSubmit={add}
      reveal={{
        title: () => "Endpoint added",
        description: "Events of this app's sandbox are now sent to it, signed with this secret.",
        focusId: "new-webhook-secret",
        body: (endpoint) => (
          <OneTimeSecret
            id="new-webhook-secret"
            label="Signing secret"
            testId="webhook-secret"
            secret={endpoint.secret}
            warning="Your receiver needs it to verify each delivery's webhook-signature. We show it only once."
          />
        ),
        onDone: (endpoint) =>
          router.push(`/dashboard/apps/${encodeURIComponent(appId)}/webhooks/${encodeURIComponent(endpoint.endpointId)}`),
      }}
      fields={
        <>
          {action.error && <Alert tone="error">{action.error}</Alert>}
          <FormField
            id="endpoint-url"
            label="Endpoint URL"
            error={fields.url}
            hint="https://… on the public internet (http works in the sandbox)."
          >
            {(control) => (
              <Input {...control} name="url" type="url" required placeholder="https://example.com/webhooks/open-bank" autoComplete="off" />
            )}
          </FormField>
          <FormField id="endpoint-description" label="Description" optional error={fields.description}>
            {(control) => <Input {...control} name="description" maxLength={200} placeholder="Production payments handler" />}
          </FormField>
          <EventTypePicker types={eventTypes} selected={selected} onChange={setSelected} />
          {filterError && <p className="text-sm text-danger">{filterError}</p>}
        </>
      }
    />
  );
}
