import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { listDeliveries, parseDeliveryQuery } from "@/lib/webhooks/list-deliveries";

/** The endpoint's delivery log, newest first: ?status=pending|succeeded|failed&limit=&cursor= */
export const GET = withUser<{ appId: string; endpointId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  const query = parseDeliveryQuery(new URL(request.url).searchParams);
  return Response.json(await listDeliveries({ appId, endpointId: params.endpointId, ...query }), { headers: { "cache-control": "no-store" } });
});
