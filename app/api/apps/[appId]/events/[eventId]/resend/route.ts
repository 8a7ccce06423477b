import { handle } from "@/lib/portal-api/handle-operation";
import { resendAppEventOperation } from "@/lib/webhooks/event-operations";
import { resendEvent } from "@/lib/webhooks/resend-event";

export const POST = handle(resendAppEventOperation, ({ app, params, body }) =>
  resendEvent({ appId: app.appId, eventId: params.eventId, endpointId: body.endpoint_id }),
);
