import { handle } from "@/lib/portal-api/handle-operation";
import { createEndpoint } from "@/lib/webhooks/create-endpoint";
import { listEndpoints } from "@/lib/webhooks/list-endpoints";
import { createEndpointOperation, listEndpointsOperation } from "@/lib/webhooks/webhook-operations";

export const GET = handle(listEndpointsOperation, async ({ app }) => ({
  data: await listEndpoints({ appId: app.appId }),
  next_cursor: null,
}));

export const POST = handle(createEndpointOperation, ({ app, body, actor }) =>
  createEndpoint({ appId: app.appId, input: body, audit: { teamId: app.teamId, actor } }),
);
