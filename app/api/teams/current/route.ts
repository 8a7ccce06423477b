import { portalUrl } from "@/lib/http/portal-url";
import { handle } from "@/lib/portal-api/handle-operation";
import { CURRENT_TEAM_COOKIE } from "@/lib/teams/current-team";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { switchTeamOperation } from "@/lib/teams/team-operations";

export const POST = handle(switchTeamOperation, async ({ user, body, headers }) => {
  const { teamId } = await requireTeamAccess({ teamId: body.team_id, userId: user.id, action: "team:read" });
  const secure = new URL(portalUrl()).protocol === "https:" ? "; Secure" : "";
  headers.set("set-cookie", `${CURRENT_TEAM_COOKIE}=${teamId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`);
});
