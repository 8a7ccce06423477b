import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { parseLogFilters } from "@/lib/request-logs/log-filters";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";

/** The app's request logs: `?status=4xx&method=POST&path=…&key=key_…&since=24h|from=…&to=…&limit=…&cursor=…`. */
export const GET = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  const filters = parseLogFilters(new URL(request.url).searchParams);
  return Response.json(await listRequestLogs({ appId, filters }), { headers: { "cache-control": "no-store" } });
});
