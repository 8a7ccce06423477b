"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";

async function post(path: string, body?: unknown): Promise<string | null> {
  try {
    const response = await fetch(path, {
      method: "POST",
      headers: { accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.ok) return null;
    const problem = await readProblem(response);
    const { fields } = fieldErrors(problem);
    return Object.values(fields)[0] ?? problemMessage(problem);
  } catch {
    return "The server did not answer. Try again.";
  }
}

/** Suspend (with a reason the team sees) or reinstate an app. */
export function SuspendAppButton({ appId, appName, suspended }: { appId: string; appName: string; suspended: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function run(action: "suspend" | "reinstate") {
    setPending(true);
    setError(undefined);
    const failure = await post(`/api/admin/apps/${encodeURIComponent(appId)}/${action}`, action === "suspend" ? { reason } : undefined);
    setPending(false);
    if (failure) {
      setError(failure);
      return;
    }
    setOpen(false);
    setReason("");
    router.refresh();
  }

  if (suspended) {
    return (
      <span className="flex flex-col items-end gap-1">
        <Button size="sm" variant="secondary" loading={pending} onClick={() => void run("reinstate")} aria-label={`Reinstate ${appName}`}>
          Reinstate
        </Button>
        {error && <span role="alert" className="text-xs text-danger">{error}</span>}
      </span>
    );
  }
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)} aria-label={`Suspend ${appName}`}>
        Suspend
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Suspend ${appName}?`}
        description="Every call with the app's keys is refused with 403 app_suspended from the next request on, until you reinstate it."
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={pending} onClick={() => void run("suspend")}>
              Suspend app
            </Button>
          </>
        }
      >
        <FormField id={`suspend-reason-${appId}`} label="Reason (shown to the team)" error={error}>
          {(control) => <Textarea {...control} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} />}
        </FormField>
      </Dialog>
    </>
  );
}
