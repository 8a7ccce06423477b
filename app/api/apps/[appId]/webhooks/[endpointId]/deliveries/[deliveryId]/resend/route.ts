import { handle } from "@/lib/portal-api/handle-operation";
import { resendDelivery } from "@/lib/webhooks/resend-delivery";
import { resendDeliveryOperation } from "@/lib/webhooks/webhook-operations";

export const POST = handle(resendDeliveryOperation, ({ app, params }) =>
  resendDelivery({ appId: app.appId, endpointId: params.endpointId, deliveryId: params.deliveryId }),
);
