/**
 * npm run bench:gateway — what our gateway costs, measured side by side in one run:
 *
 *   direct   the mock bank itself, called with the internal headers the gateway would add
 *   gateway  the portal's /v1 gateway: API-key auth, rate limit (on, with a high limit) and
 *            request logging all on, then the same bank call
 *   nginx    a plain nginx proxy_pass to the bank adding the same headers (only when nginx is
 *            installed): the floor a reverse proxy costs
 *
 * on a trivial route (GET /v1/sandbox/clock: no database query once the tenant is known)
 * and a database route (GET /v1/accounts/{id}/transactions?limit=25); then the other credentials
 * and the standards (standards-routes.mts): a /v1 account read with the key and with a consent
 * token, UK Open Banking's accounts with a bearer and a DPoP-bound token (a proof per request),
 * Berlin Group's accounts and a payment's status with the key, each beside the bank called
 * directly with the same work to do. Throughput is a closed loop (autocannon, fixed connections);
 * latency is an open loop at one fixed rate for every target (see open-loop.mts), after a pause
 * for the request-log thread to write the closed loop's rows. Prints ratios, the latency the
 * gateway adds, and issue 20's targets, met or missed.
 *
 * Knobs: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (32), BENCH_RATE (requests/s for the
 * latency runs; default a fifth of the gateway's throughput on that route), BENCH_SETTLE_MS (the
 * pause, 5000), BENCH_PORTAL_PORT / BENCH_BANK_PORT / BENCH_NGINX_PORT (3950 / 4950 / 5950).
 * Needs `npm run build`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startServices } from "../test-services.mjs";
import { PortalClient } from "../../tests/support/portal-client";
import { openLoop, type LatencyResult } from "./open-loop.mjs";
import { standardsRoutes, type BenchTarget, type HeadersFor } from "./standards-routes.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
// Ports: overridable so benchmarks and test suites on one machine do not collide.
const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3950);
const BANK_PORT = Number(process.env.BENCH_BANK_PORT ?? 4950);
const NGINX_PORT = Number(process.env.BENCH_NGINX_PORT ?? 5950);

type Target = { name: "direct" | "gateway" | "nginx"; base: string; headers: Record<string, string> };
type Row = { route: string; target: string; throughput: number; errors: number; latency: LatencyResult };

function nginxBinary(): string | null {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]) if (existsSync(candidate)) return candidate;
  return null;
}

async function startNginx(binary: string, headers: Record<string, string>): Promise<ChildProcess> {
  const dir = path.resolve("data/bench/nginx");
  mkdirSync(path.join(dir, "logs"), { recursive: true });
  const set = Object.entries(headers)
    .map(([name, value]) => `      proxy_set_header ${name} "${value}";`)
    .join("\n");
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream bank { server 127.0.0.1:${BANK_PORT}; keepalive 64; }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://bank;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header x-request-id $request_id;
${set}
    }
  }
}
`,
  );
  const child = spawn(binary, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${NGINX_PORT}/health`);
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("nginx did not start");
}

async function throughput(url: string, headers: Record<string, string>, headersFor?: HeadersFor, duration = seconds) {
  let sent = 0;
  const requests = headersFor
    ? [
        {
          setupRequest: (request: { headers?: Record<string, string> }) => ({ ...request, headers: { ...headers, ...headersFor(sent++) } }),
        },
      ]
    : undefined;
  const result = await autocannon({ url, headers, connections, duration, requests } as autocannon.Options);
  return { rps: result.requests.average, errors: result.errors + result.timeouts + result.non2xx };
}

/**
 * A pause between the closed-loop runs and the latency runs: the portal's request-log thread
 * writes the last run's thousands of rows for a few seconds after it, and the first latency run
 * (direct's) would otherwise measure that backlog, not the bank.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, Number(process.env.BENCH_SETTLE_MS ?? 5_000)));

/** Enough per-request headers (DPoP proofs) for a closed-loop run at up to 3,000 req/s, or an open loop at `rate`. */
const proofsFor = (target: BenchTarget, runSeconds: number, rate = 3_000) => target.headersFor?.(Math.ceil(rate * (runSeconds + 1)));

const ms = (value: number) => value.toFixed(2).padStart(7);
const x = (value: number) => `${value.toFixed(2)}×`;

async function main() {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  const services = await startServices({
    portalPort: PORTAL_PORT,
    bankPort: BANK_PORT,
    name: "bench",
    // The limiter stays on (every request pays for it), with a limit the benchmark cannot reach.
    env: { RATE_LIMIT_REQUESTS: "1000000000", RATE_LIMIT_WINDOW_SECONDS: "1" },
  });
  const children: ChildProcess[] = [];
  try {
    const { client } = await PortalClient.newDeveloper(services.portalUrl, "Bench");
    const created = await client.createApp("Benchmark app");
    const appId = created.app.id;
    const auth = { authorization: `Bearer ${created.secret}` };
    const accounts = await (await fetch(`${services.portalUrl}/v1/accounts?limit=1`, { headers: auth })).json();
    const accountId = accounts.data[0].id as string;

    const internal = { "x-internal-secret": services.env.BANK_INTERNAL_SECRET as string, "x-tenant-id": appId, "x-app-id": appId };
    const targets: Target[] = [
      { name: "direct", base: services.bankUrl, headers: { ...internal, "x-request-id": "req_bench" } },
      { name: "gateway", base: services.portalUrl.replace("localhost", "127.0.0.1"), headers: auth },
    ];
    const nginx = nginxBinary();
    if (nginx) {
      children.push(await startNginx(nginx, internal));
      targets.push({ name: "nginx", base: `http://127.0.0.1:${NGINX_PORT}`, headers: {} });
    } else {
      console.log("nginx is not installed: comparing direct and gateway only (apt-get install nginx-light for the third column)");
    }

    const routes = [
      { name: "trivial", path: "/v1/sandbox/clock" },
      { name: "database", path: `/v1/accounts/${accountId}/transactions?limit=25` },
    ];
    console.log(
      `\n${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${services.provider}; ${seconds} s per run, ${connections} connections\n`,
    );

    const rows: Row[] = [];
    for (const route of routes) {
      // Warm up every target (JIT, connection pools, the tenant cache, the key cache).
      for (const target of targets) await autocannon({ url: target.base + route.path, headers: target.headers, connections, duration: 2 });
      const measured = [];
      for (const target of targets) measured.push({ target, ...(await throughput(target.base + route.path, target.headers)) });
      const gatewayRps = measured.find((m) => m.target.name === "gateway")!.rps;
      // Latency is measured at a moderate load: a fifth of what the gateway sustains. At half of it
      // the 2-core machine (load generator, portal and bank sharing the cores) measures queueing.
      const rate = Number(process.env.BENCH_RATE ?? Math.max(50, Math.round(gatewayRps / 5 / 50) * 50));
      await settle();
      for (const m of measured) {
        const latency = await openLoop({ url: m.target.base + route.path, headers: m.target.headers, rate, seconds });
        rows.push({ route: route.name, target: m.target.name, throughput: m.rps, errors: m.errors + latency.failed, latency });
      }
    }

    console.log("route     target    req/s   vs direct  vs nginx   p50 ms  p99 ms  added p50  errors   (latency at a fixed rate)");
    for (const row of rows) {
      const direct = rows.find((r) => r.route === row.route && r.target === "direct")!;
      const proxy = rows.find((r) => r.route === row.route && r.target === "nginx");
      console.log(
        [
          row.route.padEnd(9),
          row.target.padEnd(8),
          String(Math.round(row.throughput)).padStart(7),
          x(row.throughput / direct.throughput).padStart(10),
          (proxy ? x(row.throughput / proxy.throughput) : "-").padStart(9),
          ms(row.latency.p50),
          ms(row.latency.p99),
          (row.target === "direct" ? "-" : `${(row.latency.p50 - direct.latency.p50).toFixed(2)} ms`).padStart(10),
          String(row.errors).padStart(7),
          `  @ ${row.latency.rate}/s`,
        ].join(" "),
      );
    }

    // The standards' routes and the other credentials, each beside the bank called directly.
    const standards = await standardsRoutes({
      portalUrl: services.portalUrl,
      gatewayBase: targets[1].base,
      bankUrl: services.bankUrl,
      internal,
      developer: client,
      appId,
      apiKey: created.secret,
    });
    const standardRows: (Row & { baseline: string })[] = [];
    for (const route of standards) {
      for (const target of route.targets) await throughput(target.base + route.path, target.headers, proofsFor(target, 2), 2);
      const measured = [];
      for (const target of route.targets)
        measured.push({ target, ...(await throughput(target.base + route.path, target.headers, proofsFor(target, seconds))) });
      const slowest = Math.min(...measured.map((m) => m.rps));
      const rate = Number(process.env.BENCH_RATE ?? Math.max(50, Math.round(slowest / 5 / 50) * 50));
      await settle();
      for (const m of measured) {
        const latency = await openLoop({
          url: m.target.base + route.path,
          headers: m.target.headers,
          headersFor: proofsFor(m.target, seconds, rate),
          rate,
          seconds,
        });
        standardRows.push({
          route: route.name,
          target: m.target.name,
          baseline: m.target.baseline ?? "direct",
          throughput: m.rps,
          errors: m.errors + latency.failed,
          latency,
        });
      }
    }
    console.log(
      "\nstandards and credentials (gw·key: the app's API key; gw·token: a consent's bearer token; gw·dpop: a DPoP-bound token, a proof per request)",
    );
    console.log("route        target          req/s  vs direct   p50 ms  p99 ms  added p50  added p99  errors");
    for (const row of standardRows) {
      const direct = standardRows.find((r) => r.route === row.route && r.target === row.baseline)!;
      const added = (value: number) => (row.target.startsWith("direct") ? "-" : `${value.toFixed(2)} ms`).padStart(10);
      console.log(
        [
          row.route.padEnd(12),
          row.target.padEnd(13),
          String(Math.round(row.throughput)).padStart(7),
          x(row.throughput / direct.throughput).padStart(11),
          ms(row.latency.p50),
          ms(row.latency.p99),
          added(row.latency.p50 - direct.latency.p50),
          added(row.latency.p99 - direct.latency.p99),
          String(row.errors).padStart(7),
          `  @ ${row.latency.rate}/s`,
        ].join(" "),
      );
    }
    rows.push(...standardRows);

    const get = (route: string, target: string) => rows.find((r) => r.route === route && r.target === target);
    const share = (route: string, target: string) => {
      const row = standardRows.find((r) => r.route === route && r.target === target)!;
      return row.throughput / get(route, row.baseline)!.throughput;
    };
    console.log("\nratios side by side (throughput; latency added over direct at the same fixed rate)");
    for (const route of routes) {
      const direct = get(route.name, "direct")!;
      const through = get(route.name, "gateway")!;
      const proxy = get(route.name, "nginx");
      const added = (row: Row) =>
        `+${(row.latency.p50 - direct.latency.p50).toFixed(2)} ms p50 / +${(row.latency.p99 - direct.latency.p99).toFixed(2)} ms p99`;
      console.log(
        `  ${route.name.padEnd(9)} gateway ${x(through.throughput / direct.throughput)} direct` +
          (proxy ? `, ${x(through.throughput / proxy.throughput)} nginx; nginx ${x(proxy.throughput / direct.throughput)} direct` : "") +
          ` | gateway ${added(through)}` +
          (proxy ? ` | nginx ${added(proxy)}` : ""),
      );
    }
    // Issue 20's targets (issue 8's were ≥ 0.5× nginx, ≤ 15 % loss, ≤ 0.5 ms p50).
    const trivial = get("trivial", "gateway")!;
    const trivialDirect = get("trivial", "direct")!;
    const checks: [string, boolean | null][] = [
      [
        "gateway ≥ 0.5× nginx throughput on the trivial route",
        get("trivial", "nginx") ? trivial.throughput >= 0.5 * get("trivial", "nginx")!.throughput : null,
      ],
      [
        "≤ 10 % throughput loss through the gateway on the database route",
        get("database", "gateway")!.throughput >= 0.9 * get("database", "direct")!.throughput,
      ],
      ["gateway adds ≤ 0.3 ms at p50 (trivial route, fixed rate)", trivial.latency.p50 - trivialDirect.latency.p50 <= 0.3],
      ["gateway adds ≤ 3 ms at p99 (trivial route, fixed rate)", trivial.latency.p99 - trivialDirect.latency.p99 <= 3],
      ...standardRows
        .filter((row) => !row.target.startsWith("direct"))
        .map((row): [string, boolean] => [
          `≤ 10 % throughput loss, ${row.route} through ${row.target} (against ${row.baseline})`,
          row.throughput >= 0.9 * get(row.route, row.baseline)!.throughput,
        ]),
      [
        // The gateway's share: each credential against the bank doing the same work (it checks a token too).
        "consent token's gateway throughput within 10 % of the key's (v1 account)",
        share("v1 account", "gw·token") >= 0.9 * share("v1 account", "gw·key"),
      ],
      [
        "DPoP-bound token's gateway throughput within 10 % of the bearer token's (uk accounts)",
        share("uk accounts", "gw·dpop") >= 0.9 * share("uk accounts", "gw·token"),
      ],
    ];
    console.log("");
    for (const [name, met] of checks) console.log(`${met === null ? "n/a " : met ? "met " : "MISS"}  ${name}`);
    mkdirSync("data/bench", { recursive: true });
    const file = `data/bench/gateway-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), provider: services.provider, seconds, connections, rows }, null, 2));
    console.log(`\nraw results: ${file}`);
  } finally {
    for (const child of children) child.kill("SIGQUIT");
    await services.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
