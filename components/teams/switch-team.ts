import { portalApi } from "@/lib/portal-api/portal-api-client";

/**
 * Makes `teamId` the team the dashboard shows (a cookie the server checks against membership).
 * Best effort: when it fails, the dashboard keeps showing the team it showed.
 */
export async function switchTeam(teamId: string): Promise<void> {
  await portalApi.POST("/api/teams/current", { body: { team_id: teamId } }).catch(() => undefined);
}
