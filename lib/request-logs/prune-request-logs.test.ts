import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateCalls, rollupUpserts } from "@/lib/analytics/request-rollups";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { createTestDatabase } from "@/mock-bank/test/helpers";
import { pruneRequestLogs } from "./prune-request-logs";

const NOW = new Date("2026-11-21T12:00:00.000Z");
const DAY = 86_400_000;
let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;

beforeAll(async () => {
  database = createTestDatabase();
  db = createPrismaClient(database.url);
  await db.user.create({ data: { id: "usr_1", email: "a@example.com", name: "A", passwordHash: "x" } });
  await db.team.create({ data: { id: "team_1", name: "T" } });
  await db.app.create({ data: { id: "app_1", teamId: "team_1", name: "App", createdById: "usr_1" } });
});
afterAll(async () => {
  await db.$disconnect();
  database.remove();
});

function logsAged(days: number[]) {
  return days.map((age, i) => ({
    id: `req_${age}_${i}`,
    appId: "app_1",
    method: "GET",
    path: "/v1/accounts",
    route: "/v1/accounts",
    status: 200,
    latencyMs: 12,
    createdAt: new Date(NOW.getTime() - age * DAY),
  }));
}

describe("pruneRequestLogs", () => {
  it("deletes logs older than the retention in batches, and old rollups, keeping the rest", async () => {
    const old = logsAged(Array.from({ length: 25 }, (_, i) => 15 + i));
    const fresh = logsAged([0, 1, 13.9]);
    await db.requestLog.createMany({ data: [...old, ...fresh] });
    await db.$transaction(rollupUpserts(db, aggregateCalls([...old, ...fresh].map((row) => ({ ...row, route: row.route })))));

    const result = await pruneRequestLogs({ db, now: NOW, logRetentionDays: 14, rollupRetentionDays: 30, batchSize: 10 });
    expect(result.logs).toBe(25);
    expect(result.rollups).toBe(9); // ages 31–39 days: one hourly rollup each
    expect((await db.requestLog.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual(fresh.map((row) => row.id).sort());
    // This test's own rollups (the file's other tests add theirs on other routes, in any order).
    expect(await db.requestRollup.count({ where: { route: "/v1/accounts" } })).toBe(3 + 16);

    expect(await pruneRequestLogs({ db, now: NOW, logRetentionDays: 14, rollupRetentionDays: 30 })).toEqual({ logs: 0, rollups: 0 });
  });

  it("stops after maxBatches so one run never holds the database for long", async () => {
    await db.requestLog.createMany({ data: logsAged(Array.from({ length: 30 }, (_, i) => 20 + i / 100)) });
    expect(
      (await pruneRequestLogs({ db, now: NOW, logRetentionDays: 14, rollupRetentionDays: 30, batchSize: 10, maxBatches: 2 })).logs,
    ).toBe(20);
    expect(
      (await pruneRequestLogs({ db, now: NOW, logRetentionDays: 14, rollupRetentionDays: 30, batchSize: 10, maxBatches: 2 })).logs,
    ).toBe(10);
  });
});

describe("rollup upserts", () => {
  it("add to an existing hour instead of overwriting it", async () => {
    const at = new Date(NOW.getTime() - 3_600_000);
    const calls = (n: number, latencyMs: number) =>
      Array.from({ length: n }, () => ({ appId: "app_1", method: "POST", route: "/v1/payments", status: 201, latencyMs, createdAt: at }));
    await db.$transaction(rollupUpserts(db, aggregateCalls(calls(3, 40))));
    await db.$transaction(rollupUpserts(db, aggregateCalls(calls(2, 400))));
    const row = await db.requestRollup.findFirstOrThrow({ where: { route: "/v1/payments" } });
    expect(row).toMatchObject({ count: 5, latencySumMs: 920, statusClass: 2, lat4: 3, lat9: 2 });
  });
});
