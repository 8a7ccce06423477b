import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams } from "@/lib/portal-api/schemas";
import { timelinePageDto, timelineQuery } from "./list-timeline";

export const listTimelineOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/timeline",
  operationId: "listTimeline",
  tag: "Timeline",
  summary: "The app's debugging timeline",
  description:
    "One chronological view of the app: gateway calls, webhook deliveries, consents granted, revoked or expired (from the bank, on the sandbox clock; up to the 100 newest consents), key, OAuth client and endpoint changes, sandbox controls (made in the portal or through `/v1/sandbox/*`) and readiness checks. Newest first, then by id; page back with `cursor`, poll for new items with `after`, or paste a request id or `webhook-id` into `q` to open the page around it.",
  access: { app: "logs:read" },
  params: appParams,
  query: timelineQuery,
  errors: ["resource_not_found"],
  success: { status: 200, description: "A page of the timeline.", schema: timelinePageDto },
});

export const timelineOperations = [listTimelineOperation];
