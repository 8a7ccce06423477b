import { requireAppAccess } from "@/lib/apps/require-app-access";
import { withUser } from "@/lib/http/with-user";
import { rotateClientSecret } from "@/lib/oauth-clients/rotate-client-secret";

// Generates (or rotates) the client secret; the previous one stops working at once.
export const POST = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "key:create" });
  return Response.json(await rotateClientSecret({ appId }), { status: 201, headers: { "cache-control": "no-store" } });
});
