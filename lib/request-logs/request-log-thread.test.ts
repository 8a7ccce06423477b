import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { createTestDatabase } from "@/mock-bank/test/helpers";
import type { GatewayLogEntry } from "../gateway/pipeline";
import { startRequestLogThread } from "./request-log-thread";
import { createInProcessRequestLogs, type RequestLogSink } from "./request-log-writer";
import { snapshotLogEntry, toLogRow } from "./to-log-row";

/** A call as the pipeline logs it: a key in the headers, personal data in the bodies. */
function call(requestId: string, appId = "app_1"): GatewayLogEntry {
  return {
    requestId,
    appId,
    keyId: null,
    keyPrefix: "sk_test_ab",
    method: "POST",
    path: "/v1/payments?iban=GB33BUKB20201555555555",
    status: 201,
    latencyMs: 4.5,
    at: new Date("2026-12-06T10:00:00.000Z"),
    exchange: {
      requestHeaders: new Headers({ authorization: "Bearer sk_test_secret", "content-type": "application/json" }),
      requestBody: Buffer.from(JSON.stringify({ amount: "10.00", creditor_iban: "GB33BUKB20201555555555" })),
      responseHeaders: new Headers({ "content-type": "application/json", "x-request-id": requestId }),
      responseBody: Buffer.from(JSON.stringify({ id: "pay_1", email: "ada@example.com" })),
    },
  };
}

describe("the request-log thread", () => {
  const database = createTestDatabase();
  let db: PrismaClient;
  const options = { provider: "sqlite" as const, logRetentionDays: 14, rollupRetentionDays: 90 };

  beforeAll(async () => {
    db = createPrismaClient(database.url);
    await db.user.create({ data: { id: "usr_1", email: "a@example.com", name: "A", passwordHash: "x" } });
    await db.team.create({ data: { id: "team_1", name: "T" } });
    for (const id of ["app_1", "app_2"]) await db.app.create({ data: { id, teamId: "team_1", name: id, createdById: "usr_1" } });
  });
  afterAll(async () => {
    await db?.$disconnect();
    database.remove();
  });

  it("stores on its own connection exactly the masked rows the in-process writer stores", async () => {
    const fallback = (): RequestLogSink => createInProcessRequestLogs({ ...options, db });
    const thread = startRequestLogThread({ ...options, databaseUrl: database.url, fallback });
    const entries = Array.from({ length: 450 }, (_, i) => call(`req_t${String(i).padStart(3, "0")}`, i % 2 ? "app_2" : "app_1"));
    for (const entry of entries) thread.push(snapshotLogEntry(entry));
    await thread.flush();

    const stored = await db.requestLog.findMany({ where: { id: { startsWith: "req_t" } }, orderBy: { id: "asc" } });
    expect(stored).toHaveLength(450);
    // What the thread stored is what masking on this thread gives (route matched off the thread: no bank here).
    const expected = toLogRow(snapshotLogEntry(entries[0]));
    expect(stored[0]).toMatchObject({
      id: "req_t000",
      path: expected.path,
      requestHeaders: expected.requestHeaders,
      requestBody: expected.requestBody,
      responseHeaders: expected.responseHeaders,
      responseBody: expected.responseBody,
      createdAt: new Date("2026-12-06T10:00:00.000Z"),
    });
    expect(stored[0].requestHeaders).toMatchObject({ authorization: "Bearer [REDACTED]" });
    expect(JSON.stringify(stored)).not.toContain("sk_test_secret");
    expect(JSON.stringify(stored)).not.toContain("GB33BUKB20201555555555");
    expect(JSON.stringify(stored)).not.toContain("ada@example.com");
    // Rollups land in the same transactions as the rows.
    const rollups = await db.requestRollup.findMany({ orderBy: { appId: "asc" } });
    expect(rollups.map((rollup) => [rollup.appId, rollup.count])).toEqual([
      ["app_1", 225],
      ["app_2", 225],
    ]);
    expect(thread.dropped).toBe(0);
    await thread.close?.();
  }, 60_000);

  it("writes on the request thread, losing nothing, when the log thread cannot open its database", async () => {
    const fallback = (): RequestLogSink => createInProcessRequestLogs({ ...options, db });
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      // A file under a file cannot be created: the worker fails while opening its database.
      const thread = startRequestLogThread({ ...options, databaseUrl: "file:/etc/hostname/logs.db", fallback });
      thread.push(snapshotLogEntry(call("req_f1")));
      await new Promise((resolve) => setTimeout(resolve, 50)); // posted to the thread before it fails
      thread.push(snapshotLogEntry(call("req_f2")));
      for (let i = 0; i < 300 && errors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      thread.push(snapshotLogEntry(call("req_f3")));
      await thread.flush();

      expect(errors.join("\n")).toMatch(/\[request-logs\] the log thread stopped .*writing on the request thread/);
      const stored = await db.requestLog.findMany({ where: { id: { startsWith: "req_f" } }, orderBy: { id: "asc" } });
      expect(stored.map((log) => log.id)).toEqual(["req_f1", "req_f2", "req_f3"]);
      expect(stored[0].requestHeaders).toMatchObject({ authorization: "Bearer [REDACTED]" });
      await thread.close?.();
    } finally {
      console.error = original;
    }
  }, 60_000);
});
