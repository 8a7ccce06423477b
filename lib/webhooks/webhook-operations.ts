import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, page, resourceId, text } from "@/lib/portal-api/schemas";
import { eventTypeInfo } from "./bank-outbox";
import { deliveryDetailDto, deliveryDto } from "./delivery-dto";
import { endpointDto } from "./endpoint-dto";
import { createEndpointInput, sendTestEventInput, updateEndpointInput } from "./endpoint-input";
import { deliveryQuery, MAX_DELIVERIES_PAGE } from "./list-deliveries";

const endpointParams = appParams.extend({ endpointId: resourceId.describe("The endpoint's id (`ep_…`)") });
const deliveryParams = endpointParams.extend({ deliveryId: resourceId.describe("The delivery's id (`dlv_…`)") });

/** An endpoint and its signing secret: the only answers that ever carry it. */
const endpointWithSecret = z.object({
  endpoint: endpointDto,
  secret: text(200).describe("The signing secret (`whsec_…`). Shown once: store it now."),
});

export const listEndpointsOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/webhooks",
  operationId: "listWebhookEndpoints",
  tag: "Webhooks",
  summary: "List an app's webhook endpoints",
  description: "Oldest first, on one page (`next_cursor` is always null). Never includes a signing secret.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The app's endpoints.", schema: page(endpointDto, 1000) },
});

export const createEndpointOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/webhooks",
  operationId: "createWebhookEndpoint",
  stepUp: true,
  tag: "Webhooks",
  summary: "Register a webhook endpoint",
  description:
    "Events of the app's sandbox are signed (Standard Webhooks) and sent to the URL. The signing secret is in this response only. " +
    "Addresses the dispatcher would refuse (private, loopback, link-local) are refused here already.",
  access: { app: "webhook:manage" },
  params: appParams,
  body: createEndpointInput,
  success: { status: 201, description: "The endpoint and its signing secret.", schema: endpointWithSecret },
});

export const getEndpointOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/webhooks/{endpointId}",
  operationId: "getWebhookEndpoint",
  tag: "Webhooks",
  summary: "Get a webhook endpoint",
  description: "Its URL, filter and health (`status`, `consecutive_failures`); never its signing secret.",
  access: { app: "app:read" },
  params: endpointParams,
  success: { status: 200, description: "The endpoint.", schema: endpointDto },
});

export const updateEndpointOperation = defineOperation({
  method: "PATCH",
  path: "/api/apps/{appId}/webhooks/{endpointId}",
  operationId: "updateWebhookEndpoint",
  tag: "Webhooks",
  summary: "Change a webhook endpoint",
  description: "Any of URL, description, event types and enabled. Re-enabling it (or a new URL) clears the failing mark.",
  access: { app: "webhook:manage" },
  params: endpointParams,
  body: updateEndpointInput,
  success: { status: 200, description: "The changed endpoint.", schema: endpointDto },
});

export const deleteEndpointOperation = defineOperation({
  method: "DELETE",
  path: "/api/apps/{appId}/webhooks/{endpointId}",
  operationId: "deleteWebhookEndpoint",
  tag: "Webhooks",
  summary: "Delete a webhook endpoint",
  description: "With its deliveries and their log; nothing more is sent to it.",
  access: { app: "webhook:manage" },
  params: endpointParams,
  success: { status: 200, description: "The deleted endpoint's id.", schema: z.object({ id: resourceId, deleted: z.literal(true) }) },
});

export const rotateEndpointSecretOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/webhooks/{endpointId}/rotate-secret",
  operationId: "rotateWebhookSecret",
  stepUp: true,
  tag: "Webhooks",
  summary: "Rotate an endpoint's signing secret",
  description:
    "A new secret, in this response only. For 24 hours deliveries carry two signatures (new and old), so receivers can switch without a gap.",
  access: { app: "webhook:manage" },
  params: endpointParams,
  success: { status: 200, description: "The endpoint and its new signing secret.", schema: endpointWithSecret },
});

export const sendTestEventOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/webhooks/{endpointId}/test",
  operationId: "sendWebhookTestEvent",
  tag: "Webhooks",
  summary: "Send a test event",
  description:
    'A `{ "id": null, "sandbox_test": true }` event of the type you choose (else the endpoint\'s first subscribed type, else ' +
    "`payment.completed`), to this endpoint only, sent now and retried like any delivery. Send `{}` for the default type.",
  access: { app: "webhook:manage" },
  params: endpointParams,
  body: sendTestEventInput,
  success: { status: 201, description: "The delivery and its first attempt.", schema: deliveryDetailDto },
});

export const listDeliveriesOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/webhooks/{endpointId}/deliveries",
  operationId: "listWebhookDeliveries",
  tag: "Webhooks",
  summary: "List an endpoint's deliveries",
  description: "The delivery log, newest first, optionally of one status.",
  access: { app: "logs:read" },
  params: endpointParams,
  query: deliveryQuery,
  success: { status: 200, description: "A page of deliveries.", schema: page(deliveryDto, MAX_DELIVERIES_PAGE) },
});

export const getDeliveryOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}",
  operationId: "getWebhookDelivery",
  tag: "Webhooks",
  summary: "Get a delivery",
  description: "The body sent and every attempt, newest first: request headers, response status and excerpt, latency.",
  access: { app: "logs:read" },
  params: deliveryParams,
  success: { status: 200, description: "The delivery and its attempts.", schema: deliveryDetailDto },
});

export const resendDeliveryOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/webhooks/{endpointId}/deliveries/{deliveryId}/resend",
  operationId: "resendWebhookDelivery",
  tag: "Webhooks",
  summary: "Resend a delivery",
  description:
    "Sends it again now, whatever its status, with the same `webhook-id` and a fresh timestamp and signature. It does not move the retry schedule; a success ends it.",
  access: { app: "webhook:manage" },
  params: deliveryParams,
  success: { status: 200, description: "The delivery and its attempts.", schema: deliveryDetailDto },
});

export const listEventTypesOperation = defineOperation({
  method: "GET",
  path: "/api/webhooks/event-types",
  operationId: "listWebhookEventTypes",
  tag: "Webhooks",
  summary: "List the event types",
  description: "What endpoints can subscribe to, from the sandbox bank's catalogue, on one page (`next_cursor` is always null).",
  tokens: true,
  access: "session",
  errors: ["bank_unavailable"],
  success: { status: 200, description: "The event types.", schema: page(eventTypeInfo, 500) },
});

export const webhookOperations = [
  listEndpointsOperation,
  createEndpointOperation,
  getEndpointOperation,
  updateEndpointOperation,
  deleteEndpointOperation,
  rotateEndpointSecretOperation,
  sendTestEventOperation,
  listDeliveriesOperation,
  getDeliveryOperation,
  resendDeliveryOperation,
  listEventTypesOperation,
];
