import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { databaseProvider, pgConfig, sqliteFile } from "./database-url";

/**
 * A Prisma client on the driver adapter the URL asks for. The generated client must match
 * the provider (`npm run db:generate` picks the schema from DATABASE_URL).
 */
export function createPrismaClient(url: string, options: { poolSize?: number } = {}): PrismaClient {
  if (databaseProvider(url) === "sqlite") {
    const file = sqliteFile(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 5_000 }) });
  }
  return new PrismaClient({ adapter: new PrismaPg({ ...pgConfig(url), max: options.poolSize ?? 10 }) });
}
