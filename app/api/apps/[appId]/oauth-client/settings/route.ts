import { updateOAuthClientSettingsOperation } from "@/lib/oauth-clients/oauth-client-operations";
import { updateClientSettings } from "@/lib/oauth-clients/update-client-settings";
import { handle } from "@/lib/portal-api/handle-operation";

// The security profile, client authentication method and public keys, replaced as a whole.
export const PUT = handle(updateOAuthClientSettingsOperation, ({ app, body, actor }) =>
  updateClientSettings({ appId: app.appId, settings: body, audit: { teamId: app.teamId, actor } }),
);
