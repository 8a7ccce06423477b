import { getUsage } from "@/lib/analytics/get-usage";
import { getAppUsageOperation } from "@/lib/analytics/usage-operations";
import { handle } from "@/lib/portal-api/handle-operation";

/** The app's usage summary: `?range=24h|7d|30d` (default 24h). */
export const GET = handle(getAppUsageOperation, ({ app, query }) => getUsage({ appIds: [app.appId], range: query.range }));
