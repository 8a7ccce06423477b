import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, page, resourceId } from "@/lib/portal-api/schemas";
import { logFiltersQuery, MAX_PAGE_SIZE } from "./log-filters";
import { requestLogDetailDto, requestLogDto } from "./request-log-dto";

export const listRequestLogsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/requests",
  operationId: "listRequestLogs",
  tag: "Request logs",
  summary: "List the app's gateway calls",
  description: "Newest first, a page at a time, filtered by status, method, path, key and time. The filters make a shareable link.",
  access: { app: "logs:read" },
  params: appParams,
  query: logFiltersQuery,
  success: { status: 200, description: "A page of calls.", schema: page(requestLogDto, MAX_PAGE_SIZE) },
});

export const getRequestLogOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/requests/{requestId}",
  operationId: "getRequestLog",
  tag: "Request logs",
  summary: "Get one logged call",
  description: "With its request and response headers and bodies, masked before they were stored.",
  access: { app: "logs:read" },
  params: appParams.extend({ requestId: resourceId.describe("The call's request id (`req_…`)") }),
  success: { status: 200, description: "The call.", schema: requestLogDetailDto },
});

export const requestLogOperations = [listRequestLogsOperation, getRequestLogOperation];
