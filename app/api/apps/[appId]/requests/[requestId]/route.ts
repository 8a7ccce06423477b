import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { getRequestLog } from "@/lib/request-logs/get-request-log";

/** One logged call with its masked request and response headers and bodies. */
export const GET = withUser<{ appId: string; requestId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "logs:read" });
  return Response.json(await getRequestLog({ appId, requestId: params.requestId }), { headers: { "cache-control": "no-store" } });
});
