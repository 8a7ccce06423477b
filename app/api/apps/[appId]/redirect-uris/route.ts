import { redirectUrisInput } from "@/lib/apps/app-input";
import { requireAppAccess } from "@/lib/apps/require-app-access";
import { readJson } from "@/lib/http/read-json";
import { withUser } from "@/lib/http/with-user";
import { updateRedirectUris } from "@/lib/oauth-clients/update-redirect-uris";
import { auditActor } from "@/lib/audit/audit-actor";

export const PUT = withUser<{ appId: string }>(async ({ request, user, params }) => {
  const { appId, teamId } = await requireAppAccess({ appId: params.appId, userId: user.id, action: "app:update" });
  const { redirect_uris } = await readJson(request, redirectUrisInput);
  return Response.json({ redirect_uris: await updateRedirectUris({ appId, redirectUris: redirect_uris, audit: { teamId, actor: auditActor(user, request) } }) });
});
