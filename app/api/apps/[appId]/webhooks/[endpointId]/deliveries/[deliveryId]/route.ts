import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { getDeliveryOrThrow } from "@/lib/webhooks/get-delivery-or-throw";

/** One delivery: the body sent and every attempt (headers, response status and excerpt, latency). */
export const GET = withUser<{ appId: string; endpointId: string; deliveryId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  return Response.json(await getDeliveryOrThrow({ appId, endpointId: params.endpointId, deliveryId: params.deliveryId }), { headers: { "cache-control": "no-store" } });
});
