// The webhook dispatcher as its own process (`tsx lib/webhooks/dispatcher-main.ts`), started by
// scripts/run.mjs next to the portal and the bank. Stateless: run several against PostgreSQL.
import { db } from "../db";
import { env } from "../env";
import { createDispatcher } from "./dispatcher";
import { dispatcherOptions } from "./dispatcher-config";

const config = env();
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const dispatcher = createDispatcher(dispatcherOptions(db, log));
dispatcher.start();
log(
  `webhook dispatcher polling ${config.BANK_URL} every ${config.WEBHOOK_POLL_INTERVAL_MS} ms; retries after ${config.WEBHOOK_RETRY_SCHEDULE.map((ms) => `${ms / 1000}s`).join(", ")}; loopback receivers ${config.WEBHOOKS_ALLOW_LOOPBACK ? "allowed" : "refused"}`,
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
