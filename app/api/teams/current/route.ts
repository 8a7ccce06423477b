import { portalUrl } from "@/lib/http/portal-url";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { CURRENT_TEAM_COOKIE } from "@/lib/teams/current-team";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { switchTeamInput } from "@/lib/teams/team-input";

/** POST {team_id} → 204: the dashboard shows this team from now on (remembered in a cookie). */
export const POST = withUser(async ({ request, user }) => {
  const { team_id } = await readJson(request, switchTeamInput);
  const { teamId } = await requireTeamAccess({ teamId: team_id, userId: user.id, action: "team:read" });
  const secure = new URL(portalUrl()).protocol === "https:" ? "; Secure" : "";
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": `${CURRENT_TEAM_COOKIE}=${teamId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}` },
  });
});
