import { requireAppAccess } from "@/lib/apps/require-app-access";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { deleteEndpoint } from "@/lib/webhooks/delete-endpoint";
import { updateEndpointInput } from "@/lib/webhooks/endpoint-input";
import { getEndpointOrThrow } from "@/lib/webhooks/get-endpoint-or-throw";
import { updateEndpoint } from "@/lib/webhooks/update-endpoint";
import { auditActor } from "@/lib/audit/audit-actor";

type Params = { appId: string; endpointId: string };

export const GET = withUser<Params>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json(await getEndpointOrThrow({ appId, endpointId: params.endpointId }));
});

export const PATCH = withUser<Params>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  const input = await readJson(request, updateEndpointInput);
  return Response.json(await updateEndpoint({ appId, endpointId: params.endpointId, input, audit: { teamId, actor: auditActor(user, request) } }));
});

export const DELETE = withUser<Params>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  return Response.json(await deleteEndpoint({ appId, endpointId: params.endpointId, audit: { teamId, actor: auditActor(user, request) } }));
});
