#!/usr/bin/env node
// Starts a throwaway portal (production build) + mock bank on their own ports and fresh
// databases, for the integration and e2e suites. As a CLI (Playwright's webServer) it
// runs until killed; as a module, `startServices()` returns `{ portalUrl, stop }`.
//   TEST_DATABASE_URL=postgresql://…/postgres  → a fresh PostgreSQL database per run
//   TEST_PG_DB_PREFIX=obp_mine                  → prefix of that database's name, so parallel runs on one server do not collide
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { startMailSink } from "../tests/support/mail-sink.mjs";
import { startOidcProvider } from "./test-oidc-provider.mjs";

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

// A port someone else already serves would pass the health check with the wrong services behind
// it (another suite's portal, a dev server): refuse to start instead.
function assertPortFree(port, label) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`${label}: port ${port} is already in use (another suite or a running dev server?)`)
          : error,
      ),
    );
    probe.listen(port, () => probe.close(resolve));
  });
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

// portalInstances > 1 starts more portals on portalPort+1, +2, … sharing the databases (and
// REDIS_URL when given): the scale-out tests. PORTAL_URL stays the first one.
// Single sign-on is on: a real OpenID provider (test-oidc-provider.mjs) on oidcPort (0: any free
// port) is the portal's SSO_ISSUER, named "Test SSO".
export async function startServices({
  portalPort = 3100,
  bankPort = 4110,
  oidcPort = 0,
  name = "test",
  env: extraEnv = {},
  quiet = true,
  portalInstances = 1,
} = {}) {
  for (const [i, port] of [bankPort, ...Array.from({ length: portalInstances }, (_, n) => portalPort + n)].entries()) {
    await assertPortFree(port, `${name} ${i === 0 ? "mock bank" : "portal"}`);
  }
  const dataDir = path.resolve("data", name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const postgres = process.env.TEST_DATABASE_URL
    ? await freshPostgres(process.env.TEST_DATABASE_URL, `${process.env.TEST_PG_DB_PREFIX ?? "obp"}_${name.replace(/\W/g, "_")}`)
    : null;
  const portalUrl = `http://localhost:${portalPort}`;
  const oidc = await startOidcProvider({ port: oidcPort, redirectUri: `${portalUrl}/api/auth/callback/sso` });
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
    MAIL_FROM: "Open Bank Developer Portal <no-reply@openbank.test>",
    // /dev/outbox stays reachable in the production build (the console test visits it); mail goes to SMTP.
    DEV_OUTBOX: "true",
    SSO_ISSUER: oidc.issuer,
    SSO_CLIENT_ID: oidc.clientId,
    SSO_CLIENT_SECRET: oidc.clientSecret,
    SSO_NAME: "Test SSO",
    // The suites stand where a proxy in front would: they name each client's address in
    // X-Forwarded-For from this machine (trusted-proxies.test.ts starts a portal with none trusted).
    TRUSTED_PROXIES: "loopback",
    // Every suite signs up hundreds of developers from this one machine.
    SIGN_UP_MAX_PER_ADDRESS: "100000",
    SIGN_UP_MAX_PER_NETWORK: "100000",
    // `openbank login` (the device grant) polls every second, not every five.
    DEVICE_POLL_INTERVAL_SECONDS: "1",
    ...extraEnv,
  };
  // Every mail goes over SMTP (nodemailer, as in production) to a real server on an ephemeral
  // port, with a login; the suites read what it received from its folder (tests/support/mailbox.ts).
  const mailDir = path.join(dataDir, "mail");
  let sink;
  try {
    execFileSync("node", ["scripts/db.mjs", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
    // The platform admin (admin@example.com) the admin-console tests sign in as.
    execFileSync("node_modules/.bin/tsx", ["prisma/seed-admin.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
    sink = await startMailSink({ dir: mailDir, auth: { user: "portal", pass: secret() } });
  } catch (error) {
    await oidc.stop();
    throw error;
  }
  env.SMTP_URL = extraEnv.SMTP_URL ?? sink.url;

  const output = quiet ? ["ignore", "ignore", "inherit"] : "inherit";
  const startBank = () => spawn("node_modules/.bin/tsx", ["mock-bank/src/server.ts"], { env, stdio: output, detached: true });
  let bank = startBank();
  const portalPorts = Array.from({ length: portalInstances }, (_, i) => portalPort + i);
  // The custom server, as `npm start` runs it: every suite goes through the /v1 fast path.
  // PORTAL_CPU_PROF_DIR=dir writes a V8 CPU profile of each portal there when it stops (`node --cpu-prof`).
  const startPortal = (port) =>
    process.env.PORTAL_CPU_PROF_DIR
      ? spawn(
          "node",
          ["--cpu-prof", `--cpu-prof-dir=${process.env.PORTAL_CPU_PROF_DIR}`, "--import", "tsx", "server.ts", "-p", String(port)],
          { env, stdio: output, detached: true },
        )
      : spawn("node_modules/.bin/tsx", ["server.ts", "-p", String(port)], { env, stdio: output, detached: true });
  const portals = portalPorts.map(startPortal);
  const dispatcher = spawn("node_modules/.bin/tsx", ["lib/webhooks/dispatcher-main.ts"], { env, stdio: output, detached: true });
  const children = [bank, ...portals, dispatcher];
  const running = (child) => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    for (const child of children) {
      if (running(child)) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    }
    await Promise.all(children.map((child) => (running(child) ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await sink.stop();
    await oidc.stop();
    await postgres?.drop();
  };
  try {
    await Promise.all([
      waitFor(`http://127.0.0.1:${bankPort}/health`, bank, "mock bank"),
      ...portals.map((portal, i) => waitFor(`http://localhost:${portalPorts[i]}/api/health`, portal, `portal on :${portalPorts[i]}`)),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  // The crash test kills the bank (its whole process group: tsx and its node child) and starts it again.
  const bankControl = {
    async kill(signal = "SIGKILL") {
      const child = bank;
      if (running(child)) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid, signal);
        await exited;
      }
      // The group's node child may outlive tsx by a moment: wait until the port is free.
      for (let i = 0; i < 100; i++) {
        try {
          await fetch(`${env.BANK_URL}/health`, { signal: AbortSignal.timeout(200) });
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("the mock bank still answers after being killed");
    },
    async restart() {
      bank = startBank();
      children.push(bank);
      await waitFor(`${env.BANK_URL}/health`, bank, "mock bank");
    },
  };
  return {
    portalUrl,
    mailDir,
    portalUrls: portalPorts.map((port) => `http://localhost:${port}`),
    bankUrl: env.BANK_URL,
    env,
    stop,
    bank: bankControl,
    provider: postgres ? "postgresql" : "sqlite",
    oidc: { issuer: oidc.issuer, addAccount: oidc.addAccount },
  };
}

// CLI: used by Playwright's webServer.
if (import.meta.url === `file://${process.argv[1]}`) {
  const services = await startServices({
    portalPort: Number(process.env.E2E_PORTAL_PORT ?? 3200),
    bankPort: Number(process.env.E2E_BANK_PORT ?? 4210),
    oidcPort: Number(process.env.E2E_OIDC_PORT ?? 3740),
    name: "e2e",
    quiet: false,
  });
  console.log(`e2e services ready on ${services.portalUrl} (${services.provider}); single sign-on at ${services.oidc.issuer}`);
  const shutdown = () => services.stop().then(() => process.exit(0));
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
