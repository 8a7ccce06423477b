import { openListenSession } from "@/lib/listen/open-listen-session";
import { openListenSessionOperation } from "@/lib/listen/listen-session-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const POST = handle(openListenSessionOperation, ({ app, user, body }) =>
  openListenSession({ appId: app.appId, userId: user.id, eventTypes: body.event_types }),
);
