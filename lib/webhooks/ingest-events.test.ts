import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { newId } from "@openbank/contracts/ids";
import { createTestDatabase } from "../../mock-bank/test/helpers";
import type { BankOutbox, OutboxEvent } from "./bank-outbox";
import { ingestEvents } from "./ingest-events";
import { createTestApp } from "./test-app";

// The portal's tables on a real SQLite file (WAL), and an outbox that hands over whatever batch
// the test gives it. Two clients on one file are two connections: two dispatcher processes.
let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;
let other: PrismaClient;

function outbox(batch: OutboxEvent[]): BankOutbox & { acknowledged: string[][] } {
  const acknowledged: string[][] = [];
  return {
    acknowledged,
    claim: async ({ limit }) => batch.slice(0, limit),
    acknowledge: async (ids) => void acknowledged.push(ids),
    eventTypes: async () => [],
  };
}

function events(tenant: string, count: number, type = "payment.completed"): OutboxEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: newId("event"),
    tenant_id: tenant,
    type,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    object: { n: i },
  }));
}

const app = (id: string) => createTestApp(db, id);

async function endpoint(appId: string, eventTypes: string[] = []): Promise<string> {
  const id = newId("webhookEndpoint");
  await db.webhookEndpoint.create({ data: { id, appId, url: `https://example.com/${id}`, eventTypes, secretCiphertext: "x" } });
  return id;
}

beforeAll(async () => {
  database = createTestDatabase();
  db = createPrismaClient(database.url);
  other = createPrismaClient(database.url);
  for (const id of ["app_once", "app_race", "app_none"]) await app(id);
});

afterAll(async () => {
  await db.$disconnect();
  await other.$disconnect();
  database.remove();
});

describe("ingestEvents", () => {
  it("stores each event once with one pending delivery per subscribed endpoint, and a batch handed over twice stores nothing more", async () => {
    const all = await endpoint("app_once");
    const payments = await endpoint("app_once", ["payment.completed"]);
    const consents = await endpoint("app_once", ["consent.revoked"]);
    const batch = [...events("app_once", 3), ...events("app_once", 2, "consent.revoked")];
    const now = new Date("2026-01-02T00:00:00Z");
    const first = outbox(batch);
    expect(await ingestEvents({ db, outbox: first, now })).toBe(5);
    expect(first.acknowledged).toEqual([batch.map((event) => event.id)]);

    const stored = await db.webhookEvent.findMany({ where: { appId: "app_once" }, orderBy: { createdAt: "asc" } });
    expect(stored.map((event) => event.id).sort()).toEqual(batch.map((event) => event.id).sort());
    expect(JSON.parse(stored[0].body)).toMatchObject({ id: stored[0].id, type: stored[0].type, data: { object: { n: 0 } } });
    expect(stored.every((event) => event.receivedAt.getTime() === now.getTime())).toBe(true);
    const deliveries = await db.webhookDelivery.findMany({ where: { event: { appId: "app_once" } } });
    const per = (endpointId: string) => deliveries.filter((delivery) => delivery.endpointId === endpointId).length;
    expect([per(all), per(payments), per(consents)]).toEqual([5, 3, 2]);
    expect(deliveries.every((delivery) => delivery.status === "pending" && delivery.nextAttemptAt?.getTime() === now.getTime())).toBe(true);

    // Died after storing, before the ack: the bank hands the batch over again. Nothing doubles,
    // and an endpoint added since gets its deliveries for the events already stored.
    const late = await endpoint("app_once", ["consent.revoked"]);
    expect(await ingestEvents({ db, outbox: outbox(batch), now })).toBe(5);
    expect(await db.webhookEvent.count({ where: { appId: "app_once" } })).toBe(5);
    const again = await db.webhookDelivery.findMany({ where: { event: { appId: "app_once" } } });
    expect(again.length).toBe(deliveries.length + 2);
    expect(again.filter((delivery) => delivery.endpointId === late).length).toBe(2);
    expect(new Set(again.map((delivery) => `${delivery.eventId} ${delivery.endpointId}`)).size).toBe(again.length);
  });

  it("two dispatchers ingesting the same batch at once store every event and delivery once, and neither fails", async () => {
    const endpoints = await Promise.all([endpoint("app_race"), endpoint("app_race"), endpoint("app_race")]);
    const batch = events("app_race", 100);
    const now = new Date();
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([
        ingestEvents({ db, outbox: outbox(batch), now }),
        ingestEvents({ db: other, outbox: outbox(batch), now }),
      ]);
      expect(results).toEqual([100, 100]);
    }
    expect(await db.webhookEvent.count({ where: { appId: "app_race" } })).toBe(100);
    const deliveries = await db.webhookDelivery.findMany({ where: { event: { appId: "app_race" } } });
    expect(deliveries.length).toBe(100 * endpoints.length);
    expect(new Set(deliveries.map((delivery) => `${delivery.eventId} ${delivery.endpointId}`)).size).toBe(deliveries.length);
  });

  it("acknowledges events no endpoint wants without storing them", async () => {
    const batch = events("app_none", 4);
    const handed = outbox(batch);
    expect(await ingestEvents({ db, outbox: handed, now: new Date() })).toBe(4);
    expect(handed.acknowledged).toEqual([batch.map((event) => event.id)]);
    expect(await db.webhookEvent.count({ where: { appId: "app_none" } })).toBe(0);
  });
});
