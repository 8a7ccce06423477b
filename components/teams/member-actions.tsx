"use client";

import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** "Remove": the member loses access to the team at once. */
export function RemoveMemberButton({
  teamId,
  teamName,
  member,
}: {
  teamId: string;
  teamName: string;
  member: { id: string; name: string; email: string };
}) {
  return (
    <ActionDialog
      label="Remove"
      ariaLabel={`Remove ${member.name}`}
      title={`Remove ${member.name}?`}
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      action={() => portalApi.DELETE("/api/teams/{teamId}/members/{memberId}", { params: { path: { teamId, memberId: member.id } } })}
    >
      <p>
        {member.email} loses access to {teamName}&apos;s apps, keys and logs at once. Keys they created keep working.
      </p>
    </ActionDialog>
  );
}

/** "Resend": a fresh link by email; the one sent before stops working. */
export function ResendInviteButton({ teamId, invite }: { teamId: string; invite: { id: string; email: string } }) {
  return (
    <ActionDialog
      label="Resend"
      ariaLabel={`Resend invitation to ${invite.email}`}
      title={`Resend the invitation to ${invite.email}?`}
      confirmLabel="Resend"
      pendingLabel="Sending…"
      confirmVariant="primary"
      action={() => portalApi.POST("/api/teams/{teamId}/invites/{inviteId}/resend", { params: { path: { teamId, inviteId: invite.id } } })}
    >
      <p>A fresh link valid for 7 days is emailed; the link sent before stops working.</p>
    </ActionDialog>
  );
}

/** "Revoke": the invitation's link stops working at once. */
export function RevokeInviteButton({ teamId, invite }: { teamId: string; invite: { id: string; email: string } }) {
  return (
    <ActionDialog
      label="Revoke"
      ariaLabel={`Revoke invitation to ${invite.email}`}
      title={`Revoke the invitation to ${invite.email}?`}
      confirmLabel="Revoke invitation"
      pendingLabel="Revoking…"
      action={() => portalApi.DELETE("/api/teams/{teamId}/invites/{inviteId}", { params: { path: { teamId, inviteId: invite.id } } })}
    >
      <p>The link stops working at once. You can invite them again later.</p>
    </ActionDialog>
  );
}
