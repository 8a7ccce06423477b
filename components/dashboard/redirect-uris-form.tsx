"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";

/** One redirect URI per line; the server validates each (https, or http on localhost; no fragment). */
export function RedirectUrisForm({ appId, initial, canEdit }: { appId: string; initial: string[]; canEdit: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(initial.join("\n"));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const lines = value.split("\n").map((line) => line.trim()).filter(Boolean);
    setPending(true);
    setError(undefined);
    setSaved(false);
    try {
      const response = await fetch(`/api/apps/${encodeURIComponent(appId)}/redirect-uris`, {
        method: "PUT",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ redirect_uris: lines }),
      });
      if (response.ok) {
        const body = (await response.json()) as { redirect_uris: string[] };
        setValue(body.redirect_uris.join("\n"));
        setSaved(true);
        router.refresh();
        return;
      }
      const problem = await readProblem(response);
      const { fields } = fieldErrors(problem);
      const lineErrors = Object.entries(fields).map(([pointer, detail]) => {
        const index = /^redirect_uris\/(\d+)$/.exec(pointer)?.[1];
        return index === undefined ? detail : `Line ${Number(index) + 1} (${lines[Number(index)]}): ${detail}`;
      });
      setError(lineErrors.length ? lineErrors.join(" ") : problemMessage(problem));
    } catch {
      setError("We couldn't reach the server. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="redirect-uris-form">
      <FormField
        id="redirect-uris"
        label="Redirect URIs"
        hint="One per line, matched exactly (case, trailing slash, query). https, or http only for localhost; no #fragment."
        error={error}
      >
        {(control) => (
          <Textarea
            {...control}
            name="redirect_uris"
            rows={3}
            value={value}
            readOnly={!canEdit}
            spellCheck={false}
            onChange={(event) => (setValue(event.target.value), setSaved(false))}
            className="font-mono text-xs"
            placeholder="https://yourapp.example/oauth/callback"
          />
        )}
      </FormField>
      {canEdit && (
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" loading={pending}>
            Save redirect URIs
          </Button>
          {saved && (
            <Alert tone="success" className="py-1.5" role="status">
              Saved. The bank uses them from the next authorization.
            </Alert>
          )}
        </div>
      )}
    </form>
  );
}
