import { rotateClientSecretOperation } from "@/lib/oauth-clients/oauth-client-operations";
import { rotateClientSecret } from "@/lib/oauth-clients/rotate-client-secret";
import { handle } from "@/lib/portal-api/handle-operation";

// Generates (or rotates) the client secret; the previous one stops working at once.
export const POST = handle(rotateClientSecretOperation, ({ app, actor }) =>
  rotateClientSecret({ appId: app.appId, audit: { teamId: app.teamId, actor } }),
);
