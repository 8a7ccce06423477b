"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** Suspend (with a reason the team sees) or reinstate an app. */
export function SuspendAppButton({ appId, appName, suspended }: { appId: string; appName: string; suspended: boolean }) {
  return suspended ? <ReinstateButton appId={appId} appName={appName} /> : <SuspendButton appId={appId} appName={appName} />;
}

/** "Suspend", confirmed in a dialog that asks why: every call with the app's keys is refused from the next one on. */
function SuspendButton({ appId, appName }: { appId: string; appName: string }) {
  const [reason, setReason] = useState("");
  return (
    <ActionDialog
      label="Suspend"
      ariaLabel={`Suspend ${appName}`}
      variant="danger"
      title={`Suspend ${appName}?`}
      description="Every call with the app's keys is refused with 403 app_suspended from the next request on, until you reinstate it."
      confirmLabel="Suspend app"
      pendingLabel="Suspending…"
      onOpen={() => setReason("")}
      // The reason is required: start there.
      initialFocus="textarea"
      action={() => portalApi.POST("/api/admin/apps/{appId}/suspend", { params: { path: { appId } }, body: { reason } })}
    >
      <FormField id={`suspend-reason-${appId}`} label="Reason (shown to the team)">
        {(control) => <Textarea {...control} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />}
      </FormField>
    </ActionDialog>
  );
}

/** "Reinstate": at once, no confirmation (it only gives access back). */
function ReinstateButton({ appId, appName }: { appId: string; appName: string }) {
  const router = useRouter();
  const action = useApiAction();
  return (
    <span className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        loading={action.pending}
        onClick={async () => {
          const done = await action.run(() => portalApi.POST("/api/admin/apps/{appId}/reinstate", { params: { path: { appId } } }));
          if (done) router.refresh();
        }}
        aria-label={`Reinstate ${appName}`}
      >
        Reinstate
      </Button>
      {action.error && (
        <span role="alert" className="text-xs text-danger">
          {action.error}
        </span>
      )}
    </span>
  );
}
