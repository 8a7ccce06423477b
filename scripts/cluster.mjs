#!/usr/bin/env node
// `npm run start:cluster`: the scale-out mode on one machine, with the production build.
//   portal ×2 (the custom server, server.ts, on PORT+1, PORT+2: pages and the gateway's fast path)
//   and mock bank ×2 (BANK_PORT+1, +2), each group behind nginx (Debian's nginx-light, with
//   passive and active health checks: scripts/nginx.mjs) on PORT (3000) and BANK_PORT (4010);
//   webhook dispatcher ×2; all on one PostgreSQL database (DATABASE_URL) and one Redis (REDIS_URL).
// Instance counts: CLUSTER_PORTALS, CLUSTER_BANKS, CLUSTER_DISPATCHERS (default 2 each).
// Before: DATABASE_URL=postgresql://… npm run build   (the Prisma client is generated per provider)
import { execFileSync } from "node:child_process";
import path from "node:path";
import concurrently from "concurrently";
import { nginxBinary, startNginx } from "./nginx.mjs";
import { ensureLocalSecrets } from "./ensure-env.mjs";
import { loadEnv } from "./load-env.mjs";

const created = ensureLocalSecrets();
if (created.length) console.log(`• wrote local secrets to .env.local: ${created.join(", ")}`);
loadEnv();

const fail = (message) => {
  console.error(`✖ ${message}`);
  process.exit(1);
};
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ""))
  fail("start:cluster needs DATABASE_URL=postgresql://… (every instance shares one database; SQLite is for one instance).");
if (!/^rediss?:\/\//.test(process.env.REDIS_URL ?? ""))
  fail("start:cluster needs REDIS_URL=redis://… (shared rate limits and cache invalidation).");
if (!nginxBinary()) fail("start:cluster needs nginx in front of the instances: apt-get install nginx-light (Debian).");

const count = (name) => Math.max(1, Number(process.env[name] ?? 2));
const portals = count("CLUSTER_PORTALS");
const banks = count("CLUSTER_BANKS");
const dispatchers = count("CLUSTER_DISPATCHERS");
const portalUrl = new URL(process.env.PORTAL_URL ?? "http://localhost:3000");
const portalPort = Number(portalUrl.port || 3000);
const bankPort = Number(process.env.BANK_PORT ?? 4010);

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.BANK_URL = `http://127.0.0.1:${bankPort}`;
process.env.NEXTAUTH_URL ??= portalUrl.origin;
// Production mode: loopback webhook receivers stay off unless WEBHOOKS_ALLOW_LOOPBACK is set.
process.env.WEBHOOKS_ALLOW_LOOPBACK ??= "false";
// nginx, on this machine, is the portals' only proxy: X-Forwarded-For is believed from loopback peers only.
process.env.TRUSTED_PROXIES ??= "loopback";
// Several banks share the database: none may keep a tenant's clock in memory.
process.env.BANK_TENANT_CACHE = "false";

console.log("• applying migrations");
execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
console.log("• seeding the demo developer");
execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "inherit" });

const range = (n, from) => Array.from({ length: n }, (_, i) => from + i + 1);
const portalPorts = range(portals, portalPort);
const bankPorts = range(banks, bankPort);
console.log(
  `\n  Portal     ${portalUrl.origin} → :${portalPorts.join(", :")}\n  Mock bank  http://127.0.0.1:${bankPort} → :${bankPorts.join(", :")}\n  Dispatchers ${dispatchers}\n`,
);

const urls = (ports) => ports.map((port) => `http://127.0.0.1:${port}`);
const nginx = startNginx({
  dir: path.resolve("data/nginx"),
  docsBaseUrl: portalUrl.origin,
  balancers: [
    { name: "portals", host: "0.0.0.0", port: portalPort, upstreams: urls(portalPorts), healthPath: "/api/health" },
    // The bank stays internal: its balancer listens on loopback only.
    { name: "banks", host: "127.0.0.1", port: bankPort, upstreams: urls(bankPorts), healthPath: "/health" },
  ],
  log: (line) => console.log(`nginx │ ${line}`),
});

const commands = [
  ...bankPorts.map((port, i) => ({
    command: "tsx mock-bank/src/server.ts",
    name: `bank${i + 1}`,
    prefixColor: "magenta",
    env: { BANK_PORT: String(port) },
  })),
  // The custom server, as `npm start` runs it: `next start` alone serves no /v1.
  ...portalPorts.map((port, i) => ({ command: `tsx server.ts -p ${port}`, name: `portal${i + 1}`, prefixColor: "cyan" })),
  ...Array.from({ length: dispatchers }, (_, i) => ({
    command: "tsx lib/webhooks/dispatcher-main.ts",
    name: `webhooks${i + 1}`,
    prefixColor: "yellow",
  })),
];
const { result, commands: running } = concurrently(commands, { killOthersOn: ["failure"], prefix: "{name} │", restartTries: 0 });
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const command of running) command.kill("SIGTERM");
  void nginx.stop().finally(() => process.exit(code));
};
nginx.exited.then(() => {
  if (!stopping) {
    console.error("✖ nginx exited");
    stop(1);
  }
});
process.once("SIGINT", () => stop(0));
process.once("SIGTERM", () => stop(0));
result.then(
  () => stop(0),
  () => stop(1),
);
