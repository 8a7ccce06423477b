import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import pg from "pg";

type SqliteDatabase = { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };
const require = createRequire(import.meta.url);

export type TableDump = { database: string; table: string; rows: number; text: string };

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const buffer = Buffer.from(value);
    // Binary columns are searched in every form a secret could hide in; gzipped ones (snapshots) unpacked too.
    const unpacked = buffer[0] === 0x1f && buffer[1] === 0x8b ? [gunzipSync(buffer).toString("utf8")] : [];
    return [...unpacked, buffer.toString("utf8"), buffer.toString("hex"), buffer.toString("base64")].join("\n");
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Every row of every table of a database, as text (a logical dump: SQLite through
 * better-sqlite3, PostgreSQL by SELECT of every table of the public schema).
 */
export async function dumpDatabase(databaseUrl: string, label: string): Promise<TableDump[]> {
  const dumps: TableDump[] = [];
  if (databaseUrl.startsWith("file:")) {
    const Database = require("better-sqlite3") as new (file: string, options: { readonly: boolean }) => SqliteDatabase;
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all()
        .map((row) => String(row.name));
      for (const table of tables) {
        const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all();
        dumps.push({
          database: label,
          table,
          rows: rows.length,
          text: rows.map((row) => Object.values(row).map(cellText).join("\t")).join("\n"),
        });
      }
    } finally {
      db.close();
    }
    return dumps;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = (
      await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      )
    ).rows.map((row) => String(row.table_name));
    for (const table of tables) {
      const rows = (await client.query(`SELECT * FROM "${table.replace(/"/g, '""')}"`)).rows as Record<string, unknown>[];
      dumps.push({
        database: label,
        table,
        rows: rows.length,
        text: rows.map((row) => Object.values(row).map(cellText).join("\t")).join("\n"),
      });
    }
  } finally {
    await client.end();
  }
  return dumps;
}

/** The forms a secret could be stored in "plainly": as is, base64, base64url, hex (either case). */
export function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const forms = [
    secret,
    bytes.toString("base64"),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
    bytes.toString("hex"),
    bytes.toString("hex").toUpperCase(),
  ];
  // A secret with a known prefix: its random part alone must not be stored either.
  const random = /^(sk_sandbox_|cs_sandbox_|whsec_|oat_|ort_|oac_)(.+)$/.exec(secret)?.[2];
  if (random && random.length >= 16) forms.push(random);
  return [...new Set(forms)];
}
