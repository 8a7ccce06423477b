import { createRequire } from "node:module";
import pg from "pg";

type SqliteDatabase = {
  prepare(sql: string): { run(...params: unknown[]): { changes: number }; all(...params: unknown[]): Record<string, unknown>[] };
  pragma(text: string): unknown;
  close(): void;
};
const require = createRequire(import.meta.url);

/** A value as the portal's Prisma adapter stores it: SQLite keeps DateTime as ISO 8601 text with "+00:00", booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Runs one SQL statement against the portal's database (`?` placeholders, either engine): for
 * tests that must set up what the UI cannot yet, or age a row (a session's last step-up). Returns
 * the rows for a SELECT, else the number of rows changed.
 */
export async function portalSql(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: Record<string, unknown>[]; changes: number }> {
  if (databaseUrl.startsWith("file:")) {
    const Database = require("better-sqlite3") as new (file: string) => SqliteDatabase;
    const db = new Database(databaseUrl.slice("file:".length));
    try {
      db.pragma("busy_timeout = 5000");
      const statement = db.prepare(sql);
      const values = params.map(sqliteValue);
      if (/^\s*select/i.test(sql)) return { rows: statement.all(...values), changes: 0 };
      return { rows: [], changes: statement.run(...values).changes };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let index = 0;
    const result = await client.query(
      sql.replace(/\?/g, () => `$${++index}`),
      params,
    );
    return { rows: result.rows, changes: result.rowCount ?? 0 };
  } finally {
    await client.end();
  }
}
