#!/usr/bin/env node
// `npm run start:cluster`: the scale-out mode on one machine, with the production build.
//   portal ×2 (the custom server, server.ts, on PORT+1, PORT+2: pages and the /v1 fast path) behind scripts/balancer.mjs on PORT (3000),
//   mock bank ×2 (BANK_PORT+1, +2) behind a second balancer on BANK_PORT (4010),
//   webhook dispatcher ×2; all on one PostgreSQL database (DATABASE_URL) and one Redis (REDIS_URL).
// Instance counts: CLUSTER_PORTALS, CLUSTER_BANKS, CLUSTER_DISPATCHERS (default 2 each).
// Before: DATABASE_URL=postgresql://… npm run build   (the Prisma client is generated per provider)
import { execFileSync } from "node:child_process";
import concurrently from "concurrently";
import { ensureLocalSecrets } from "./ensure-env.mjs";
import { loadEnv } from "./load-env.mjs";

const created = ensureLocalSecrets();
if (created.length) console.log(`• wrote local secrets to .env.local: ${created.join(", ")}`);
loadEnv();

const fail = (message) => {
  console.error(`✖ ${message}`);
  process.exit(1);
};
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) fail("start:cluster needs DATABASE_URL=postgresql://… (every instance shares one database; SQLite is for one instance).");
if (!/^rediss?:\/\//.test(process.env.REDIS_URL ?? "")) fail("start:cluster needs REDIS_URL=redis://… (shared rate limits and cache invalidation).");

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
process.env.WEBHOOKS_ALLOW_LOOPBACK ??= "true";
// Several banks share the database: none may keep a tenant's clock in memory.
process.env.BANK_TENANT_CACHE = "false";

console.log("• applying migrations");
execFileSync("node", ["scripts/db.mjs", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
console.log("• seeding the demo developer");
execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "inherit" });

const range = (n, from) => Array.from({ length: n }, (_, i) => from + i + 1);
const portalPorts = range(portals, portalPort);
const bankPorts = range(banks, bankPort);
console.log(`\n  Portal     ${portalUrl.origin} → :${portalPorts.join(", :")}\n  Mock bank  http://127.0.0.1:${bankPort} → :${bankPorts.join(", :")}\n  Dispatchers ${dispatchers}\n`);

const commands = [
  { command: `node scripts/balancer.mjs --port ${portalPort} --health /api/health ${portalPorts.map((p) => `http://127.0.0.1:${p}`).join(" ")}`, name: "lb", prefixColor: "white" },
  { command: `node scripts/balancer.mjs --port ${bankPort} --health /health ${bankPorts.map((p) => `http://127.0.0.1:${p}`).join(" ")}`, name: "bank-lb", prefixColor: "gray" },
  ...bankPorts.map((port, i) => ({ command: "tsx mock-bank/src/server.ts", name: `bank${i + 1}`, prefixColor: "magenta", env: { BANK_PORT: String(port) } })),
  // The custom server, as `npm start` runs it: `next start` alone serves no /v1.
  ...portalPorts.map((port, i) => ({ command: `tsx server.ts -p ${port}`, name: `portal${i + 1}`, prefixColor: "cyan" })),
  ...Array.from({ length: dispatchers }, (_, i) => ({ command: "tsx lib/webhooks/dispatcher-main.ts", name: `webhooks${i + 1}`, prefixColor: "yellow" })),
];
const { result } = concurrently(commands, { killOthersOn: ["failure"], prefix: "{name} │", restartTries: 0 });
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
