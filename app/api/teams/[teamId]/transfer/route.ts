import { auditActor } from "@/lib/audit/audit-actor";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { requireTeamAccess } from "@/lib/teams/require-team-access";
import { transferOwnershipInput } from "@/lib/teams/team-input";
import { transferOwnership } from "@/lib/teams/transfer-ownership";

/** POST {member_id} → 204: that member becomes the owner; the current owner becomes an admin. */
export const POST = withUser<{ teamId: string }>(async ({ request, user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "team:transfer" });
  const { member_id } = await readJson(request, transferOwnershipInput);
  await transferOwnership({ teamId, memberId: member_id, actor: auditActor(user, request) });
  return new Response(null, { status: 204 });
});
