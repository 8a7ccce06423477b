import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, page, resourceId } from "@/lib/portal-api/schemas";
import { logFiltersQuery, MAX_PAGE_SIZE, METHOD_FILTERS } from "./log-filters";
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

/** `logs tail`'s filters: the list's status, method and path (parsed by its rules), and where to resume. */
export const tailRequestLogsQuery = z.object({
  status: z.string().max(10).optional().describe("A status class (`2xx`…`5xx`) or an exact status (`404`)."),
  method: z
    .string()
    .max(10)
    .optional()
    .describe(`One of ${METHOD_FILTERS.join(", ")}.`),
  path: z.string().max(200).optional().describe("Calls whose path contains this text."),
  after: resourceId
    .optional()
    .describe("Resume just after this request id (the last `id:` received); the `Last-Event-ID` header does the same. Default: from now."),
});

export const tailRequestLogsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/request-logs/stream",
  operationId: "tailRequestLogs",
  tag: "Request logs",
  summary: "Stream the app's gateway calls as they happen",
  description:
    "Server-Sent Events for `openbank logs tail`: `event: ready` once, then each call as it is logged, oldest first, as `event: request` with " +
    "`id:` its request id and the list's item as data (masked as stored); `: heartbeat` comments every 15 s. Filters as the list's.",
  access: { app: "logs:read" },
  params: appParams,
  query: tailRequestLogsQuery,
  success: {
    status: 200,
    description: "The stream (`text/event-stream`); each `request` event's data is this object.",
    schema: requestLogDto,
    stream: "text/event-stream",
  },
});

export const requestLogOperations = [listRequestLogsOperation, getRequestLogOperation, tailRequestLogsOperation];
