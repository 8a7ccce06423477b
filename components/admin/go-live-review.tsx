"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** Approve or reject one pending go-live request, with a note (required to reject). */
export function GoLiveReview({ requestId, appName }: { requestId: string; appName: string }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [decision, setDecision] = useState<"approve" | "reject">();
  const action = useApiAction();
  const pending = action.pending ? decision : undefined;
  // The note is the only field: whatever the problem points at reads under it.
  const error = action.error ?? Object.values(action.fields)[0];

  async function decide(choice: "approve" | "reject") {
    setDecision(choice);
    const done = await action.run(() =>
      portalApi.POST("/api/admin/go-live/{requestId}/decision", { params: { path: { requestId } }, body: { decision: choice, note } }),
    );
    if (done) router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <FormField id={`note-${requestId}`} label="Note to the team" hint="Required to reject; optional to approve." error={error}>
        {(control) => <Textarea {...control} rows={2} value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button
          variant="secondary"
          loading={pending === "reject"}
          disabled={action.pending}
          onClick={() => void decide("reject")}
          aria-label={`Reject ${appName}`}
        >
          Reject
        </Button>
        <Button
          loading={pending === "approve"}
          disabled={action.pending}
          onClick={() => void decide("approve")}
          aria-label={`Approve ${appName}`}
        >
          Approve
        </Button>
      </div>
    </div>
  );
}
