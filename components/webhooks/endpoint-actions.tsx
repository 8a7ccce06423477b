"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";
import type { EndpointDto } from "@/lib/webhooks/endpoint-dto";

/** Enable/disable, send a test event, rotate the secret, delete: each one call to the portal API. */
export function EndpointActions({ appId, endpoint, eventTypes }: { appId: string; endpoint: EndpointDto; eventTypes: EventTypeInfo[] }) {
  const router = useRouter();
  const toggle = useApiAction();
  const toggleError = toggle.error ?? Object.values(toggle.fields)[0];
  const firstType = endpoint.event_types[0] ?? eventTypes[0]?.type ?? "payment.completed";
  const [testType, setTestType] = useState(firstType);
  const types = eventTypes.length ? eventTypes.map((info) => info.type) : [testType];
  const path = { appId, endpointId: endpoint.id };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <ActionDialog
          label="Send test event"
          variant="primary"
          title="Send a test event"
          description={`A ${"{"}"id": null, "sandbox_test": true${"}"} event of the type you choose, to this endpoint only. It is signed and retried like any delivery.`}
          confirmLabel="Send"
          pendingLabel="Sending…"
          confirmVariant="primary"
          // Nothing to undo here: start on the choice.
          initialFocus="#test-event-type"
          action={() => portalApi.POST("/api/apps/{appId}/webhooks/{endpointId}/test", { params: { path }, body: { type: testType } })}
        >
          <div className="flex flex-col gap-2">
            <label htmlFor="test-event-type" className="text-sm font-medium text-fg">
              Event type
            </label>
            <Select id="test-event-type" value={testType} onChange={(event) => setTestType(event.target.value)}>
              {types.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </Select>
          </div>
        </ActionDialog>
        <Button
          size="sm"
          variant="secondary"
          loading={toggle.pending}
          onClick={async () => {
            const done = await toggle.run(() =>
              portalApi.PATCH("/api/apps/{appId}/webhooks/{endpointId}", { params: { path }, body: { enabled: !endpoint.enabled } }),
            );
            if (done) router.refresh();
          }}
        >
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <ActionDialog
          label="Rotate secret"
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          pendingLabel="Rotating…"
          confirmVariant="primary"
          className="max-w-xl text-left whitespace-normal"
          action={() => portalApi.POST("/api/apps/{appId}/webhooks/{endpointId}/rotate-secret", { params: { path } })}
          reveal={{
            title: "New signing secret",
            render: (rotated) => (
              <OneTimeSecret
                id="rotated-webhook-secret"
                label="Signing secret"
                testId="webhook-secret"
                secret={rotated.secret}
                warning="Deploy it within 24 hours: then the previous secret stops signing."
              />
            ),
          }}
        >
          <p>
            A new secret starts signing at once. The current one keeps signing too for 24 hours (two signatures per delivery), so you can
            deploy the new one without missing events.
          </p>
        </ActionDialog>
        <ActionDialog
          label="Delete"
          variant="danger"
          title="Delete this endpoint?"
          confirmLabel="Delete endpoint"
          pendingLabel="Deleting…"
          action={() => portalApi.DELETE("/api/apps/{appId}/webhooks/{endpointId}", { params: { path } })}
          onDone={() => router.push(`/dashboard/apps/${encodeURIComponent(appId)}`)}
        >
          <p>Nothing more is sent to it, pending retries included, and its delivery log is deleted.</p>
        </ActionDialog>
      </div>
      {toggleError && <Alert tone="error">{toggleError}</Alert>}
    </div>
  );
}
