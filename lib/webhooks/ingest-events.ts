import { Prisma, type PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import type { BankOutbox } from "./bank-outbox";
import { eventBody } from "./event-body";
import { subscribes } from "./event-filter";
import { retryOnBusy } from "./retry-on-busy";
import { deliveryTargetWhere } from "../listen/listen-liveness";

type EventRow = Prisma.WebhookEventCreateManyInput;
type DeliveryRow = Prisma.WebhookDeliveryCreateManyInput;

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

  const eventRows: EventRow[] = [];
  const deliveryRows: DeliveryRow[] = [];
  for (const event of events) {
    const targets = endpoints.filter((endpoint) => endpoint.appId === event.tenant_id && subscribes(endpoint.eventTypes, event.type));
    if (!targets.length) continue;
    const createdAt = new Date(event.created_at);
    const body = eventBody({ id: event.id, type: event.type, createdAt, object: event.object });
    eventRows.push({ id: event.id, appId: event.tenant_id, type: event.type, body, createdAt, receivedAt: now });
    for (const endpoint of targets)
      deliveryRows.push({ id: newId("webhookDelivery"), eventId: event.id, endpointId: endpoint.id, nextAttemptAt: now });
  }
  if (eventRows.length) await storeNew(db, eventRows, deliveryRows);
  await outbox.acknowledge(events.map((event) => event.id));
  return events.length;
}

const deliveryKey = (row: { eventId: string; endpointId: string }) => `${row.eventId} ${row.endpointId}`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Stores the rows not stored yet: reads which exist, then writes the rest as two multi-row
 * INSERTs in one short transaction. The write lock is held for those two statements only.
 * It was an interactive transaction of up to 100 upserts (a read and a write each, awaited one
 * by one) that held SQLite's one write lock for seconds on a loaded machine, so the portals'
 * writes (a key revoke) gave up behind it. Another dispatcher storing the same rows between our
 * read and our write makes the INSERT fail as a whole (nothing stored): read again and retry.
 */
async function storeNew(db: PrismaClient, events: EventRow[], deliveries: DeliveryRow[]): Promise<void> {
  const eventIds = events.map((event) => event.id);
  for (let attempt = 1; ; attempt++) {
    const [storedEvents, storedDeliveries] = await Promise.all([
      db.webhookEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true } }),
      db.webhookDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { eventId: true, endpointId: true } }),
    ]);
    const haveEvent = new Set(storedEvents.map((event) => event.id));
    const haveDelivery = new Set(storedDeliveries.map(deliveryKey));
    const newEvents = events.filter((event) => !haveEvent.has(event.id));
    const newDeliveries = deliveries.filter((delivery) => !haveDelivery.has(deliveryKey(delivery)));
    if (!newEvents.length && !newDeliveries.length) return;
    try {
      await retryOnBusy(() =>
        db.$transaction([db.webhookEvent.createMany({ data: newEvents }), db.webhookDelivery.createMany({ data: newDeliveries })]),
      );
      return;
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}
