import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { auditActor } from "@/lib/audit/audit-actor";

/** A new signing secret, in this response only; the old one keeps signing for 24 h. */
export const POST = withUser<{ appId: string; endpointId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  return Response.json(await rotateEndpointSecret({ appId, endpointId: params.endpointId, audit: { teamId, actor: auditActor(user, request) } }), { headers: { "cache-control": "no-store" } });
});
