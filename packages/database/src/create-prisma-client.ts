import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { ObservedPgAdapter, ObservedSqliteAdapter, withDriver } from "./database-driver";
import { databaseProvider, pgConfig, sqliteFile } from "./database-url";

/**
 * A Prisma client on the driver adapter the URL asks for. The generated client must match
 * the provider (`npm run db:generate` picks the schema from DATABASE_URL). Its driver (the
 * SQLite connection, the pg pool) is reachable with `databaseDriver(client)`.
 */
export function createPrismaClient(url: string, options: { poolSize?: number } = {}): PrismaClient {
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFile(url);
    mkdirSync(path.dirname(file), { recursive: true });
    const adapter = new ObservedSqliteAdapter({ url: file, timeout: 5_000 });
    return withDriver(new PrismaClient({ adapter }), adapter);
  }
  const adapter = new ObservedPgAdapter({ ...pgConfig(url), max: options.poolSize ?? 10 });
  return withDriver(new PrismaClient({ adapter }), adapter);
}
