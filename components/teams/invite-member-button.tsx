"use client";

import type { Role } from "@prisma/client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { IconUserPlus } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { roleDescriptions } from "@/lib/teams/permissions";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { AssignableRole } from "@/lib/teams/team-input";

/** "Invite member": an email and a role; the link goes by email (the dev outbox locally). */
export function InviteMemberButton({ teamId, roles }: { teamId: string; roles: Role[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [sentTo, setSentTo] = useState<{ email: string; sent: boolean }>();
  const { run, pending, error, fields, reset } = useApiAction();
  const email = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) email.current?.focus();
  }, [open]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const body = { email: String(data.get("email") ?? ""), role: String(data.get("role") ?? "developer") as AssignableRole };
    const done = await run(() => portalApi.POST("/api/teams/{teamId}/invites", { params: { path: { teamId } }, body }));
    if (!done) return;
    const result = done.data;
    setSentTo({ email: result.invite.email, sent: result.sent });
    setOpen(false);
    router.refresh();
  }

  return (
    <div className="relative">
      <Button
        icon={<IconUserPlus />}
        onClick={() => {
          reset();
          setSentTo(undefined);
          setOpen(true);
        }}
      >
        Invite member
      </Button>
      {sentTo && (
        <p role="status" className="absolute top-full right-0 mt-2 text-right text-sm whitespace-nowrap text-fg-muted">
          {sentTo.sent
            ? `Invitation sent to ${sentTo.email}.`
            : `Invitation created for ${sentTo.email}, but no mail server is configured.`}
        </p>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Invite a member"
        description="They get an email with a link that works once, for 7 days."
        className="max-w-xl"
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form="invite-form" loading={pending}>
              {pending ? "Sending…" : "Send invitation"}
            </Button>
          </>
        }
      >
        <form id="invite-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {error && <Alert tone="error">{error}</Alert>}
          <FormField id="invite-email" label="Email" error={fields.email}>
            {(control) => <Input {...control} ref={email} name="email" type="email" autoComplete="off" spellCheck={false} required />}
          </FormField>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1.5 text-sm font-medium text-fg">Role</legend>
            {roles.map((role) => (
              <label
                key={role}
                className="flex cursor-pointer items-start gap-3 rounded-control border border-border px-3 py-2.5 has-checked:border-primary has-checked:bg-primary-soft/40"
              >
                <input type="radio" name="role" value={role} defaultChecked={role === "developer"} className="mt-1 accent-primary" />
                <span className="flex flex-col">
                  <span className="text-sm font-medium text-fg capitalize">{role}</span>
                  <span className="text-sm text-fg-muted">{roleDescriptions[role]}</span>
                </span>
              </label>
            ))}
            {fields.role && <p className="text-sm text-danger">{fields.role}</p>}
          </fieldset>
        </form>
      </Dialog>
    </div>
  );
}
