#!/usr/bin/env node
// Starts a throwaway portal (production build) + mock bank on their own ports and fresh
// databases, for the integration and e2e suites. As a CLI (Playwright's webServer) it
// runs until killed; as a module, `startServices()` returns `{ portalUrl, stop }`.
//   TEST_DATABASE_URL=postgresql://…/postgres  → a fresh PostgreSQL database per run
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const secret = () => randomBytes(32).toString("base64url");

async function waitFor(url, child, label, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

async function freshPostgres(baseUrl, name) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function startServices({ portalPort = 3100, bankPort = 4110, name = "test", env: extraEnv = {}, quiet = true } = {}) {
  const dataDir = path.resolve("data", name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const postgres = process.env.TEST_DATABASE_URL ? await freshPostgres(process.env.TEST_DATABASE_URL, `obp_${name.replace(/\W/g, "_")}`) : null;
  const portalUrl = `http://localhost:${portalPort}`;
  const env = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: postgres?.url ?? `file:${path.join(dataDir, "portal.db")}`,
    BANK_DATABASE_URL: postgres?.url ?? `file:${path.join(dataDir, "bank.db")}`,
    PORTAL_URL: portalUrl,
    NEXTAUTH_URL: portalUrl,
    NEXTAUTH_SECRET: secret(),
    API_KEY_PEPPER: secret(),
    BANK_INTERNAL_SECRET: secret(),
    BANK_PORT: String(bankPort),
    BANK_URL: `http://127.0.0.1:${bankPort}`,
    // The suites' webhook receivers listen on this machine; retries on a short schedule.
    WEBHOOKS_ALLOW_LOOPBACK: "true",
    WEBHOOK_RETRY_SCHEDULE: "1s,2s,3s,5s,8s",
    WEBHOOK_POLL_INTERVAL_MS: "200",
    // The production build keeps sent mail (team invitations) at /dev/outbox for the suites.
    DEV_OUTBOX: "true",
    ...extraEnv,
  };
  execFileSync("node", ["scripts/db.mjs", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
  // The platform admin (admin@example.com) the admin-console tests sign in as.
  execFileSync("node_modules/.bin/tsx", ["prisma/seed-admin.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });

  const output = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const bank = spawn("node_modules/.bin/tsx", ["mock-bank/src/server.ts"], { env, stdio: output, detached: true });
  const portal = spawn("node_modules/.bin/next", ["start", "-p", String(portalPort)], { env, stdio: output, detached: true });
  const dispatcher = spawn("node_modules/.bin/tsx", ["lib/webhooks/dispatcher-main.ts"], { env, stdio: output, detached: true });
  const children = [bank, portal, dispatcher];
  const stop = async () => {
    for (const child of children) {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    }
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await postgres?.drop();
  };
  try {
    await Promise.all([
      waitFor(`http://127.0.0.1:${bankPort}/health`, bank, "mock bank"),
      waitFor(`${portalUrl}/api/health`, portal, "portal"),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { portalUrl, bankUrl: env.BANK_URL, env, stop, provider: postgres ? "postgresql" : "sqlite" };
}

// CLI: used by Playwright's webServer.
if (import.meta.url === `file://${process.argv[1]}`) {
  const services = await startServices({
    portalPort: Number(process.env.E2E_PORTAL_PORT ?? 3200),
    bankPort: Number(process.env.E2E_BANK_PORT ?? 4210),
    name: "e2e",
    quiet: false,
  });
  console.log(`e2e services ready on ${services.portalUrl} (${services.provider})`);
  const shutdown = () => services.stop().then(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
