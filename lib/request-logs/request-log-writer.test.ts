import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { createTestDatabase } from "@/mock-bank/test/helpers";
import { createRequestLogWriter } from "./request-log-writer";

describe("the request-log writer", () => {
  const database = createTestDatabase();
  let db: PrismaClient;

  beforeAll(async () => {
    db = createPrismaClient(database.url);
    await db.user.create({ data: { id: "usr_1", email: "a@example.com", name: "A", passwordHash: "x" } });
    await db.team.create({ data: { id: "team_1", name: "T" } });
    for (const id of ["app_kept", "app_deleted"]) await db.app.create({ data: { id, teamId: "team_1", name: id, createdById: "usr_1" } });
  });
  afterAll(async () => {
    await db?.$disconnect();
    database.remove();
  });

  it("keeps the other apps' rows of a batch when one app was deleted while its calls were queued", async () => {
    const writer = createRequestLogWriter({ db, provider: "sqlite", logRetentionDays: 14, rollupRetentionDays: 90 });
    const row = (id: string, appId: string) => ({
      id,
      appId,
      method: "GET",
      path: "/v1/products",
      route: "/v1/products",
      status: 200,
      latencyMs: 3,
    });
    writer.push(row("req_1", "app_kept"));
    writer.push(row("req_2", "app_deleted"));
    writer.push(row("req_3", "app_kept"));
    await db.app.delete({ where: { id: "app_deleted" } });
    await writer.flush();

    expect((await db.requestLog.findMany({ orderBy: { id: "asc" } })).map((log) => log.id)).toEqual(["req_1", "req_3"]);
    expect((await db.requestRollup.findMany()).map((rollup) => [rollup.appId, rollup.count])).toEqual([["app_kept", 2]]);
  });
});
