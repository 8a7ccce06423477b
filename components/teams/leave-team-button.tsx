"use client";

import { useRouter } from "next/navigation";
import { ActionDialog } from "@/components/ui/action-dialog";
import { portalApi } from "@/lib/portal-api/portal-api-client";

/** Leave the team (not the owner): you lose access to its apps and keys at once. */
export function LeaveTeamButton({ teamId, teamName, membershipId }: { teamId: string; teamName: string; membershipId: string }) {
  const router = useRouter();
  return (
    <ActionDialog
      label="Leave team"
      size="md"
      title={`Leave ${teamName}?`}
      confirmLabel="Leave team"
      pendingLabel="Leaving…"
      action={() => portalApi.DELETE("/api/teams/{teamId}/members/{memberId}", { params: { path: { teamId, memberId: membershipId } } })}
      onDone={() => {
        router.push("/dashboard/teams");
        router.refresh();
      }}
    >
      <p>You lose access to the team&apos;s apps, keys and logs at once. Keys you created keep working for the team.</p>
      <p>To come back, ask an owner or admin for a new invitation.</p>
    </ActionDialog>
  );
}
