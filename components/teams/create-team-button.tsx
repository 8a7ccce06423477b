"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconUsers } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { switchTeam } from "./switch-team";

/** "Create team": a name; you become its owner and the dashboard switches to it. */
export function CreateTeamButton({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, fields, reset } = useApiAction();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    const done = await run(() => portalApi.POST("/api/teams", { body: { name } }));
    if (!done) return;
    const team = done.data;
    await switchTeam(team.id);
    setOpen(false);
    router.push(`/dashboard/teams/${team.id}`);
    router.refresh();
  }

  return (
    <>
      <Button
        variant={variant}
        icon={<IconUsers />}
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        Create team
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Create a team"
        description="Share apps and keys with colleagues. You will be the team's owner."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form="create-team-form" loading={pending}>
              {pending ? "Creating…" : "Create team"}
            </Button>
          </>
        }
      >
        <form id="create-team-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {error && <Alert tone="error">{error}</Alert>}
          <FormField id="team-name" label="Team name" hint="e.g. your company or project." error={fields.name}>
            {(control) => <Input {...control} ref={input} name="name" maxLength={60} autoComplete="organization" required />}
          </FormField>
        </form>
      </Dialog>
    </>
  );
}
