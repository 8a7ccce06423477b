import { decideGoLiveRequestOperation } from "@/lib/admin/admin-operations";
import { decideGoLiveRequest } from "@/lib/go-live/decide-go-live-request";
import { handle } from "@/lib/portal-api/handle-operation";

/** Platform admins only: approve or reject a pending go-live request (a rejection needs a note). */
export const POST = handle(decideGoLiveRequestOperation, ({ params, body, actor }) =>
  decideGoLiveRequest({ requestId: params.requestId, actor, ...body }),
);
