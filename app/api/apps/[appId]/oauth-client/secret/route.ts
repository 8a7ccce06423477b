import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { rotateClientSecret } from "@/lib/oauth-clients/rotate-client-secret";
import { auditActor } from "@/lib/audit/audit-actor";

// Generates (or rotates) the client secret; the previous one stops working at once.
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:create" });
  return Response.json(await rotateClientSecret({ appId, audit: { teamId, actor: auditActor(user, request) } }), { status: 201, headers: { "cache-control": "no-store" } });
});
