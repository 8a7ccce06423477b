import { handle } from "@/lib/portal-api/handle-operation";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { sendTestEventOperation } from "@/lib/webhooks/webhook-operations";

export const POST = handle(sendTestEventOperation, ({ app, params, body }) =>
  sendTestEvent({ appId: app.appId, endpointId: params.endpointId, type: body.type }),
);
