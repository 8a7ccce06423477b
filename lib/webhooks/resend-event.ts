import { newId } from "@openbank/contracts/ids";
import { AppError } from "@openbank/contracts/errors";
import { db } from "../db";
import { deliveryDtoSelect, toDeliveryDto, type DeliveryDto } from "./delivery-dto";
import { subscribes } from "./event-filter";
import { retryOnBusy } from "./retry-on-busy";

/**
 * Sends an event the app received again: to one endpoint (`endpointId`), else to every enabled
 * endpoint of the app that subscribes to its type — whatever kind the endpoint is (a URL the
 * dispatcher POSTs to, or a live `listen` session the stream serves): this works on the
 * endpoints table and the delivery queue only. An endpoint that had a delivery of it gets that
 * delivery back in the queue, due now (same `webhook-id`, a fresh timestamp and signature); one
 * that had none (created since) gets a new delivery. Answers the deliveries, queued.
 */
export async function resendEvent(options: { appId: string; eventId: string; endpointId?: string }): Promise<{ data: DeliveryDto[] }> {
  const event = await db().webhookEvent.findFirst({
    where: { id: options.eventId, appId: options.appId },
    select: { id: true, type: true },
  });
  if (!event) throw new AppError("resource_not_found", `No event ${options.eventId} in this app (events list shows the ones it received).`);

  let targets: { id: string }[];
  if (options.endpointId) {
    const endpoint = await db().webhookEndpoint.findFirst({
      where: { id: options.endpointId, appId: options.appId },
      select: { id: true, enabled: true },
    });
    if (!endpoint) throw new AppError("resource_not_found", `No webhook endpoint ${options.endpointId}.`);
    if (!endpoint.enabled) throw new AppError("conflict", `Endpoint ${endpoint.id} is disabled: enable it first, nothing is sent to it.`);
    targets = [endpoint];
  } else {
    const endpoints = await db().webhookEndpoint.findMany({
      where: { appId: options.appId, enabled: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, eventTypes: true },
    });
    targets = endpoints.filter((endpoint) => subscribes(endpoint.eventTypes, event.type));
    if (!targets.length) {
      throw new AppError("conflict", `No enabled endpoint of this app subscribes to ${event.type}: add one, or start \`openbank listen\`.`);
    }
  }

  const now = new Date();
  const ids = await retryOnBusy(() =>
    db().$transaction(async (tx) => {
      const queued: string[] = [];
      for (const target of targets) {
        const delivery = await tx.webhookDelivery.upsert({
          where: { eventId_endpointId: { eventId: event.id, endpointId: target.id } },
          create: { id: newId("webhookDelivery"), eventId: event.id, endpointId: target.id, nextAttemptAt: now },
          // Back in the queue, due now. A claim in flight (lockedUntil) is left alone, so two senders never race.
          update: { status: "pending", nextAttemptAt: now },
          select: { id: true },
        });
        queued.push(delivery.id);
      }
      return queued;
    }),
  );
  const rows = await db().webhookDelivery.findMany({ where: { id: { in: ids } }, select: deliveryDtoSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { data: ids.flatMap((id) => (byId.has(id) ? [toDeliveryDto(byId.get(id)!)] : [])) };
}
