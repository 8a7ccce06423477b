import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, list, page, resourceId } from "@/lib/portal-api/schemas";
import { appEventDto } from "./app-event-dto";
import { deliveryDto } from "./delivery-dto";
import { appEventQuery, MAX_EVENTS_PAGE } from "./list-app-events";

const eventParams = appParams.extend({ eventId: resourceId.describe("The event's id (`evt_…`), its `webhook-id`") });

export const listAppEventsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/events",
  operationId: "listAppEvents",
  tag: "Webhooks",
  summary: "List the events an app received",
  description:
    "The app's sandbox events that had somewhere to go (an enabled endpoint or a live `listen` session), newest first, optionally of one type, each with its deliveries. The CLI's `events list`.",
  access: { app: "logs:read" },
  params: appParams,
  query: appEventQuery,
  success: { status: 200, description: "A page of events.", schema: page(appEventDto, MAX_EVENTS_PAGE) },
});

export const resendAppEventOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/events/{eventId}/resend",
  operationId: "resendAppEvent",
  tag: "Webhooks",
  summary: "Resend an event",
  description:
    "Queues the event again, due now, for one endpoint (`endpoint_id`) or else every enabled endpoint of the app that subscribes to its type, live `listen` sessions included: same `webhook-id`, a fresh timestamp and signature, delivered and retried like any delivery. An endpoint created since the event gets a new delivery. 409 when there is nowhere to send it (no such subscriber, or the endpoint named is disabled). The CLI's `events resend`.",
  access: { app: "webhook:manage" },
  params: eventParams,
  body: z.strictObject({
    endpoint_id: resourceId.optional().describe("Only this endpoint (`ep_…`); else every enabled endpoint subscribing to the type."),
  }),
  errors: ["conflict"],
  success: { status: 202, description: "The deliveries, queued.", schema: list(deliveryDto, 1000) },
});

export const eventOperations = [listAppEventsOperation, resendAppEventOperation];
