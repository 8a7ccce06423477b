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

/** How long a Prisma transaction waits for another thread's or process's write lock before it starts deferred anyway. */
export const SQLITE_WRITE_LOCK_WAIT_MS = 5_000;

/** This thread's SQLite connections under Prisma clients (one registry per thread, as `handles`). */
const CONNECTIONS = Symbol.for("@openbank/database/sqlite-connections");
const connections: Set<SqliteDatabase> =
  ((globalThis as Record<symbol, unknown>)[CONNECTIONS] as Set<SqliteDatabase>) ??
  ((globalThis as Record<symbol, unknown>)[CONNECTIONS] = new Set<SqliteDatabase>());

/**
 * PrismaBetterSQLite3 that remembers the connection it opens, and opens Prisma's transactions
 * with the write lock. The adapter's plain (deferred) BEGIN lets a transaction read, then refuses
 * its first write with SQLITE_BUSY at once whenever another connection wrote meanwhile (WAL): with
 * the request-log worker committing every 250 ms, portal writes that read first answered 503
 * (an OAuth client upsert, a redirect-URI update). So BEGIN becomes BEGIN IMMEDIATE, tried
 * without SQLite's own wait (better-sqlite3 would wait synchronously, blocking the thread). When
 * another thread or process holds the lock, the transaction gives its slot back and tries again a
 * few milliseconds later, without blocking the thread, for up to SQLITE_WRITE_LOCK_WAIT_MS. When
 * another connection of this very thread is inside a transaction, it may be the holder and may be
 * waiting for this one (a transaction that awaits another client's): the transaction then starts
 * deferred at once, as the adapter does, rather than wait for a lock that cannot be released.
 */
export class ObservedSqliteAdapter extends PrismaBetterSQLite3 {
  readonly handle: Handle = { current: null };
  override async connect() {
    const adapter = await super.connect();
    const database = (adapter as unknown as { client: SqliteDatabase }).client;
    const prepare = database.prepare.bind(database);
    let immediate = false;
    const begin = {
      run: () => {
        immediate = beginImmediateIfFree(prepare);
        if (!immediate) prepare("BEGIN").run();
        return { changes: 0 };
      },
      all: () => [],
      reader: false,
    } as SqliteStatement;
    database.prepare = (sql: string) => (sql === "BEGIN" ? begin : prepare(sql));
    connections.add(database);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      connections.delete(database);
      return dispose();
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const deadline = Date.now() + SQLITE_WRITE_LOCK_WAIT_MS;
      for (let attempt = 0; ; attempt++) {
        const transaction = await startTransaction(isolationLevel);
        if (immediate || Date.now() >= deadline || heldOnThisThread(database)) return transaction;
        // Deferred, nothing read yet: hand the connection back and try again shortly.
        prepare("ROLLBACK").run();
        await transaction.rollback();
        await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 25)));
      }
    };
    return observe(this.handle, adapter, { provider: "sqlite", database });
  }
}

/** Whether another connection of this thread is inside a transaction (it may hold the write lock). */
function heldOnThisThread(database: SqliteDatabase): boolean {
  for (const other of connections) if (other !== database && other.inTransaction) return true;
  return false;
}

/** BEGIN IMMEDIATE without SQLite's busy wait: true when it took the write lock, false when another connection holds it. */
function beginImmediateIfFree(prepare: (sql: string) => SqliteStatement): boolean {
  const timeout = Number(prepare("PRAGMA busy_timeout").all()[0]?.timeout ?? 0);
  prepare("PRAGMA busy_timeout = 0").run();
  try {
    prepare("BEGIN IMMEDIATE").run();
    return true;
  } catch (error) {
    if (!/^SQLITE_BUSY/.test(String((error as { code?: unknown }).code))) throw error;
    return false;
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
