import { env } from "../env";
import { db } from "../db";
import { newId } from "@openbank/contracts/ids";
import { attemptDelivery } from "./attempt-delivery";
import { attemptConfig } from "./dispatcher-config";
import { eventBody } from "./event-body";
import { eventTypesOf } from "./event-filter";
import { getDeliveryOrThrow } from "./get-delivery-or-throw";
import { getEndpointOrThrow } from "./get-endpoint-or-throw";
import type { DeliveryDetailDto } from "./delivery-dto";
import { checkEventTypes } from "./check-event-types";

/**
 * "Send test event": a `{ "id": null, "sandbox_test": true }` event of the chosen type (else the
 * endpoint's first subscribed type, else payment.completed) to this endpoint only, sent at
 * once and then retried like any delivery. It never reaches the app's other endpoints.
 */
export async function sendTestEvent(options: { appId: string; endpointId: string; type?: string }): Promise<DeliveryDetailDto> {
  const endpoint = await getEndpointOrThrow(options);
  if (options.type) await checkEventTypes([options.type], () => "/body/type");
  const type = options.type ?? eventTypesOf(endpoint.event_types)[0] ?? "payment.completed";
  const now = new Date();
  const eventId = newId("event");
  const deliveryId = newId("webhookDelivery");
  await db().$transaction([
    db().webhookEvent.create({
      data: {
        id: eventId,
        appId: options.appId,
        type,
        body: eventBody({ id: eventId, type, createdAt: now, object: { id: null, sandbox_test: true } }),
        createdAt: now,
      },
    }),
    db().webhookDelivery.create({
      data: {
        id: deliveryId,
        eventId,
        endpointId: endpoint.id,
        nextAttemptAt: now,
        lockedUntil: endpoint.kind === "url" ? new Date(now.getTime() + 60_000) : null,
      },
    }),
  ]);
  // A listen session is never POSTed: the pending delivery goes down its stream.
  if (endpoint.kind === "url") await attemptDelivery(attemptConfig(env(), db()), { deliveryId, trigger: "scheduled" });
  return getDeliveryOrThrow({ appId: options.appId, endpointId: endpoint.id, deliveryId });
}
