import { createRequire } from "node:module";
import pg from "pg";

type SqliteDatabase = { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };
const require = createRequire(import.meta.url);

/** Every row of a portal table as stored, read with the raw driver (no Prisma client needed). */
export async function storedRows(databaseUrl: string, table: string): Promise<Record<string, unknown>[]> {
  if (databaseUrl.startsWith("file:")) {
    const Database = require("better-sqlite3") as new (file: string, options: { readonly: boolean }) => SqliteDatabase;
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      return db.prepare(`SELECT * FROM "${table}"`).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT * FROM "${table}"`)).rows;
  } finally {
    await client.end();
  }
}
