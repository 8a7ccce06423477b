import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { BankOutbox } from "./bank-outbox";
import { eventBody } from "./event-body";
import { subscribes } from "./event-filter";
import { retryOnBusy } from "./retry-on-busy";
import { deliveryTargetWhere } from "../listen/listen-liveness";

/**
 * Moves one batch from the bank's outbox into the portal's database: for each event, a copy and
 * one pending delivery per enabled endpoint (and live `openbank listen` session) of the app that owns it (the bank tenant id is the
 * app id) whose filter matches, then acknowledges the batch. Inserts are keyed by event id and
 * (event, endpoint), so a batch handed over twice (we died after storing, before the ack) is
 * stored once. Returns how many events the batch held.
 */
export async function ingestEvents(options: {
  db: PrismaClient;
  outbox: BankOutbox;
  now: Date;
  limit?: number;
  leaseSeconds?: number;
}): Promise<number> {
  const { db, outbox, now } = options;
  const events = await outbox.claim({ limit: options.limit ?? 100, leaseSeconds: options.leaseSeconds ?? 60 });
  if (!events.length) return 0;
  const appIds = [...new Set(events.map((event) => event.tenant_id))];
  const endpoints = await db.webhookEndpoint.findMany({
    where: { appId: { in: appIds }, ...deliveryTargetWhere(now) },
    select: { id: true, appId: true, eventTypes: true },
  });

  await retryOnBusy(() =>
    db.$transaction(
      async (tx) => {
        for (const event of events) {
          const targets = endpoints.filter((endpoint) => endpoint.appId === event.tenant_id && subscribes(endpoint.eventTypes, event.type));
          if (!targets.length) continue;
          const createdAt = new Date(event.created_at);
          const body = eventBody({ id: event.id, type: event.type, createdAt, object: event.object });
          await tx.webhookEvent.upsert({
            where: { id: event.id },
            create: { id: event.id, appId: event.tenant_id, type: event.type, body, createdAt, receivedAt: now },
            update: {},
          });
          for (const endpoint of targets) {
            await tx.webhookDelivery.upsert({
              where: { eventId_endpointId: { eventId: event.id, endpointId: endpoint.id } },
              create: { id: newId("webhookDelivery"), eventId: event.id, endpointId: endpoint.id, nextAttemptAt: now },
              update: {},
            });
          }
        }
        // A loaded machine can take longer than Prisma's 5 s default for a batch of 100 events.
      },
      { timeout: 30_000 },
    ),
  );
  await outbox.acknowledge(events.map((event) => event.id));
  return events.length;
}
