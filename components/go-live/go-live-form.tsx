"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input, Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

const FIELDS: Record<string, string> = {
  contact_name: "contact-name",
  contact_email: "contact-email",
  use_case: "use-case",
  "data_protection/data_controller": "dp-controller",
  "data_protection/purpose": "dp-purpose",
  "data_protection/retention_days": "dp-retention",
  "data_protection/dpo_email": "dp-dpo",
  "data_protection/encrypts_credentials": "dp-encrypts",
  "data_protection/accepts_terms": "dp-terms",
};

/** The go-live checklist. The sandbox evidence is computed by the server when this is sent. */
export function GoLiveForm({
  appId,
  defaultContact,
  canSubmit,
}: {
  appId: string;
  defaultContact: { name: string; email: string };
  canSubmit: boolean;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const action = useApiAction();
  const { pending } = action;
  // Problems about a field show under it; any other (a pointer this form has no field for) above the form.
  const errors = Object.fromEntries(Object.entries(action.fields).filter(([pointer]) => FIELDS[pointer]));
  const unplaced = Object.entries(action.fields)
    .filter(([pointer]) => !FIELDS[pointer])
    .map(([, detail]) => detail);
  const formError = action.error ?? (unplaced.length ? unplaced.join(" ") : undefined);

  // A refused request: start on the first field to fix.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [action.fields]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    // Sent as ticked: the contract accepts only true, and the server's refusal of an unticked box shows under it.
    const ticked = (name: string) => (data.get(name) === "on") as true;
    const body = {
      contact_name: text("contact_name"),
      contact_email: text("contact_email"),
      use_case: text("use_case"),
      data_protection: {
        data_controller: text("data_controller"),
        purpose: text("purpose"),
        retention_days: Number(text("retention_days")),
        dpo_email: text("dpo_email"),
        encrypts_credentials: ticked("encrypts_credentials"),
        accepts_terms: ticked("accepts_terms"),
      },
    };
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/go-live", { params: { path: { appId } }, body }));
    if (done) router.refresh();
  }

  const checkbox = (name: string, pointer: string, label: string) => (
    <div className="flex flex-col gap-1">
      <label className="flex items-start gap-2.5 text-sm text-fg">
        <input
          id={FIELDS[pointer]}
          type="checkbox"
          name={name}
          className="mt-0.5 size-4 accent-primary"
          aria-invalid={errors[pointer] ? true : undefined}
          aria-describedby={errors[pointer] ? `${FIELDS[pointer]}-error` : undefined}
        />
        {label}
      </label>
      {errors[pointer] && (
        <p id={`${FIELDS[pointer]}-error`} className="text-sm text-danger">
          {errors[pointer]}
        </p>
      )}
    </div>
  );

  return (
    <form ref={form} noValidate onSubmit={onSubmit} className="flex flex-col gap-6" aria-busy={pending || undefined}>
      {formError && (
        <Alert tone="error" title="We couldn't submit the request">
          {formError}
        </Alert>
      )}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold text-fg">1. Contact</legend>
        <FormField id="contact-name" label="Name" error={errors.contact_name}>
          {(control) => <Input {...control} name="contact_name" defaultValue={defaultContact.name} autoComplete="name" />}
        </FormField>
        <FormField id="contact-email" label="Email" error={errors.contact_email}>
          {(control) => <Input {...control} name="contact_email" type="email" defaultValue={defaultContact.email} autoComplete="email" />}
        </FormField>
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-3 text-sm font-semibold text-fg">2. Use case</legend>
        <FormField id="use-case" label="What will the app do with the bank's APIs, for whom?" error={errors.use_case}>
          {(control) => <Textarea {...control} name="use_case" rows={4} maxLength={2000} />}
        </FormField>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold text-fg">3. Data protection</legend>
        <FormField id="dp-controller" label="Data controller (legal entity)" error={errors["data_protection/data_controller"]}>
          {(control) => <Input {...control} name="data_controller" autoComplete="organization" />}
        </FormField>
        <FormField id="dp-dpo" label="Data protection officer's email" error={errors["data_protection/dpo_email"]}>
          {(control) => <Input {...control} name="dpo_email" type="email" />}
        </FormField>
        <FormField id="dp-purpose" label="Purpose of processing customer data" error={errors["data_protection/purpose"]}>
          {(control) => <Input {...control} name="purpose" />}
        </FormField>
        <FormField id="dp-retention" label="Retention (days)" error={errors["data_protection/retention_days"]}>
          {(control) => <Input {...control} name="retention_days" type="number" min={1} max={3650} inputMode="numeric" />}
        </FormField>
        <div className="flex flex-col gap-3 sm:col-span-2">
          {checkbox(
            "encrypts_credentials",
            "data_protection/encrypts_credentials",
            "Customer access tokens and API keys are stored encrypted and never logged.",
          )}
          {checkbox(
            "accepts_terms",
            "data_protection/accepts_terms",
            "We accept the production terms and the bank's security requirements.",
          )}
        </div>
      </fieldset>
      <div className="flex justify-end border-t border-border pt-6">
        <Button type="submit" loading={pending} disabled={!canSubmit}>
          {pending ? "Submitting…" : "Request production access"}
        </Button>
      </div>
    </form>
  );
}
