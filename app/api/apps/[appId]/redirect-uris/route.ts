import { updateRedirectUrisOperation } from "@/lib/oauth-clients/oauth-client-operations";
import { updateRedirectUris } from "@/lib/oauth-clients/update-redirect-uris";
import { handle } from "@/lib/portal-api/handle-operation";

export const PUT = handle(updateRedirectUrisOperation, async ({ app, body, actor }) => ({
  redirect_uris: await updateRedirectUris({ appId: app.appId, redirectUris: body.redirect_uris, audit: { teamId: app.teamId, actor } }),
}));
