import { withUser } from "@/lib/http/with-user";
import { listMembers } from "@/lib/teams/list-members";
import { requireTeamAccess } from "@/lib/teams/require-team-access";

export const GET = withUser<{ teamId: string }>(async ({ user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:read" });
  return Response.json({ data: await listMembers({ teamId }) });
});
