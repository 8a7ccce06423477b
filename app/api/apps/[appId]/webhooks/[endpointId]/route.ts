import { handle } from "@/lib/portal-api/handle-operation";
import { deleteEndpoint } from "@/lib/webhooks/delete-endpoint";
import { getEndpointOrThrow } from "@/lib/webhooks/get-endpoint-or-throw";
import { updateEndpoint } from "@/lib/webhooks/update-endpoint";
import { deleteEndpointOperation, getEndpointOperation, updateEndpointOperation } from "@/lib/webhooks/webhook-operations";

export const GET = handle(getEndpointOperation, ({ app, params }) =>
  getEndpointOrThrow({ appId: app.appId, endpointId: params.endpointId }),
);

export const PATCH = handle(updateEndpointOperation, ({ app, params, body, actor }) =>
  updateEndpoint({ appId: app.appId, endpointId: params.endpointId, input: body, audit: { teamId: app.teamId, actor } }),
);

export const DELETE = handle(deleteEndpointOperation, ({ app, params, actor }) =>
  deleteEndpoint({ appId: app.appId, endpointId: params.endpointId, audit: { teamId: app.teamId, actor } }),
);
