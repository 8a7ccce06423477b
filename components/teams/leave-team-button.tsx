"use client";

import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "./confirm-action-button";

/** Leave the team (not the owner): you lose access to its apps and keys at once. */
export function LeaveTeamButton({ teamId, teamName, membershipId }: { teamId: string; teamName: string; membershipId: string }) {
  const router = useRouter();
  return (
    <ConfirmActionButton
      label="Leave team"
      title={`Leave ${teamName}?`}
      confirmLabel="Leave team"
      pendingLabel="Leaving…"
      method="DELETE"
      url={`/api/teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(membershipId)}`}
      size="md"
      onDone={() => {
        router.push("/dashboard/teams");
        router.refresh();
      }}
    >
      <p>You lose access to the team&apos;s apps, keys and logs at once. Keys you created keep working for the team.</p>
      <p>To come back, ask an owner or admin for a new invitation.</p>
    </ConfirmActionButton>
  );
}
