"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";

/** Approve or reject one pending go-live request, with a note (required to reject). */
export function GoLiveReview({ requestId, appName }: { requestId: string; appName: string }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState<"approve" | "reject" | null>(null);

  async function decide(decision: "approve" | "reject") {
    setPending(decision);
    setError(undefined);
    try {
      const response = await fetch(`/api/admin/go-live/${encodeURIComponent(requestId)}/decision`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ decision, note }),
      });
      if (!response.ok) {
        const problem = await readProblem(response);
        setError(Object.values(fieldErrors(problem).fields)[0] ?? problemMessage(problem));
        return;
      }
      router.refresh();
    } catch {
      setError("The server did not answer. Try again.");
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <FormField id={`note-${requestId}`} label="Note to the team" hint="Required to reject; optional to approve." error={error}>
        {(control) => <Textarea {...control} rows={2} value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />}
      </FormField>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" loading={pending === "reject"} disabled={pending !== null} onClick={() => void decide("reject")} aria-label={`Reject ${appName}`}>
          Reject
        </Button>
        <Button loading={pending === "approve"} disabled={pending !== null} onClick={() => void decide("approve")} aria-label={`Approve ${appName}`}>
          Approve
        </Button>
      </div>
    </div>
  );
}
