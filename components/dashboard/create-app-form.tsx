"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { FieldError, FieldHint, FormField } from "@/components/ui/form-field";
import { IconX } from "@/components/ui/icons";
import { Input, Textarea } from "@/components/ui/input";
import { fieldErrors, problemMessage, readProblem } from "@/lib/http/read-problem";
import { stashReveal } from "./reveal-handoff";

const MAX_REDIRECT_URIS = 10;

type Row = { id: number; value: string };
type Errors = { name?: string; description?: string; redirectUris?: string; rows: Record<number, string> };

const noErrors: Errors = { rows: {} };

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
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>(noErrors);
  const [formError, setFormError] = useState<string>();

  function addRow() {
    const id = nextRowId.current++;
    setRows((current) => [...current, { id, value: "" }]);
    // Focus the new field once it is rendered.
    requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`#redirect-uri-${id}`)?.focus());
  }

  function removeRow(id: number) {
    setRows((current) => (current.length === 1 ? [{ id: current[0].id, value: "" }] : current.filter((row) => row.id !== id)));
    setErrors((current) => ({ ...current, rows: Object.fromEntries(Object.entries(current.rows).filter(([key]) => Number(key) !== id)) }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    // Blank rows are not sent; remember which row each sent URI came from, to place its error.
    const sent = rows.filter((row) => row.value.trim() !== "");
    const body = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      redirect_uris: sent.map((row) => row.value.trim()),
      ...(teamId ? { team_id: teamId } : {}),
    };
    setPending(true);
    setErrors(noErrors);
    setFormError(undefined);

    let response: Response;
    try {
      response = await fetch("/api/apps", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      });
    } catch {
      setPending(false);
      setFormError("We couldn't reach the server. Check your connection and try again.");
      return;
    }

    if (response.status === 201) {
      const created = (await response.json()) as { app: { id: string }; key: { name: string }; secret: string };
      stashReveal(created.app.id, { secret: created.secret, keyName: created.key.name });
      router.push(`/dashboard/apps/${created.app.id}`);
      return; // stay pending while the app page loads
    }

    const problem = await readProblem(response);
    const { fields, rest } = fieldErrors(problem);
    const next: Errors = { rows: {} };
    for (const [pointer, detail] of Object.entries(fields)) {
      const row = /^redirect_uris\/(\d+)$/.exec(pointer);
      if (row && sent[Number(row[1])]) next.rows[sent[Number(row[1])].id] ??= detail;
      else if (pointer === "name") next.name = detail;
      else if (pointer === "description") next.description = detail;
      else if (pointer === "redirect_uris") next.redirectUris = detail;
      else rest.push(detail);
    }
    const placed = Boolean(next.name || next.description || next.redirectUris || Object.keys(next.rows).length);
    setPending(false);
    setErrors(next);
    if (!placed || rest.length) setFormError([problemMessage(problem), ...rest].join(" "));
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
          Where the bank sends customers back after they consent (OAuth). Matched exactly, character for character.
          Use https; http is allowed only for localhost.
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
