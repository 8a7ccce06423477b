import { requireAppAccess } from "@/lib/apps/require-app-access";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { createEndpointInput } from "@/lib/webhooks/endpoint-input";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";
import { auditActor } from "@/lib/audit/audit-actor";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json({ data: await listEndpoints({ appId }), next_cursor: null });
});

/** Registers an endpoint; the signing secret is in this response only. */
export const POST = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  const input = await readJson(request, createEndpointInput);
  const created = await createEndpoint({ appId, input, audit: { teamId, actor: auditActor(user, request) } });
  return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});
