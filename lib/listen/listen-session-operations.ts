import { z } from "zod";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, resourceId } from "@/lib/portal-api/schemas";
import { listenDeliveryEvent, listenResultDto, listenResultInput, listenSessionDto, openListenSessionInput } from "./listen-session-dto";

const sessionParams = appParams.extend({ sessionId: resourceId.describe("The listen session's id (`lsn_…`)") });

export const openListenSessionOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/listen-sessions",
  operationId: "openListenSession",
  tag: "Webhooks",
  summary: "Start (or resume) a listen session",
  description:
    "What `openbank listen` calls first: your one session on this app (created on first use, then reused, so its signing secret never changes), " +
    "set to the event types given and live from now on: the app's events are kept for it and sent down its stream. No URL and no loopback " +
    "exception: the CLI reads the stream and forwards each event to your local receiver.",
  access: { app: "webhook:manage" },
  params: appParams,
  body: openListenSessionInput,
  success: { status: 201, description: "The session and its signing secret.", schema: listenSessionDto },
});

export const streamListenSessionOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/listen-sessions/{sessionId}/stream",
  operationId: "streamListenSession",
  tag: "Webhooks",
  summary: "Stream a listen session's deliveries",
  description:
    "Server-Sent Events: `event: ready` once, then each delivery without a result as `event: delivery` with `id:` its delivery id and, as data, " +
    "the headers signed by the portal (Standard Webhooks) and the exact body to forward; `: heartbeat` comments every 15 s. Every delivery " +
    "without a result is sent again on each connection, oldest first (`Last-Event-ID` is accepted; earlier deliveries still without a result " +
    "are sent too): post each one's result to acknowledge it. Errors before the stream starts are problem+json; a session that is not yours is 404.",
  access: { app: "webhook:manage" },
  params: sessionParams,
  success: {
    status: 200,
    description: "The stream (`text/event-stream`); each `delivery` event's data is this object.",
    schema: listenDeliveryEvent,
    stream: "text/event-stream",
  },
});

export const recordListenResultOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/listen-sessions/{sessionId}/deliveries/{deliveryId}/result",
  operationId: "recordListenResult",
  tag: "Webhooks",
  summary: "Report what the local receiver answered",
  description:
    "Recorded as an attempt in the session's delivery log (trigger `listen`) and the delivery's acknowledgement: it is not streamed again. " +
    "2xx succeeds; anything else, or `status: null` with an `error` (the receiver was down), fails it.",
  access: { app: "webhook:manage" },
  params: sessionParams.extend({ deliveryId: resourceId.describe("The delivery's id (`dlv_…`)") }),
  body: listenResultInput,
  success: { status: 201, description: "The attempt as recorded.", schema: listenResultDto },
});

export const listenSessionOperations = [openListenSessionOperation, streamListenSessionOperation, recordListenResultOperation];

export type ListenResult = z.output<typeof listenResultDto>;
