import { recordListenResultOperation } from "@/lib/listen/listen-session-operations";
import { recordListenResult } from "@/lib/listen/record-listen-result";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(recordListenResultOperation, ({ app, user, params, body }) =>
  recordListenResult({ appId: app.appId, sessionId: params.sessionId, deliveryId: params.deliveryId, userId: user.id, input: body }),
);
