import { handle } from "@/lib/portal-api/handle-operation";
import { getRequestLog } from "@/lib/request-logs/get-request-log";
import { getRequestLogOperation } from "@/lib/request-logs/request-log-operations";

/** One logged call with its masked request and response headers and bodies. */
export const GET = handle(getRequestLogOperation, ({ app, params }) => getRequestLog({ appId: app.appId, requestId: params.requestId }));
