import type { PrismaClient } from "@prisma/client";
import type { DatabaseDriver, SqliteDatabase, SqliteStatement } from "@openbank/database/database-driver";
import { gated, TRANSACTION_OPTIONS } from "./money-transaction";

/** One SQL statement with `?` placeholders (numbered for PostgreSQL when it runs there). */
export type Statement = { sql: string; params: unknown[] };
export type Outcome = { rows: Record<string, unknown>[]; changes: number };

/**
 * A transaction's work as a generator: it yields each statement and receives its outcome, so the
 * same code runs synchronously on SQLite (no other statement of the process can slip between
 * BEGIN and COMMIT) and awaits each round trip on PostgreSQL. Throwing rolls everything back.
 */
export type DriverProgram<T> = Generator<Statement, T, Outcome>;

/** `INSERT INTO "Table" (columns) VALUES (…), (…)` for rows that share their keys. */
export function insertRows(table: string, rows: Record<string, unknown>[]): Statement {
  const columns = Object.keys(rows[0]);
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return {
    sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`,
    params: rows.flatMap((row) => columns.map((c) => row[c])),
  };
}

/** As Prisma's better-sqlite3 adapter stores them: ISO 8601 with +00:00, booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** TIMESTAMP(3) columns hold UTC wall-clock time (the zone of an ISO string is ignored); BIGINT as text. */
function pgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value === undefined ? null : value;
}

const statementCache = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

function runSqlite(database: SqliteDatabase, statement: Statement): Outcome {
  let cache = statementCache.get(database);
  if (!cache) statementCache.set(database, (cache = new Map()));
  let prepared = cache.get(statement.sql);
  if (!prepared) cache.set(statement.sql, (prepared = database.prepare(statement.sql)));
  const params = statement.params.map(sqliteValue);
  if (prepared.reader) return { rows: prepared.all(...params), changes: 0 };
  return { rows: [], changes: prepared.run(...params).changes };
}

function drive<T>(program: DriverProgram<T>, run: (statement: Statement) => Outcome): T {
  let step = program.next();
  while (!step.done) step = program.next(run(step.value));
  return step.value;
}

const numbered = new Map<string, string>();
function pgSql(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    numbered.set(sql, (text = sql.replace(/\?/g, () => `$${++n}`)));
  }
  return text;
}

async function runPostgres<T>(pool: import("pg").Pool, program: DriverProgram<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      let step = program.next();
      while (!step.done) {
        const result = await client.query(pgSql(step.value.sql), step.value.params.map(pgValue));
        step = program.next({ rows: result.rows, changes: result.rowCount ?? 0 });
      }
      await client.query("COMMIT");
      return step.value;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `program` in one short database transaction on the driver under `db`, without Prisma.
 * SQLite: synchronously, BEGIN IMMEDIATE … COMMIT, on Prisma's own connection; when one of
 * Prisma's interactive transactions is open on that connection, inside a Prisma transaction
 * instead (queued on Prisma's lock, so the two never interleave). PostgreSQL: BEGIN … COMMIT on a
 * pooled connection, each statement one round trip, at most a few at once (`gated`).
 */
export async function driverTransaction<T>(db: PrismaClient, driver: DatabaseDriver, program: () => DriverProgram<T>): Promise<T> {
  // The same gate as Prisma's money transactions: a burst never takes every pooled connection.
  if (driver.provider === "postgresql") return gated(db, () => runPostgres(driver.pool, program()));
  const { database } = driver;
  const run = (statement: Statement) => runSqlite(database, statement);
  if (database.inTransaction) return db.$transaction(async () => drive(program(), run), TRANSACTION_OPTIONS);
  run({ sql: "BEGIN IMMEDIATE", params: [] });
  try {
    const result = drive(program(), run);
    run({ sql: "COMMIT", params: [] });
    return result;
  } catch (error) {
    if (database.inTransaction) run({ sql: "ROLLBACK", params: [] });
    throw error;
  }
}
