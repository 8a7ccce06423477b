import { handle } from "@/lib/portal-api/handle-operation";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";
import { listRequestLogsOperation } from "@/lib/request-logs/request-log-operations";

/** The app's request logs: `?status=4xx&method=POST&path=…&key=key_…&since=24h|from=…&to=…&limit=…&cursor=…`. */
export const GET = handle(listRequestLogsOperation, ({ app, query }) => listRequestLogs({ appId: app.appId, filters: query }));
