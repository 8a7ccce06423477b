"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** One redirect URI per line; the server validates each (https, or http on localhost; no fragment). */
export function RedirectUrisForm({ appId, initial, canEdit }: { appId: string; initial: string[]; canEdit: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(initial.join("\n"));
  const action = useApiAction();
  const [saved, setSaved] = useState(false);
  const [submitted, setSubmitted] = useState<string[]>([]);
  // Each URI's problem names its line: "Line 2 (http://evil.example/cb): Must use https".
  const lineErrors = Object.entries(action.fields).map(([pointer, detail]) => {
    const index = /^redirect_uris\/(\d+)$/.exec(pointer)?.[1];
    return index === undefined ? detail : `Line ${Number(index) + 1} (${submitted[Number(index)]}): ${detail}`;
  });
  const error = lineErrors.length ? lineErrors.join(" ") : action.error;
  const { pending } = action;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const lines = value
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    setSaved(false);
    setSubmitted(lines);
    const done = await action.run(() =>
      portalApi.PUT("/api/apps/{appId}/redirect-uris", { params: { path: { appId } }, body: { redirect_uris: lines } }),
    );
    if (!done) return;
    setValue(done.data.redirect_uris.join("\n"));
    setSaved(true);
    router.refresh();
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
