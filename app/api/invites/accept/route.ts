import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { acceptInvite } from "@/lib/teams/accept-invite";
import { acceptInviteInput } from "@/lib/teams/team-input";

/** POST {token} → {team_id, role}: the signed-in user joins, if the invitation names their email. */
export const POST = withUser(async ({ request, user }) => {
  const { token } = await readJson(request, acceptInviteInput);
  return Response.json(await acceptInvite({ token, actor: auditActor(user, request) }));
});
