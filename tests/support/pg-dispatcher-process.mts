// A webhook dispatcher process on PostgreSQL for lib/webhooks/dispatcher-postgres.test.ts: the
// same code as lib/webhooks/dispatcher-main.ts (env → dispatcherOptions → createDispatcher), on
// the PostgreSQL Prisma client the tests generate (the checkout's own client may be SQLite's).
// Prints "sent <webhook-id>" per attempt so the test can see how the work was shared.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@prisma/client";
import { pgConfig } from "@openbank/database/database-url";
import { parsePortalEnv } from "../../lib/env";
import { createDispatcher } from "../../lib/webhooks/dispatcher";
import { dispatcherOptions } from "../../lib/webhooks/dispatcher-config";

const clientModule = pathToFileURL(path.resolve(process.env.PG_CLIENT_DIR!, "index.js")).href;
const { PrismaClient: PgPrismaClient } = (await import(clientModule)) as { PrismaClient: new (options: object) => PrismaClient };
const db = new PgPrismaClient({ adapter: new PrismaPg({ ...pgConfig(process.env.DATABASE_URL!), max: 4 }) });
const options = dispatcherOptions(parsePortalEnv(process.env), db, (line) => console.error(`[dispatcher ${process.pid}] ${line}`));
const dispatcher = createDispatcher({
  ...options,
  send: async (send) => {
    console.log(`sent ${send.headers["webhook-id"]}`);
    return options.send(send);
  },
});
dispatcher.start();
console.log("ready");
process.on("SIGTERM", () => {
  dispatcher
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
