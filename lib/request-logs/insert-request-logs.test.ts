import path from "node:path";
import { pathToFileURL } from "node:url";
import { Prisma, type PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateCalls, rollupUpserts } from "@/lib/analytics/request-rollups";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import type { DatabaseProvider } from "@openbank/database/database-url";
import { createTestDatabase } from "@/mock-bank/test/helpers";
import { createPostgresTestDatabase, POSTGRES_URL, postgresReachable } from "@/mock-bank/test/postgres";
import { insertRequestLogs, ROWS_PER_STATEMENT } from "./insert-request-logs";

type Row = Prisma.RequestLogCreateManyInput;
/** Prisma's null sentinels, which each generated client (the PostgreSQL test client is a second one) only knows as its own. */
type NullTypes = { DbNull: typeof Prisma.DbNull; JsonNull: typeof Prisma.JsonNull };

const reachable = await postgresReachable();
if (!reachable) {
  const message = `\n!! insertRequestLogs on PostgreSQL: no server at ${POSTGRES_URL.replace(/\/\/[^@]*@/, "//")}`;
  if (process.env.CI === "true") throw new Error(`${message}; CI=true, failing.`);
  console.warn(`${message}. SKIPPED.\n`);
}

/** Rows covering every column shape: nulls, absent values, JSON edge cases, awkward text and floats. */
function sampleRows(prefix: string, nulls: NullTypes = Prisma): Row[] {
  return [
    {
      id: `${prefix}_full`,
      appId: "app_1",
      apiKeyId: "key_1",
      keyPrefix: "sk_test_ab",
      method: "POST",
      path: "/v1/payments?x=1&y=%20",
      route: "/v1/payments",
      status: 201,
      latencyMs: 0.1 + 0.2,
      requestHeaders: {
        "content-type": "application/json",
        "x-note": 'quote " backslash \\ newline \n tab \t',
        "x-unicode": "zß水🙂\u2028",
      },
      requestBody: '{\n  "amount": "12.50",\n  "memo": "caf\u00e9 \\"x\\" 🙂"\n}',
      responseHeaders: { "x-request-id": "req_1", empty: "" },
      responseBody: "line 1\r\nline 2\u0001 ✓",
      createdAt: new Date("2026-11-21T20:01:03.728Z"),
    },
    {
      id: `${prefix}_nulls`,
      appId: "app_1",
      apiKeyId: null,
      keyPrefix: null,
      method: "GET",
      path: "/v1/accounts",
      route: null,
      status: 404,
      latencyMs: 12,
      requestHeaders: nulls.DbNull,
      requestBody: null,
      responseHeaders: nulls.JsonNull,
      responseBody: "",
      createdAt: "2026-01-02T03:04:05.006Z",
    },
    {
      id: `${prefix}_absent`,
      appId: "app_1",
      method: "DELETE",
      path: "/v1/consents/c_1",
      status: 500,
      latencyMs: 1199 / 8, // Prisma stores this as 171.2857142857143 (its query compiler rounds floats); so must we
      requestHeaders: {},
      responseHeaders: { nested: { list: [1, 2.5, true, null, "s"] } },
      createdAt: new Date("2026-11-21T23:59:59.000Z"),
    },
  ];
}

function manyRows(prefix: string, count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}_${i}`,
    appId: "app_1",
    method: "GET",
    path: `/v1/accounts/acc_${i}`,
    route: "/v1/accounts/{account_id}",
    status: 200,
    latencyMs: i / 8,
    requestHeaders: { "x-i": String(i) },
    responseBody: `{"i":${i}}`,
    createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, 0, i)),
  }));
}

const withoutId = <T extends { id: string }>({ id, ...rest }: T) => (void id, rest);

function suite(provider: DatabaseProvider, open: () => Promise<{ db: PrismaClient; nulls: NullTypes; close(): Promise<void> }>) {
  let db: PrismaClient;
  let nulls: NullTypes;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, nulls, close } = await open());
    await db.user.create({ data: { id: "usr_1", email: "a@example.com", name: "A", passwordHash: "x" } });
    await db.team.create({ data: { id: "team_1", name: "T" } });
    await db.app.create({ data: { id: "app_1", teamId: "team_1", name: "App", createdById: "usr_1" } });
  }, 180_000);
  afterAll(async () => close?.());

  it("stores rows that read back through Prisma exactly as createMany's do", async () => {
    await db.requestLog.createMany({ data: sampleRows("prisma", nulls) });
    await db.$transaction(insertRequestLogs({ db, provider, rows: sampleRows("raw") }));

    const read = async (prefix: string) =>
      (await db.requestLog.findMany({ where: { id: { startsWith: `${prefix}_` } }, orderBy: { id: "asc" } })).map(withoutId);
    const viaPrisma = await read("prisma");
    expect(viaPrisma).toHaveLength(3);
    expect(await read("raw")).toEqual(viaPrisma);

    // And in storage, not only after Prisma's mapping: same types and text (dates, JSON) per column.
    const stored = async (prefix: string) => {
      const sql =
        provider === "sqlite"
          ? `SELECT *, ${["createdAt", "requestHeaders", "responseHeaders", "latencyMs", "status"].map((c) => `typeof("${c}") AS "${c}Type", CAST("${c}" AS TEXT) AS "${c}Text"`).join(", ")} FROM "RequestLog" WHERE "id" LIKE '${prefix}\\_%' ESCAPE '\\' ORDER BY "id"`
          : `SELECT *, "createdAt"::text AS "createdAtText", "requestHeaders"::text AS "requestHeadersText", "responseHeaders"::text AS "responseHeadersText", jsonb_typeof("responseHeaders") AS "responseHeadersType" FROM "RequestLog" WHERE "id" LIKE '${prefix}\\_%' ORDER BY "id"`;
      return (await db.$queryRawUnsafe<{ id: string }[]>(sql)).map(withoutId);
    };
    expect(await stored("raw")).toEqual(await stored("prisma"));
  });

  it("fills an absent createdAt with the current time, as the column default does", async () => {
    const before = Date.now();
    await db.$transaction(
      insertRequestLogs({ db, provider, rows: [{ id: "now_1", appId: "app_1", method: "GET", path: "/", status: 200, latencyMs: 1 }] }),
    );
    const row = await db.requestLog.findUniqueOrThrow({ where: { id: "now_1" } });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("splits large batches into several statements, all in the caller's transaction", async () => {
    const rows = manyRows("bulk", 1_200);
    const statements = insertRequestLogs({ db, provider, rows });
    expect(ROWS_PER_STATEMENT).toBeLessThan(1_200);
    expect(statements).toHaveLength(Math.ceil(1_200 / ROWS_PER_STATEMENT));
    const deltas = aggregateCalls(rows.map((row) => ({ ...row, route: row.route ?? null, createdAt: new Date(row.createdAt!) })));
    const results = await db.$transaction([...statements, ...rollupUpserts(db, deltas)]);
    expect((results.slice(0, statements.length) as number[]).reduce((sum, count) => sum + count, 0)).toBe(1_200);
    expect(await db.requestLog.count({ where: { id: { startsWith: "bulk_" } } })).toBe(1_200);
    const last = await db.requestLog.findUniqueOrThrow({ where: { id: "bulk_1199" } });
    expect(last).toMatchObject({
      latencyMs: 1199 / 8,
      requestHeaders: { "x-i": "1199" },
      createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, 0, 1199)),
    });
  });

  it("rolls back every chunk and the rollups when a later chunk fails", async () => {
    const rows = manyRows("atomic", 1_200);
    rows[1_199] = { ...rows[1_199], id: "atomic_0" }; // duplicate key in the last chunk
    const rollupsBefore = await db.requestRollup.findMany({ orderBy: { bucket: "asc" } });
    const deltas = aggregateCalls(rows.map((row) => ({ ...row, route: row.route ?? null, createdAt: new Date(row.createdAt!) })));
    await expect(db.$transaction([...insertRequestLogs({ db, provider, rows }), ...rollupUpserts(db, deltas)])).rejects.toThrow();
    expect(await db.requestLog.count({ where: { id: { startsWith: "atomic_" } } })).toBe(0);
    expect(await db.requestRollup.findMany({ orderBy: { bucket: "asc" } })).toEqual(rollupsBefore);
  });
}

describe("insertRequestLogs on SQLite", () => {
  suite("sqlite", async () => {
    const database = createTestDatabase();
    const db = createPrismaClient(database.url);
    return {
      db,
      nulls: Prisma,
      async close() {
        await db.$disconnect();
        database.remove();
      },
    };
  });
});

describe.skipIf(!reachable)("insertRequestLogs on PostgreSQL", () => {
  suite("postgresql", async () => {
    const database = await createPostgresTestDatabase({ poolSize: 2 });
    const client = pathToFileURL(path.resolve("data/.pg-test-client/client/index.js")).href;
    const { Prisma: nulls } = (await import(/* @vite-ignore */ client)) as { Prisma: NullTypes };
    return { db: database.db, nulls, close: () => database.drop() };
  });
});
