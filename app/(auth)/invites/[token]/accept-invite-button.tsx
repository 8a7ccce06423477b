"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { switchTeam } from "@/components/teams/switch-team";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";

/** Joins the team as the signed-in user, then opens the team's page. */
export function AcceptInviteButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const { run, pending, error } = useApiAction();

  async function accept() {
    const done = await run(() => portalApi.POST("/api/invites/accept", { body: { token } }));
    if (!done) return;
    const { team_id } = done.data;
    await switchTeam(team_id);
    router.push(`/dashboard/teams/${team_id}`);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      <Button size="lg" className="w-full" loading={pending} onClick={accept} autoFocus>
        {pending ? "Joining…" : `Join ${teamName}`}
      </Button>
    </div>
  );
}
