import { streamListenSessionOperation } from "@/lib/listen/listen-session-operations";
import { streamListenDeliveries } from "@/lib/listen/stream-listen-deliveries";
import { handleStream } from "@/lib/portal-api/handle-operation";

export const dynamic = "force-dynamic";

export const GET = handleStream(streamListenSessionOperation, ({ app, user, params, signal }) =>
  streamListenDeliveries({ appId: app.appId, sessionId: params.sessionId, userId: user.id, signal }),
);
