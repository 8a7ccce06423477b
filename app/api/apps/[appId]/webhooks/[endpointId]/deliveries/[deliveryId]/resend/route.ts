import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";

/** Sends the delivery again now (same webhook-id); answers with the delivery and its attempts. */
export const POST = withUser<{ appId: string; endpointId: string; deliveryId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "webhook:manage" });
  return Response.json(await resendDelivery({ appId, endpointId: params.endpointId, deliveryId: params.deliveryId }));
});
