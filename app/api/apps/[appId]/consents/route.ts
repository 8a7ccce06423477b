import { requireAppAccess } from "@/lib/apps/require-app-access";
import { listAppConsents } from "@/lib/consents/list-app-consents";
import { withUser } from "@/lib/http/with-user";

export const GET = withUser<{ appId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:read" });
  return Response.json({ data: await listAppConsents({ appId }) });
});
