import { handle } from "@/lib/portal-api/handle-operation";
import { getDeliveryOrThrow } from "@/lib/webhooks/get-delivery-or-throw";
import { getDeliveryOperation } from "@/lib/webhooks/webhook-operations";

export const GET = handle(getDeliveryOperation, ({ app, params }) =>
  getDeliveryOrThrow({ appId: app.appId, endpointId: params.endpointId, deliveryId: params.deliveryId }),
);
