"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/cn";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** The developer's name, as teams see it (member lists, the audit log): 1–100 characters, as at sign-up. */
export function ProfileNameForm({ name, className }: { name: string; className?: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const [current, setCurrent] = useState(name);
  const [saved, setSaved] = useState(false);
  const action = useApiAction();
  const unchanged = value.trim() === current;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const done = await action.run(() => portalApi.PATCH("/api/account", { body: { name: value } }));
    if (!done) return;
    setValue(done.data.name);
    setCurrent(done.data.name);
    setSaved(true);
    // The header's menu and the member lists read the name from the server.
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className={cn("flex flex-col gap-3", className)} data-testid="profile-name-form">
      <FormField
        id="profile-name"
        label="Name"
        hint="Shown to your teams in member lists and the audit log."
        error={action.fields.name ?? action.error}
      >
        {(control) => (
          <Input
            {...control}
            name="name"
            autoComplete="name"
            maxLength={100}
            value={value}
            onChange={(event) => (setValue(event.target.value), setSaved(false))}
            className="sm:max-w-sm"
          />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" loading={action.pending} disabled={unchanged}>
          Save name
        </Button>
        {saved && (
          <Alert tone="success" className="py-1.5" role="status">
            Saved. Your teams see the new name from now on.
          </Alert>
        )}
      </div>
    </form>
  );
}
