import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export const DEFAULT_PORTAL_DATABASE_URL = "file:./data/portal.db";
export const DEFAULT_BANK_DATABASE_URL = "file:./data/bank.db";

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`Unsupported database URL "${url.split(":")[0]}:…": use file:… (SQLite) or postgresql://…`);
}

/** "file:./data/portal.db" → absolute path, relative to the project root (the cwd of every script). */
export function sqliteFile(url: string): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), url.replace(/^file:/, "").split("?")[0]);
}

/**
 * The bank's database. With SQLite each service owns its own file (so one process never
 * waits on another's write lock); with PostgreSQL both share one database.
 */
export function bankDatabaseUrl(env: { DATABASE_URL?: string; BANK_DATABASE_URL?: string }): string {
  if (env.BANK_DATABASE_URL) return env.BANK_DATABASE_URL;
  const portal = env.DATABASE_URL ?? DEFAULT_PORTAL_DATABASE_URL;
  return databaseProvider(portal) === "sqlite" ? DEFAULT_BANK_DATABASE_URL : portal;
}

/** Discrete pg settings: the pg adapter's migration path misbehaves with connectionString. */
export function pgConfig(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ssl: parsed.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}
