import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { DEFAULT_PORTAL_DATABASE_URL } from "@openbank/database/database-url";

/**
 * The portal's Prisma client: one per process, kept on globalThis so Next's dev reloads and
 * separately bundled route handlers share it. Only portal models are used through it.
 */
const globalForDb = globalThis as unknown as { portalDb?: PrismaClient };

export const db: PrismaClient =
  globalForDb.portalDb ?? (globalForDb.portalDb = createPrismaClient(process.env.DATABASE_URL ?? DEFAULT_PORTAL_DATABASE_URL));
