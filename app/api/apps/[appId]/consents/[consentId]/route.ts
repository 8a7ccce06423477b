import { requireAppAccess } from "@/lib/apps/require-app-access";
import { revokeAppConsent } from "@/lib/consents/revoke-app-consent";
import { withUser } from "@/lib/http/with-user";

export const DELETE = withUser<{ appId: string; consentId: string }>(async ({ user, params }) => {
  const { appId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:update" });
  return Response.json(await revokeAppConsent({ appId, consentId: params.consentId }));
});
