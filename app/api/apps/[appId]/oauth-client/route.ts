import { getOAuthClient } from "@/lib/oauth-clients/get-oauth-client";
import { getOAuthClientOperation } from "@/lib/oauth-clients/oauth-client-operations";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(getOAuthClientOperation, ({ app }) => getOAuthClient({ appId: app.appId }));
