import { handle } from "@/lib/portal-api/handle-operation";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { listDeliveriesOperation } from "@/lib/webhooks/webhook-operations";

export const GET = handle(listDeliveriesOperation, ({ app, params, query }) =>
  listDeliveries({ appId: app.appId, endpointId: params.endpointId, ...query }),
);
