import type { PrismaClient } from "@prisma/client";
import fp from "fastify-plugin";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { databaseProvider, type DatabaseProvider } from "@openbank/database/database-url";
import { IDEMPOTENCY_LEASE_MS } from "../../domain/idempotency/idempotency-store";

declare module "fastify" {
  interface FastifyInstance {
    /** The bank's database. Only domain functions use it. */
    db: PrismaClient;
    /** Which SQL dialect raw queries (outbox claims) must speak. */
    dbProvider: DatabaseProvider;
    /** How long an in-flight Idempotency-Key stays locked to its holder (see idempotency-store). */
    idempotencyLeaseMs: number;
  }
}

/** One Prisma client per app, closed when the app closes (unless the caller owns it). */
export default fp(
  async function store(app, options: { databaseUrl: string; db?: PrismaClient; idempotencyLeaseMs?: number }) {
    const db = options.db ?? createPrismaClient(options.databaseUrl);
    app.decorate("db", db);
    app.decorate("dbProvider", databaseProvider(options.databaseUrl));
    app.decorate("idempotencyLeaseMs", options.idempotencyLeaseMs ?? IDEMPOTENCY_LEASE_MS);
    if (!options.db) app.addHook("onClose", async () => db.$disconnect());
  },
  { name: "store" },
);
