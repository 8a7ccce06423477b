"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { problemMessage, readProblem } from "@/lib/http/read-problem";
import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";
import type { EndpointDto } from "@/lib/webhooks/endpoint-dto";
import { SecretReveal } from "./secret-reveal";

type Dialogs = { kind: "none" } | { kind: "rotate" } | { kind: "rotated"; secret: string } | { kind: "delete" } | { kind: "test" };

/** Enable/disable, send a test event, rotate the secret, delete: each one call to the portal API. */
export function EndpointActions({ appId, endpoint, eventTypes }: { appId: string; endpoint: EndpointDto; eventTypes: EventTypeInfo[] }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialogs>({ kind: "none" });
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [testType, setTestType] = useState(endpoint.event_types[0] ?? eventTypes[0]?.type ?? "payment.completed");
  const base = `/api/apps/${encodeURIComponent(appId)}/webhooks/${encodeURIComponent(endpoint.id)}`;

  async function call(name: string, method: string, path: string, body?: unknown): Promise<unknown | null> {
    setPending(name);
    setError(undefined);
    try {
      const response = await fetch(base + path, {
        method,
        headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) {
        setError(problemMessage(await readProblem(response)));
        return null;
      }
      return await response.json();
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
      return null;
    } finally {
      setPending(null);
    }
  }

  const close = () => setDialog({ kind: "none" });
  const types = eventTypes.length ? eventTypes.map((info) => info.type) : [testType];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => { setError(undefined); setDialog({ kind: "test" }); }}>
          Send test event
        </Button>
        <Button
          size="sm"
          variant="secondary"
          loading={pending === "toggle"}
          onClick={async () => {
            if (await call("toggle", "PATCH", "", { enabled: !endpoint.enabled })) router.refresh();
          }}
        >
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => { setError(undefined); setDialog({ kind: "rotate" }); }}>
          Rotate secret
        </Button>
        <Button size="sm" variant="danger" onClick={() => { setError(undefined); setDialog({ kind: "delete" }); }}>
          Delete
        </Button>
      </div>
      {error && dialog.kind === "none" && <Alert tone="error">{error}</Alert>}

      <Dialog
        open={dialog.kind === "test"}
        onClose={close}
        title="Send a test event"
        description={`A ${"{"}"id": null, "sandbox_test": true${"}"} event of the type you choose, to this endpoint only. It is signed and retried like any delivery.`}
        footer={
          <>
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button
              loading={pending === "test"}
              onClick={async () => {
                if (await call("test", "POST", "/test", { type: testType })) {
                  close();
                  router.refresh();
                }
              }}
            >
              Send
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2">
          <label htmlFor="test-event-type" className="text-sm font-medium text-fg">Event type</label>
          <Select id="test-event-type" value={testType} onChange={(event) => setTestType(event.target.value)}>
            {types.map((type) => <option key={type} value={type}>{type}</option>)}
          </Select>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Dialog>

      <Dialog
        open={dialog.kind === "rotate" || dialog.kind === "rotated"}
        onClose={() => { close(); router.refresh(); }}
        dismissible={dialog.kind !== "rotated"}
        title={dialog.kind === "rotated" ? "New signing secret" : "Rotate the signing secret?"}
        description={dialog.kind === "rotated" ? undefined : "A new secret starts signing at once. The current one keeps signing too for 24 hours (two signatures per delivery), so you can deploy the new one without missing events."}
        className="max-w-xl"
        footer={
          dialog.kind === "rotated" ? (
            <Button onClick={() => { close(); router.refresh(); }}>I&apos;ve stored it</Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>Cancel</Button>
              <Button
                loading={pending === "rotate"}
                onClick={async () => {
                  const rotated = (await call("rotate", "POST", "/rotate-secret")) as { secret: string } | null;
                  if (rotated) setDialog({ kind: "rotated", secret: rotated.secret });
                }}
              >
                Rotate secret
              </Button>
            </>
          )
        }
      >
        {dialog.kind === "rotated" ? <SecretReveal secret={dialog.secret} note="Deploy it within 24 hours: then the previous secret stops signing." /> : error && <Alert tone="error">{error}</Alert>}
      </Dialog>

      <Dialog
        open={dialog.kind === "delete"}
        onClose={close}
        title="Delete this endpoint?"
        description="Nothing more is sent to it, pending retries included, and its delivery log is deleted."
        footer={
          <>
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button
              variant="danger"
              loading={pending === "delete"}
              onClick={async () => {
                if (await call("delete", "DELETE", "")) router.push(`/dashboard/apps/${encodeURIComponent(appId)}`);
              }}
            >
              Delete endpoint
            </Button>
          </>
        }
      >
        {error && <Alert tone="error">{error}</Alert>}
      </Dialog>
    </div>
  );
}
