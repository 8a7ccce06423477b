"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { FieldError, FieldHint, FormField } from "@/components/ui/form-field";
import { IconX } from "@/components/ui/icons";
import { Input, Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { stashReveal } from "./reveal-handoff";

const MAX_REDIRECT_URIS = 10;

type Row = { id: number; value: string };
type Errors = { name?: string; description?: string; redirectUris?: string; rows: Record<number, string> };

/** Each field problem under its field (a redirect URI's under its row); the rest above the form. */
function placeErrors(fields: Record<string, string>, sent: Row[], message: string | undefined): { errors: Errors; formError?: string } {
  const errors: Errors = { rows: {} };
  const rest: string[] = [];
  for (const [pointer, detail] of Object.entries(fields)) {
    const row = /^redirect_uris\/(\d+)$/.exec(pointer);
    if (row && sent[Number(row[1])]) errors.rows[sent[Number(row[1])].id] ??= detail;
    else if (pointer === "name") errors.name = detail;
    else if (pointer === "description") errors.description = detail;
    else if (pointer === "redirect_uris") errors.redirectUris = detail;
    else rest.push(detail);
  }
  const formError = [message, ...rest].filter(Boolean).join(" ") || undefined;
  return { errors, formError };
}

/**
 * Registers an app. The API answers with the app, its first key and that key's secret; the
 * secret goes to the app page through a one-read handoff (never the URL).
 */
export function CreateAppForm({ teamId }: { teamId?: string } = {}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const nextRowId = useRef(1);
  const uriHintId = useId();
  const [rows, setRows] = useState<Row[]>([{ id: 0, value: "" }]);
  const action = useApiAction();
  const [navigating, setNavigating] = useState(false);
  const pending = action.pending || navigating;
  // The rows sent, in order: `/body/redirect_uris/2` is the problem of the third row sent.
  const [sent, setSent] = useState<Row[]>([]);
  const { errors, formError } = placeErrors(action.fields, sent, action.error);

  function addRow() {
    const id = nextRowId.current++;
    setRows((current) => [...current, { id, value: "" }]);
    // Focus the new field once it is rendered.
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`#redirect-uri-${id}`)?.focus());
  }

  function removeRow(id: number) {
    setRows((current) => (current.length === 1 ? [{ id: current[0].id, value: "" }] : current.filter((row) => row.id !== id)));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    // Blank rows are not sent; remember which row each sent URI came from, to place its error.
    const sentRows = rows.filter((row) => row.value.trim() !== "");
    const body = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      redirect_uris: sentRows.map((row) => row.value.trim()),
      ...(teamId ? { team_id: teamId } : {}),
    };
    setSent(sentRows);
    const done = await action.run(() => portalApi.POST("/api/apps", { body }));
    if (done) {
      setNavigating(true); // stay pending while the app page loads
      stashReveal(done.data.app.id, { secret: done.data.secret, keyName: done.data.key.name });
      router.push(`/dashboard/apps/${done.data.app.id}`);
      return;
    }
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
  }

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-6" aria-busy={pending || undefined}>
      {formError && (
        <Alert tone="error" title="We couldn't create the app">
          {formError}
        </Alert>
      )}

      <FormField id="app-name" label="Name" hint="Shown to you and your team, e.g. “Budgeting app (staging)”." error={errors.name}>
        {(control) => <Input {...control} name="name" maxLength={60} autoComplete="off" required autoFocus />}
      </FormField>

      <FormField id="app-description" label="Description" optional error={errors.description}>
        {(control) => <Textarea {...control} name="description" maxLength={500} rows={3} />}
      </FormField>

      <fieldset className="flex flex-col gap-2" aria-describedby={uriHintId}>
        <legend className="text-sm font-medium text-fg">
          Redirect URIs<span className="ml-1 font-normal text-fg-muted">(optional)</span>
        </legend>
        <FieldHint id={uriHintId}>
          Where the bank sends customers back after they consent (OAuth). Matched exactly, character for character. Use https; http is
          allowed only for localhost.
        </FieldHint>
        <FieldError id="redirect-uris-error">{errors.redirectUris}</FieldError>
        <ol className="mt-1 flex flex-col gap-3">
          {rows.map((row, index) => {
            const error = errors.rows[row.id];
            const inputId = `redirect-uri-${row.id}`;
            return (
              <li key={row.id} className="flex flex-col gap-1.5">
                <label htmlFor={inputId} className="sr-only">
                  Redirect URI {index + 1}
                </label>
                <div className="flex gap-2">
                  <Input
                    id={inputId}
                    type="url"
                    inputMode="url"
                    spellCheck={false}
                    autoCapitalize="none"
                    placeholder={index === 0 ? "https://example.com/callback" : "http://localhost:3000/callback"}
                    value={row.value}
                    onChange={(event) => {
                      const value = event.target.value;
                      setRows((current) => current.map((candidate) => (candidate.id === row.id ? { ...candidate, value } : candidate)));
                    }}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${inputId}-error` : undefined}
                    className="font-mono"
                  />
                  <Button
                    variant="ghost"
                    className="aspect-square px-0"
                    onClick={() => removeRow(row.id)}
                    aria-label={`Remove redirect URI ${index + 1}`}
                    title="Remove"
                    disabled={rows.length === 1 && row.value === ""}
                  >
                    <IconX />
                  </Button>
                </div>
                <FieldError id={`${inputId}-error`}>{error}</FieldError>
              </li>
            );
          })}
        </ol>
        <div>
          <Button variant="secondary" size="sm" onClick={addRow} disabled={rows.length >= MAX_REDIRECT_URIS}>
            Add another URI
          </Button>
        </div>
      </fieldset>

      <div className="flex flex-col-reverse gap-3 border-t border-border pt-6 sm:flex-row sm:justify-end">
        <ButtonLink href="/dashboard" variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" loading={pending}>
          {pending ? "Creating app…" : "Create app"}
        </Button>
      </div>
    </form>
  );
}
