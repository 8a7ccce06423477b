import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

type SqliteDatabase = { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };
// From the project root rather than import.meta.url: Playwright loads this file (e2e) as CommonJS.
const require = createRequire(path.join(process.cwd(), "package.json"));

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

/** Runs one write with the raw driver (`?` placeholders on both): for a test that must age a row. */
export async function executeStored(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  if (databaseUrl.startsWith("file:")) {
    const Database = require("better-sqlite3") as new (file: string) => {
      prepare(sql: string): { run(...params: unknown[]): { changes: number } };
      close(): void;
    };
    const db = new Database(databaseUrl.slice("file:".length));
    try {
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  }
  let index = 0;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (
      (
        await client.query(
          sql.replace(/\?/g, () => `$${++index}`),
          params,
        )
      ).rowCount ?? 0
    );
  } finally {
    await client.end();
  }
}

/** Moves a developer's sessions' last proof of identity back by `minutes` (step-up tests), in either database. */
export async function ageSessionProof(databaseUrl: string, email: string, minutes: number): Promise<void> {
  const at = new Date(Date.now() - minutes * 60_000);
  // SQLite keeps Prisma's DateTime as RFC 3339 text; PostgreSQL as timestamp.
  const value = databaseUrl.startsWith("file:") ? at.toISOString().replace("Z", "+00:00") : at;
  await executeStored(
    databaseUrl,
    `UPDATE "PortalSession" SET "verifiedAt" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`,
    [value, email],
  );
}

/** A timestamp as the database keeps Prisma's DateTime: RFC 3339 text on SQLite, timestamp on PostgreSQL. */
export function storedTime(databaseUrl: string, at: Date): string | Date {
  return databaseUrl.startsWith("file:") ? at.toISOString().replace("Z", "+00:00") : at;
}

/** Makes a link from an account email (by its token) expire a minute ago, as if its 24 h or 1 h had passed. */
export async function expireAccountToken(databaseUrl: string, token: string): Promise<void> {
  const hash = createHash("sha256").update(token).digest("hex");
  const changed = await executeStored(databaseUrl, `UPDATE "AccountToken" SET "expiresAt" = ? WHERE "tokenHash" = ?`, [
    storedTime(databaseUrl, new Date(Date.now() - 60_000)),
    hash,
  ]);
  if (changed !== 1) throw new Error("no such account token");
}

/** Moves every account-email link of a developer back by `minutes` (their sending time), past the one-a-minute pace. */
export async function ageAccountTokens(databaseUrl: string, email: string, minutes: number): Promise<void> {
  await executeStored(
    databaseUrl,
    `UPDATE "AccountToken" SET "createdAt" = ? WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`,
    [storedTime(databaseUrl, new Date(Date.now() - minutes * 60_000)), email],
  );
}
