import { listAuditEvents, parseAuditQuery } from "@/lib/audit/list-audit-events";
import { withUser } from "@/lib/http/with-user";
import { requireTeamAccess } from "@/lib/teams/require-team-access";

/** GET ?action=&limit=&cursor= → {data, next_cursor}: the team's audit log (owner, admin). */
export const GET = withUser<{ teamId: string }>(async ({ request, user, params }) => {
  const { teamId } = await requireTeamAccess({ teamId: params.teamId, userId: user.id, action: "audit:read" });
  const query = parseAuditQuery(new URL(request.url).searchParams);
  return Response.json(await listAuditEvents({ teamId, query }), { headers: { "cache-control": "no-store" } });
});
