"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useApiAction } from "@/components/teams/use-api-action";

/** Joins the team as the signed-in user, then opens the team's page. */
export function AcceptInviteButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const { run, pending, error } = useApiAction();

  async function accept() {
    const response = await run("POST", "/api/invites/accept", { token });
    if (!response) return;
    const { team_id } = (await response.json()) as { team_id: string };
    await fetch("/api/teams/current", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ team_id }) });
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
