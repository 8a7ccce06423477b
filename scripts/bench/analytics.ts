/**
 * `npm run bench:analytics`: seeds 1M request logs into a throwaway PostgreSQL database, builds
 * the hourly rollups from them, then times the portal's own query functions (request-log
 * pages with filters and cursors, usage over 24 h / 7 d / 30 d, go-live evidence, pruning)
 * against that data. Prints timings; it is a benchmark, not a test.
 *   BENCH_ROWS=1000000  TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { LATENCY_BOUNDS_MS } from "@/lib/analytics/latency-histogram";
import { pgConfig } from "@openbank/database/database-url";
import { createPostgresTestDatabase, postgresReachable } from "@/mock-bank/test/postgres";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const APPS = 200;
const DAYS = 14;
const RUNS = 7;

// env() is parsed by some of the timed functions; the bench needs no real secrets.
for (const name of ["NEXTAUTH_SECRET", "API_KEY_PEPPER", "BANK_INTERNAL_SECRET"])
  process.env[name] ??= "bench-only-secret-".padEnd(40, "x");

const ROUTES: Array<[string, string, string]> = [
  ["GET", "/v1/accounts", "/v1/accounts?limit=20"],
  ["GET", "/v1/accounts/{account_id}", "/v1/accounts/acc_'||lpad((i%97)::text,22,'0')||'"],
  ["GET", "/v1/accounts/{account_id}/balances", "/v1/accounts/acc_'||lpad((i%97)::text,22,'0')||'/balances"],
  ["GET", "/v1/accounts/{account_id}/transactions", "/v1/accounts/acc_'||lpad((i%97)::text,22,'0')||'/transactions?limit=50"],
  ["POST", "/v1/payments", "/v1/payments"],
  ["GET", "/v1/payments/{payment_id}", "/v1/payments/pay_'||lpad((i%89)::text,22,'0')||'"],
  ["POST", "/v1/fx/quotes", "/v1/fx/quotes"],
  ["POST", "/v1/customers", "/v1/customers"],
  ["GET", "/v1/sandbox/clock", "/v1/sandbox/clock"],
  ["POST", "/v1/sandbox/reset", "/v1/sandbox/reset"],
];

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

async function time<T>(label: string, run: () => Promise<T>, describe?: (result: T) => string): Promise<void> {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `  ${label.padEnd(58)} median ${ms(median).padStart(10)}   max ${ms(samples.at(-1)!).padStart(10)}${describe ? `   ${describe(result as T)}` : ""}`,
  );
}

async function main() {
  if (!(await postgresReachable())) {
    console.error("bench:analytics needs PostgreSQL (TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres)");
    process.exitCode = 1;
    return;
  }
  const database = await createPostgresTestDatabase({ poolSize: 4 });
  const sql = new pg.Client(pgConfig(database.url));
  await sql.connect();
  try {
    console.log(`seeding ${ROWS.toLocaleString("en-GB")} request logs for ${APPS} apps over ${DAYS} days…`);
    let started = performance.now();
    await sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ('usr_bench', 'bench@example.com', 'Bench', 'x')`);
    await sql.query(`INSERT INTO "Team" (id, name) VALUES ('team_bench', 'Bench team')`);
    await sql.query(`INSERT INTO "App" (id, "teamId", name, "createdById", "updatedAt")
      SELECT 'app_bench_' || a, 'team_bench', 'Bench app ' || a, 'usr_bench', now() FROM generate_series(1, ${APPS}) a`);
    await sql.query(`INSERT INTO "ApiKey" (id, "appId", name, prefix, hash, "createdById")
      SELECT 'key_bench_' || a || '_' || k, 'app_bench_' || a, 'Key ' || k, 'sk_sandbox_bench…' || k, md5(a || '-' || k), 'usr_bench'
      FROM generate_series(1, ${APPS}) a, generate_series(1, 3) k`);
    const routeCase = (column: 0 | 1 | 2) =>
      `CASE r ${ROUTES.map((route, index) => `WHEN ${index} THEN '${route[column]}'`).join(" ")} END`;
    // App 1 is the busiest (a third of all traffic); the rest share the remainder unevenly.
    await sql.query(`
      INSERT INTO "RequestLog" (id, "appId", "apiKeyId", "keyPrefix", method, path, route, status, "latencyMs", "createdAt", "requestHeaders", "responseHeaders", "responseBody")
      SELECT 'req_bench_' || lpad(i::text, 12, '0'), app, 'key_bench_' || substr(app, 11) || '_' || (1 + (i / 7) % 3), 'sk_sandbox_bench…' || (1 + (i / 7) % 3),
             ${routeCase(0)}, ${routeCase(2)}, ${routeCase(1)},
             CASE WHEN (i / 10) % 50 = 0 THEN 500 WHEN (i / 10) % 13 = 0 THEN 404 WHEN (i / 10) % 17 = 0 THEN 400 WHEN (i / 10) % 101 = 0 THEN 429 WHEN r IN (4, 6, 7) THEN 201 ELSE 200 END,
             greatest(1, 15 + 40 * random() + CASE WHEN i % 20 = 0 THEN 400 * random() ELSE 0 END),
             now() - (random() * interval '${DAYS} days'),
             '{"authorization":"Bearer [REDACTED]","content-type":"application/json"}'::jsonb,
             '{"content-type":"application/json"}'::jsonb,
             '{"data":[]}'
      FROM (
        SELECT i, (i * 7) % ${ROUTES.length} AS r,
               CASE WHEN i % 3 = 0 THEN 'app_bench_1' ELSE 'app_bench_' || (2 + (i * i) % ${APPS - 1}) END AS app
        FROM generate_series(1::bigint, ${ROWS}::bigint) i
      ) s`);
    console.log(`  seeded in ${ms(performance.now() - started)}`);

    // The rollup job's SQL (a backfill of what the log writer upserts on every flush).
    started = performance.now();
    const bounds = LATENCY_BOUNDS_MS.slice(0, -1);
    const histogram = LATENCY_BOUNDS_MS.map((bound, i) => {
      const lower = i === 0 ? null : bounds[i - 1];
      const cond = [lower === null ? null : `"latencyMs" > ${lower}`, Number.isFinite(bound) ? `"latencyMs" <= ${bound}` : null]
        .filter(Boolean)
        .join(" AND ");
      return `count(*) FILTER (WHERE ${cond})::int AS lat${i}`;
    });
    await sql.query(`
      INSERT INTO "RequestRollup" ("appId", bucket, method, route, "statusClass", count, "latencySumMs", ${LATENCY_BOUNDS_MS.map((_, i) => `lat${i}`).join(", ")})
      SELECT "appId", date_trunc('hour', "createdAt"), method, coalesce(route, '(unmatched)'), status / 100, count(*)::int, sum("latencyMs"), ${histogram.join(", ")}
      FROM "RequestLog" GROUP BY 1, 2, 3, 4, 5`);
    await sql.query(`ANALYZE`);
    const rollups = (await sql.query(`SELECT count(*)::int AS n FROM "RequestRollup"`)).rows[0].n;
    console.log(`  built ${rollups.toLocaleString("en-GB")} hourly rollup rows in ${ms(performance.now() - started)}`);

    const { parsePortalEnv } = await import("@/lib/env");
    const { startPortal } = await import("@/lib/runtime");
    startPortal(parsePortalEnv({ ...process.env, DATABASE_URL: database.url }), { db: database.db });
    const { listRequestLogs } = await import("@/lib/request-logs/list-request-logs");
    const { getRequestLog } = await import("@/lib/request-logs/get-request-log");
    const { getUsage } = await import("@/lib/analytics/get-usage");
    const { computeSandboxEvidence } = await import("@/lib/go-live/sandbox-evidence");
    const { pruneRequestLogs } = await import("@/lib/request-logs/prune-request-logs");

    const busiest = "app_bench_1";
    const busiestRows = (await sql.query(`SELECT count(*)::int AS n FROM "RequestLog" WHERE "appId" = $1`, [busiest])).rows[0].n;
    console.log(`\nrequest logs (busiest app: ${busiestRows.toLocaleString("en-GB")} rows), ${RUNS} runs each:`);
    const rows = (page: { data: unknown[] }) => `${page.data.length} rows`;
    await time("newest 50", () => listRequestLogs({ appId: busiest }), rows);
    await time("status=5xx", () => listRequestLogs({ appId: busiest, filters: { status: "5xx" } }), rows);
    await time("status=404, method=GET", () => listRequestLogs({ appId: busiest, filters: { status: 404, method: "GET" } }), rows);
    await time(
      "path contains 'balances', since 24h",
      () => listRequestLogs({ appId: busiest, filters: { path: "balances", since: "24h" } }),
      rows,
    );
    await time(
      "key filter, last 7 days",
      () => listRequestLogs({ appId: busiest, filters: { keyId: "key_bench_1_2", since: "7d" } }),
      rows,
    );
    await time(
      "rare combination (POST, 5xx, path 'fx')",
      () => listRequestLogs({ appId: busiest, filters: { method: "POST", status: "5xx", path: "fx" } }),
      rows,
    );
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++)
      cursor = (await listRequestLogs({ appId: busiest, filters: cursor ? { cursor: decode(cursor) } : {} })).next_cursor;
    await time("page 21 by cursor", () => listRequestLogs({ appId: busiest, filters: { cursor: decode(cursor!) } }), rows);
    const oneId = (await sql.query(`SELECT id FROM "RequestLog" WHERE "appId" = $1 LIMIT 1`, [busiest])).rows[0].id;
    await time("one log's detail", () => getRequestLog({ appId: busiest, requestId: oneId }));

    console.log(`\nusage analytics from rollups:`);
    const summary = (usage: { totals: { requests: number; p95_ms: number | null }; endpoints: unknown[] }) =>
      `${usage.totals.requests.toLocaleString("en-GB")} requests, ${usage.endpoints.length} endpoints, p95 ${usage.totals.p95_ms} ms`;
    for (const range of ["24h", "7d", "30d"] as const)
      await time(`busiest app, ${range}`, () => getUsage({ appIds: [busiest], range }), summary);
    await time("a small app, 7d", () => getUsage({ appIds: ["app_bench_42"], range: "7d" }), summary);
    const team = Array.from({ length: APPS }, (_, i) => `app_bench_${i + 1}`);
    await time(`team of ${APPS} apps, 30d`, () => getUsage({ appIds: team, range: "30d" }), summary);
    await time("whole platform (admin), 7d", () => getUsage({ appIds: "all", range: "7d" }), summary);
    await time(
      "go-live evidence (7 days)",
      () => computeSandboxEvidence({ appId: busiest }),
      (e) => `${e.endpoints.length} endpoints`,
    );

    console.log(`\nfor comparison, without rollups (raw logs, exact percentiles):`);
    await time(
      "busiest app, 7d, per-endpoint p50/p95 over raw logs",
      async () =>
        (
          await sql.query(
            `SELECT method, route, count(*), percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY "latencyMs")
        FROM "RequestLog" WHERE "appId" = $1 AND "createdAt" >= now() - interval '7 days' GROUP BY 1, 2`,
            [busiest],
          )
        ).rows,
    );

    console.log(`\nretention:`);
    started = performance.now();
    const pruned = await pruneRequestLogs({
      db: database.db,
      logRetentionDays: DAYS - 1,
      rollupRetentionDays: DAYS - 1,
      batchSize: 1_000,
      maxBatches: 1_000,
    });
    console.log(
      `  pruned ${pruned.logs.toLocaleString("en-GB")} logs and ${pruned.rollups} rollups older than ${DAYS - 1} days in ${ms(performance.now() - started)} (batches of 1,000)`,
    );
  } finally {
    await sql.end();
    await database.drop();
  }
}

function decode(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  return { createdAt: new Date(at), id };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
