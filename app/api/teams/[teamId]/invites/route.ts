import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createInvite } from "@/lib/teams/create-invite";
import { listInvites } from "@/lib/teams/list-invites";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { inviteMemberInput } from "@/lib/teams/team-input";

export const GET = withUser<{ teamId: string }>(async ({ user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:read" });
  return Response.json({ data: await listInvites({ teamId }) });
});

/** POST {email, role} → 201 {invite, sent}: the link goes by email (the dev outbox locally), never in the response. */
export const POST = withUser<{ teamId: string }>(async ({ request, user, params }) => {
  const access = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "member:invite" });
  const { email, role } = await readJson(request, inviteMemberInput);
  const result = await createInvite({ teamId: access.teamId, email, role, actorRole: access.role, actor: auditActor(user, request) });
  return Response.json(result, { status: 201 });
});
