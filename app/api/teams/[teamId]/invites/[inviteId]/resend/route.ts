import { auditActor } from "@/lib/audit/audit-actor";
import { withUser } from "@/lib/http/with-user";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { resendInvite } from "@/lib/teams/resend-invite";

/** POST → {invite, sent}: a fresh link and 7 more days; the previous link stops working. */
export const POST = withUser<{ teamId: string; inviteId: string }>(async ({ request, user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "invite:resend" });
  return Response.json(await resendInvite({ teamId, inviteId: params.inviteId, actor: auditActor(user, request) }));
});
