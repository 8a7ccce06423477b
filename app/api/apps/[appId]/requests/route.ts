import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  return Response.json({ data: await listRequestLogs({ appId, limit: 50 }) }, { headers: { "cache-control": "no-store" } });
});
