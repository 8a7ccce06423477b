import { listAppGoLiveRequests } from "@/lib/go-live/get-go-live-status";
import { listGoLiveRequestsOperation, submitGoLiveRequestOperation } from "@/lib/go-live/go-live-operations";
import { submitGoLiveRequest } from "@/lib/go-live/submit-go-live-request";
import { handle } from "@/lib/portal-api/handle-operation";

export const GET = handle(listGoLiveRequestsOperation, async ({ app }) => ({
  data: await listAppGoLiveRequests({ appId: app.appId }),
  next_cursor: null,
}));

export const POST = handle(submitGoLiveRequestOperation, ({ app, body, actor }) => submitGoLiveRequest({ ...app, actor, input: body }));
