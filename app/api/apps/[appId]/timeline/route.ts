import { handle } from "@/lib/portal-api/handle-operation";
import { listTimeline } from "@/lib/timeline/list-timeline";
import { listTimelineOperation } from "@/lib/timeline/timeline-operations";

export const GET = handle(listTimelineOperation, ({ app, query }) => listTimeline({ appId: app.appId, query }));
