#!/usr/bin/env node
// One command from a fresh clone to a running sandbox:
//   npm run dev    → local secrets, Prisma client, migrations, seed, then portal (server.ts: Next.js dev + the /v1 fast path),
//                    mock bank (tsx watch) and webhook dispatcher side by side with prefixed output.
//   npm start      → the same with the production build (`npm run build` first).
import { execFileSync } from "node:child_process";
import concurrently from "concurrently";
import { ensureLocalSecrets } from "./ensure-env.mjs";
import { loadEnv } from "./load-env.mjs";
import { applyModeDefaults } from "./run-env.mjs";

const mode = process.argv[2] === "start" ? "start" : "dev";
const created = ensureLocalSecrets();
if (created.length) console.log(`• wrote local secrets to .env.local: ${created.join(", ")}`);
loadEnv();

const portalUrl = new URL(process.env.PORTAL_URL ?? "http://localhost:3000");
const portalPort = portalUrl.port || "3000";
const bankPort = process.env.BANK_PORT ?? "4010";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.BANK_URL ??= `http://127.0.0.1:${bankPort}`;
process.env.NEXTAUTH_URL ??= portalUrl.origin;
// Loopback webhook receivers under `dev` only, unless set explicitly (scripts/run-env.mjs).
applyModeDefaults(mode, process.env);

// Quiet steps: their output is shown only when they fail.
const step = (label, command, args) => {
  console.log(`• ${label}`);
  try {
    execFileSync(command, args, { stdio: "pipe" });
  } catch (error) {
    process.stderr.write(error.stdout ?? "");
    process.stderr.write(error.stderr ?? "");
    console.error(`✖ ${label} failed`);
    process.exit(1);
  }
};
if (mode === "dev") step("generating the Prisma client", "node", ["scripts/db.mjs", "generate"]);
step("applying migrations", "node", ["scripts/db.mjs", "deploy"]);
console.log("• seeding the demo developer");
execFileSync("npx", ["tsx", "prisma/seed.ts"], { stdio: "inherit" });

console.log(
  `\n  Portal     ${portalUrl.origin}\n  API docs   ${portalUrl.origin}/docs/api\n  Mock bank  http://127.0.0.1:${bankPort} (internal: reached through the gateway)\n`,
);

const bankCommand = mode === "dev" ? "tsx watch --clear-screen=false mock-bank/src/server.ts" : "tsx mock-bank/src/server.ts";
// The custom server (server.ts): Next.js (dev or the production build) behind the /v1 gateway's fast path.
const portalCommand = mode === "dev" ? `tsx server.ts --dev -p ${portalPort}` : `tsx server.ts -p ${portalPort}`;
const { result } = concurrently(
  [
    { command: bankCommand, name: "bank", prefixColor: "magenta", env: { BANK_PORT: bankPort } },
    { command: portalCommand, name: "portal", prefixColor: "cyan" },
    { command: "tsx lib/webhooks/dispatcher-main.ts", name: "webhooks", prefixColor: "yellow" },
  ],
  { killOthersOn: ["failure"], prefix: "{name} │", restartTries: 0 },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
