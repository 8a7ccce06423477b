import { handleStream } from "@/lib/portal-api/handle-operation";
import { parseLogFilters } from "@/lib/request-logs/log-filters";
import { tailRequestLogsOperation } from "@/lib/request-logs/request-log-operations";
import { streamRequestLogs } from "@/lib/request-logs/stream-request-logs";

export const dynamic = "force-dynamic";

export const GET = handleStream(tailRequestLogsOperation, async ({ app, query, request, signal }) => {
  const { status, method, path } = query;
  const filters = parseLogFilters(
    new URLSearchParams(Object.entries({ status, method, path }).filter(([, v]) => v !== undefined) as [string, string][]),
  );
  const after = query.after ?? request.headers.get("last-event-id") ?? undefined;
  return streamRequestLogs({ appId: app.appId, filters, after: after || undefined, signal });
});
