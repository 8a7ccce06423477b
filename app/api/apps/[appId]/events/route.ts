import { handle } from "@/lib/portal-api/handle-operation";
import { listAppEventsOperation } from "@/lib/webhooks/event-operations";
import { listAppEvents } from "@/lib/webhooks/list-app-events";

export const GET = handle(listAppEventsOperation, ({ app, query }) => listAppEvents({ appId: app.appId, ...query }));
