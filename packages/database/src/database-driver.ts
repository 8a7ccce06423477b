import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "@prisma/client";
import type pg from "pg";

/** The parts of a better-sqlite3 connection the driver paths use (the package ships no types). */
export type SqliteStatement = {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): Record<string, unknown>[];
  reader: boolean;
};
export type SqliteDatabase = { inTransaction: boolean; open: boolean; prepare(sql: string): SqliteStatement };

/**
 * The driver under a Prisma client: the very better-sqlite3 connection Prisma uses (SQLite has one
 * connection per client, so raw statements and Prisma's never wait on each other's write lock), or
 * the pg pool Prisma draws its connections from. For hot paths that skip Prisma's query compiler.
 */
export type DatabaseDriver = { provider: "sqlite"; database: SqliteDatabase } | { provider: "postgresql"; pool: pg.Pool };

type Handle = { current: DatabaseDriver | null };
/**
 * Clients and their drivers, in one registry per process. Keyed by `Symbol.for` rather than held in
 * this module: tsx loads this file once as ESM (a `.mts` script importing it) and once more as
 * CommonJS (the bank's `.ts` files requiring it), and a registry of its own per copy made a client
 * registered through one copy unknown to the other, so the bank's hot paths silently took
 * Prisma's path under `npm run bench:ledger`.
 */
const REGISTRY = Symbol.for("@openbank/database/database-driver");
const handles: WeakMap<object, Handle> =
  ((globalThis as Record<symbol, unknown>)[REGISTRY] as WeakMap<object, Handle>) ??
  ((globalThis as Record<symbol, unknown>)[REGISTRY] = new WeakMap<object, Handle>());

/** Keeps the handle pointing at the connected driver: set on every connect, cleared on dispose. */
function observe<A extends { dispose(): Promise<void> }>(handle: Handle, adapter: A, driver: DatabaseDriver): A {
  handle.current = driver;
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = () => {
    if (handle.current === driver) handle.current = null;
    return dispose();
  };
  return adapter;
}

/**
 * PrismaBetterSQLite3 that remembers the connection it opens, and opens Prisma's transactions
 * with the write lock when it is free. The adapter's plain (deferred) BEGIN lets a transaction
 * read, then refuses its first write with SQLITE_BUSY at once whenever another connection wrote
 * meanwhile (WAL): with the request-log worker committing every 250 ms, a portal upsert met it (a
 * 503 in tests). So BEGIN becomes BEGIN IMMEDIATE, tried without waiting: when another connection
 * holds the lock right now it falls back to the deferred BEGIN as before, because waiting here
 * would block the thread (better-sqlite3 waits synchronously), and a second connection on the same
 * thread could then never release the lock it holds.
 */
export class ObservedSqliteAdapter extends PrismaBetterSQLite3 {
  readonly handle: Handle = { current: null };
  override async connect() {
    const adapter = await super.connect();
    const database = (adapter as unknown as { client: SqliteDatabase }).client;
    const prepare = database.prepare.bind(database);
    const begin = { run: () => beginImmediateIfFree(prepare), all: () => [], reader: false } as SqliteStatement;
    database.prepare = (sql: string) => (sql === "BEGIN" ? begin : prepare(sql));
    return observe(this.handle, adapter, { provider: "sqlite", database });
  }
}

function beginImmediateIfFree(prepare: (sql: string) => SqliteStatement): { changes: number } {
  const timeout = Number(prepare("PRAGMA busy_timeout").all()[0]?.timeout ?? 0);
  prepare("PRAGMA busy_timeout = 0").run();
  try {
    return prepare("BEGIN IMMEDIATE").run();
  } catch (error) {
    if (!/^SQLITE_BUSY/.test(String((error as { code?: unknown }).code))) throw error;
    return prepare("BEGIN").run();
  } finally {
    prepare(`PRAGMA busy_timeout = ${timeout}`).run();
  }
}

/** PrismaPg that remembers the pool it opens. */
export class ObservedPgAdapter extends PrismaPg {
  readonly handle: Handle = { current: null };
  override async connect() {
    const adapter = await super.connect();
    return observe(this.handle, adapter, { provider: "postgresql", pool: adapter.underlyingDriver() as pg.Pool });
  }
}

/** Registers the client built on an observed adapter, so `databaseDriver(client)` finds its driver. */
export function withDriver<C extends PrismaClient>(client: C, adapter: ObservedSqliteAdapter | ObservedPgAdapter): C {
  handles.set(client, adapter.handle);
  return client;
}

/**
 * The connected driver under `db` (connecting it first), or null for a client built without an
 * observed adapter: such callers keep Prisma's path.
 */
export async function databaseDriver(db: PrismaClient): Promise<DatabaseDriver | null> {
  const handle = handles.get(db);
  if (!handle) return null;
  if (!handle.current) await db.$connect();
  return handle.current;
}
