// The webhook dispatcher as its own process (`tsx lib/webhooks/dispatcher-main.ts`), started by
// scripts/run.mjs next to the portal and the bank. Stateless: run several against PostgreSQL.
import { loadEnvConfig } from "@next/env";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { parsePortalEnv, SettingsError } from "../env";
import { createDispatcher } from "./dispatcher";
import { dispatcherOptions } from "./dispatcher-config";

function start() {
  // The same .env files and settings as the portal, parsed once, here.
  loadEnvConfig(process.cwd());
  const env = parsePortalEnv(process.env);
  const db = createPrismaClient(env.DATABASE_URL);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const dispatcher = createDispatcher(dispatcherOptions(env, db, log));
  dispatcher.start();
  log(
    `webhook dispatcher polling ${env.BANK_URL} every ${env.WEBHOOK_POLL_INTERVAL_MS} ms; retries after ${env.WEBHOOK_RETRY_SCHEDULE.map((ms) => `${ms / 1000}s`).join(", ")}; loopback receivers ${env.WEBHOOKS_ALLOW_LOOPBACK ? "allowed" : "refused"}`,
  );

  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      dispatcher
        .stop()
        .then(() => db.$disconnect())
        .finally(() => process.exit(0));
    });
  }
}

try {
  start();
} catch (error) {
  console.error(error instanceof SettingsError ? error.message : error);
  process.exit(1);
}
