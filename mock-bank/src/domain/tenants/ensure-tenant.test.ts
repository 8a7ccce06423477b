import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { createTestDatabase } from "../../../test/helpers";
import { seedTenant } from "../../seed/seed-tenant";
import { createEnsureTenant } from "./ensure-tenant";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;

beforeEach(() => {
  database = createTestDatabase();
  db = createPrismaClient(database.url);
});
afterEach(async () => {
  await db.$disconnect();
  database.remove();
});

/** A client whose first tenant lookup misses, as when another process seeds between our read and our write. */
function withStaleFirstLookup(client: PrismaClient): PrismaClient {
  let stale = true;
  const bankTenant = new Proxy(client.bankTenant, {
    get(target, property, receiver) {
      if (property === "findUnique" && stale) {
        stale = false;
        return async () => null;
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return new Proxy(client, {
    get: (target, property, receiver) => (property === "bankTenant" ? bankTenant : Reflect.get(target, property, receiver)),
  });
}

describe("ensureTenant", () => {
  it("without the cache (several bank instances) sees another instance's clock advance on the next call", async () => {
    const one = createEnsureTenant({ db, now: () => NOW, cache: false });
    const other = createEnsureTenant({ db, now: () => NOW, cache: false });
    expect((await one("app_shared")).clockOffsetSeconds).toBe(0);
    await db.bankTenant.update({ where: { id: "app_shared" }, data: { clockOffsetSeconds: { increment: 86_400 } } });
    expect((await other("app_shared")).clockOffsetSeconds).toBe(86_400);
    expect((await one("app_shared")).clockOffsetSeconds).toBe(86_400);
  });

  it("seeds on the first call, then answers from memory", async () => {
    let lookups = 0;
    const counting = new Proxy(db, {
      get(target, property, receiver) {
        if (property === "bankTenant") lookups++;
        return Reflect.get(target, property, receiver);
      },
    });
    const ensure = createEnsureTenant({ db: counting, now: () => NOW });
    const tenant = await ensure("app_one");
    expect(tenant).toEqual({ id: "app_one", seededAt: NOW, clockOffsetSeconds: 0, clockRate: 1, clockAnchorAt: null, liveActivity: false });
    const afterFirst = lookups;
    expect(await ensure("app_one")).toBe(tenant);
    expect(lookups).toBe(afterFirst);
  });

  it("reads back the winner's tenant when another process seeded it first (unique violation)", async () => {
    const winnerSeededAt = new Date(NOW.getTime() - 1_000);
    await seedTenant({ db, tenantId: "app_race", seededAt: winnerSeededAt });
    const ensure = createEnsureTenant({ db: withStaleFirstLookup(db), now: () => NOW });
    const tenant = await ensure("app_race");
    expect(tenant.seededAt).toEqual(winnerSeededAt);
    expect(await db.bankTenant.count()).toBe(1);
    expect(await db.bankAccount.count({ where: { customerId: { not: null } } })).toBe(18);
  });

  it("shares one seeding among concurrent first calls and lets a failed seed be retried", async () => {
    const ensure = createEnsureTenant({ db, now: () => NOW });
    const results = await Promise.all([ensure("app_many"), ensure("app_many"), ensure("app_many")]);
    expect(new Set(results).size).toBe(1);
    expect(await db.bankTenant.count()).toBe(1);

    let fail = true;
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        if (property === "$transaction" && fail) {
          fail = false;
          return async () => {
            throw new Error("disk full");
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const retrying = createEnsureTenant({ db: flaky, now: () => NOW });
    await expect(retrying("app_flaky")).rejects.toThrow("disk full");
    expect((await retrying("app_flaky")).id).toBe("app_flaky");
  });
});
