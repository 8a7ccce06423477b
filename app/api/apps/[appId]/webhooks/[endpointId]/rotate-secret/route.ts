import { handle } from "@/lib/portal-api/handle-operation";
import { rotateEndpointSecret } from "@/lib/webhooks/rotate-endpoint-secret";
import { rotateEndpointSecretOperation } from "@/lib/webhooks/webhook-operations";

/** The old secret keeps signing for 24 h. */
export const POST = handle(rotateEndpointSecretOperation, ({ app, params, actor }) =>
  rotateEndpointSecret({ appId: app.appId, endpointId: params.endpointId, audit: { teamId: app.teamId, actor } }),
);
