/**
 * npm run bench:cluster — what a second portal process buys (issue 20): the gateway behind nginx
 * with one portal process, then with two, as `npm run start:cluster` runs them (Redis for the shared
 * rate limit and caches, nginx balancing, one shared database), on the same machine and in the same run:
 *
 *   1 portal   nginx → portal A
 *   2 portals  nginx → portal A, portal B (round robin)
 *
 * on the trivial route (GET /v1/sandbox/clock) and the database route (GET /v1/accounts/{id}/
 * transactions?limit=25), through the gateway with an API key, rate limit and request log on. The
 * runs alternate (1, 2, 1, 2) so a drift of the machine shows as a spread, not as a ratio.
 * Prints each run and the ratio of the medians, with the machine's core count: the figure means
 * most where there is a core for each process and its share of the bank.
 *
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379) and nginx. The database is SQLite, or
 * PostgreSQL with TEST_DATABASE_URL once the Prisma client is generated for it (start:cluster's
 * `DATABASE_URL=postgresql://… npm run build`). Knobs: BENCH_SECONDS (10),
 * BENCH_CONNECTIONS (32), BENCH_ROUNDS (2), BENCH_PORTAL_PORT / BENCH_BANK_PORT / BENCH_NGINX_PORT
 * (3960 / 4960 / 5960). Needs `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { nginxBinary, startNginx } from "../nginx.mjs";
import { startServices } from "../test-services.mjs";
import { PortalClient } from "../../tests/support/portal-client";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3960);
const BANK_PORT = Number(process.env.BENCH_BANK_PORT ?? 4960);
const NGINX_PORT = Number(process.env.BENCH_NGINX_PORT ?? 5960);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  if (!nginxBinary()) throw new Error("bench:cluster needs nginx: apt-get install nginx-light");
  const services = await startServices({
    portalPort: PORTAL_PORT,
    bankPort: BANK_PORT,
    name: "bench-cluster",
    portalInstances: 2,
    env: {
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      RATE_LIMIT_REQUESTS: "1000000000",
      RATE_LIMIT_WINDOW_SECONDS: "1",
    },
  });
  const dir = path.resolve("data/bench-cluster/nginx");
  const portals = [PORTAL_PORT, PORTAL_PORT + 1].map((port) => `http://127.0.0.1:${port}`);
  const nginx = startNginx({
    dir,
    docsBaseUrl: services.portalUrl,
    balancers: [
      { name: "one", port: NGINX_PORT, upstreams: portals.slice(0, 1), healthPath: "/api/health" },
      { name: "two", port: NGINX_PORT + 1, upstreams: portals, healthPath: "/api/health" },
    ],
    log: () => {},
  });
  try {
    await nginx.ready;
    const { client } = await PortalClient.newDeveloper(services.portalUrl, "Cluster bench");
    const created = await client.createApp("Cluster benchmark app");
    const headers = { authorization: `Bearer ${created.secret}` };
    const accounts = await (await fetch(`${services.portalUrl}/v1/accounts?limit=1`, { headers })).json();
    const routes = [
      { name: "trivial", path: "/v1/sandbox/clock" },
      { name: "database", path: `/v1/accounts/${accounts.data[0].id}/transactions?limit=25` },
    ];
    const setups = [
      { name: "1 portal", base: `http://127.0.0.1:${NGINX_PORT}` },
      { name: "2 portals", base: `http://127.0.0.1:${NGINX_PORT + 1}` },
    ];
    console.log(
      `\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${services.provider}, Redis, nginx; ${seconds} s per run, ${connections} connections, ${rounds} rounds\n`,
    );
    const results: Record<string, number[]> = {};
    for (const route of routes) {
      // Warm-up: JIT, connection pools and caches in both processes (the first seconds run at a third of the pace).
      for (const setup of setups) await autocannon({ url: setup.base + route.path, headers, connections, duration: 5 });
      for (let round = 0; round < rounds; round++) {
        for (const setup of setups) {
          const result = await autocannon({ url: setup.base + route.path, headers, connections, duration: seconds });
          const errors = result.errors + result.timeouts + result.non2xx;
          (results[`${route.name}|${setup.name}`] ??= []).push(result.requests.average);
          console.log(
            `${route.name.padEnd(9)} ${setup.name.padEnd(10)} round ${round + 1}: ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${errors}`,
          );
        }
      }
    }
    console.log("\nroute     1 portal  2 portals  2 ÷ 1   (medians of the rounds)");
    for (const route of routes) {
      const one = median(results[`${route.name}|1 portal`]);
      const two = median(results[`${route.name}|2 portals`]);
      console.log(
        `${route.name.padEnd(9)} ${String(Math.round(one)).padStart(8)} ${String(Math.round(two)).padStart(10)}  ${(two / one).toFixed(2)}×`,
      );
    }
  } finally {
    await nginx.stop();
    await services.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
