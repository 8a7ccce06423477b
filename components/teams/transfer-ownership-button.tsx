"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** The owner hands the team to another member and becomes an admin: one owner, always. */
export function TransferOwnershipButton({
  teamId,
  teamName,
  members,
}: {
  teamId: string;
  teamName: string;
  members: Array<{ id: string; name: string; email: string; role: string }>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending, error, fields, reset } = useApiAction();
  const select = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (open) select.current?.focus();
  }, [open]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const memberId = String(new FormData(event.currentTarget).get("member_id") ?? "");
    const done = await run(() =>
      portalApi.POST("/api/teams/{teamId}/transfer", { params: { path: { teamId } }, body: { member_id: memberId } }),
    );
    if (!done) return;
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button
        variant="secondary"
        disabled={members.length === 0}
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        Transfer ownership
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Transfer ownership of ${teamName}`}
        description="The new owner can do everything, including removing you. You become an admin."
        footer={
          <>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" form="transfer-form" variant="danger" loading={pending}>
              {pending ? "Transferring…" : "Transfer ownership"}
            </Button>
          </>
        }
      >
        <form id="transfer-form" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {error && <Alert tone="error">{error}</Alert>}
          <FormField id="transfer-member" label="New owner" error={fields.member_id}>
            {(control) => (
              <Select {...control} ref={select} name="member_id" required>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name} · {member.email} ({member.role})
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        </form>
      </Dialog>
    </>
  );
}
