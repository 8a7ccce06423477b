import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import type { PrismaClient } from "@prisma/client";
import { createTestDatabase } from "../../mock-bank/test/helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "../../mock-bank/test/postgres";
import { claimDueDeliveries } from "./claim-due-deliveries";

// Claims decide who sends a delivery: each due delivery to exactly one claimer, nothing early,
// nothing for a disabled endpoint, and a dead claimer's lease lapses. On both providers.
const NOW = new Date("2026-11-21T10:30:00.000Z");

async function seed(db: PrismaClient) {
  await db.user.create({ data: { id: "usr_1", email: "a@example.com", name: "A", passwordHash: "x" } });
  await db.team.create({ data: { id: "team_1", name: "T" } });
  await db.app.create({ data: { id: "app_1", teamId: "team_1", name: "App", createdById: "usr_1" } });
  await db.webhookEndpoint.create({ data: { id: "ep_on", appId: "app_1", url: "https://example.com/a", secretCiphertext: "x" } });
  await db.webhookEndpoint.create({
    data: { id: "ep_off", appId: "app_1", url: "https://example.com/b", secretCiphertext: "x", enabled: false },
  });
  for (let i = 0; i < 24; i++) {
    const id = `evt_${String(i).padStart(2, "0")}`;
    await db.webhookEvent.create({ data: { id, appId: "app_1", type: "payment.completed", body: "{}", createdAt: NOW } });
    await db.webhookDelivery.create({
      data: { id: `dlv_${id}`, eventId: id, endpointId: i < 20 ? "ep_on" : "ep_off", nextAttemptAt: new Date(NOW.getTime() - 1_000) },
    });
  }
  await db.webhookEvent.create({ data: { id: "evt_later", appId: "app_1", type: "payment.completed", body: "{}", createdAt: NOW } });
  await db.webhookDelivery.create({
    data: { id: "dlv_later", eventId: "evt_later", endpointId: "ep_on", nextAttemptAt: new Date(NOW.getTime() + 60_000) },
  });
}

function claimSuite(
  name: string,
  setup: () => Promise<{ db: PrismaClient; provider: "sqlite" | "postgresql"; close(): Promise<void> }>,
  skip = false,
) {
  describe.skipIf(skip)(name, () => {
    let context: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      context = await setup();
      await seed(context.db);
    }, 60_000);
    afterAll(() => context?.close());

    it("gives each due delivery of an enabled endpoint to exactly one of several concurrent claimers", async () => {
      const claim = () => claimDueDeliveries({ db: context.db, provider: context.provider, now: NOW, limit: 7, leaseMs: 30_000 });
      const ids: string[] = [];
      for (;;) {
        const round = (await Promise.all([claim(), claim(), claim(), claim()])).flat();
        if (!round.length) break;
        ids.push(...round);
      }
      // No delivery went to two claimers.
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `dlv_evt_${String(i).padStart(2, "0")}`));
      // Leased: nothing more until the lease lapses; then they are claimable again.
      expect(await claim()).toEqual([]);
      const later = await claimDueDeliveries({
        db: context.db,
        provider: context.provider,
        now: new Date(NOW.getTime() + 31_000),
        limit: 50,
        leaseMs: 30_000,
      });
      expect(later.length).toBe(20);
      // Due later only once its time comes; never for the disabled endpoint.
      const muchLater = await claimDueDeliveries({
        db: context.db,
        provider: context.provider,
        now: new Date(NOW.getTime() + 62_000),
        limit: 50,
        leaseMs: 30_000,
      });
      expect(muchLater).toContain("dlv_later");
      expect(muchLater.some((id) => id.startsWith("dlv_evt_2"))).toBe(false);
    });
  });
}

claimSuite("claimDueDeliveries on SQLite", async () => {
  const database = createTestDatabase();
  const db = createPrismaClient(database.url);
  return {
    db,
    provider: "sqlite",
    close: async () => {
      await db.$disconnect();
      database.remove();
    },
  };
});

const reachable = await postgresReachable();
if (!reachable) console.warn(`\n!! SKIPPED: delivery claims on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}.\n`);

claimSuite(
  "claimDueDeliveries on PostgreSQL (FOR UPDATE SKIP LOCKED)",
  async () => {
    const database = await createPostgresTestDatabase({ poolSize: 6 });
    return { db: database.db, provider: "postgresql", close: () => database.drop() };
  },
  !reachable,
);
