import { handle } from "@/lib/portal-api/handle-operation";
import { createInvite } from "@/lib/teams/create-invite";
import { createInviteOperation, listInvitesOperation } from "@/lib/teams/invite-operations";
import { listInvites } from "@/lib/teams/list-invites";

export const GET = handle(listInvitesOperation, async ({ team }) => ({ data: await listInvites({ teamId: team.teamId }) }));

/** The link goes by email (the dev outbox locally), never in the response. */
export const POST = handle(createInviteOperation, ({ team, body, actor }) =>
  createInvite({ teamId: team.teamId, email: body.email, role: body.role, actorRole: team.role, actor }),
);
