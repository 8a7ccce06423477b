import { getUsage } from "@/lib/analytics/get-usage";
import { parseUsageRange } from "@/lib/analytics/usage-summary";
import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";

/** The app's usage summary: `?range=24h|7d|30d` (default 24h). */
export const GET = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  const range = parseUsageRange(new URL(request.url).searchParams.get("range"));
  return Response.json(await getUsage({ appIds: [appId], range }), { headers: { "cache-control": "no-store" } });
});
