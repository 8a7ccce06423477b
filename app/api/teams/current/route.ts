import { handle } from "@/lib/portal-api/handle-operation";
import { currentTeamCookie } from "@/lib/teams/current-team";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { switchTeamOperation } from "@/lib/teams/team-operations";

/** The dashboard shows this team from now on: a member's choice, remembered in a cookie. */
export const POST = handle(switchTeamOperation, async ({ user, body, headers }) => {
  const { teamId } = await requireTeamAccess({ teamId: body.team_id, userId: user.id, action: "team:read" });
  headers.set("set-cookie", currentTeamCookie(teamId));
});
