import { Prisma, type PrismaClient } from "@prisma/client";
import type { DatabaseProvider } from "@openbank/database/database-url";

type RequestLogRow = Prisma.RequestLogCreateManyInput;
type ColumnKind = "value" | "json" | "timestamp";

/**
 * Every RequestLog column and how its value is bound. `satisfies` makes a column added to the
 * model but not here (or removed there but kept here) a compile error. Field names are the
 * column names: the model has no @map.
 */
const COLUMNS = {
  id: "value",
  appId: "value",
  apiKeyId: "value",
  keyPrefix: "value",
  method: "value",
  path: "value",
  route: "value",
  status: "value",
  latencyMs: "value",
  requestHeaders: "json",
  requestBody: "value",
  responseHeaders: "json",
  responseBody: "value",
  createdAt: "timestamp",
} as const satisfies Record<keyof RequestLogRow, ColumnKind>;

const COLUMN_NAMES = Object.keys(COLUMNS) as (keyof RequestLogRow)[];
// Bound parameters per statement stay far below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS = 15_000;
export const ROWS_PER_STATEMENT = Math.floor(MAX_PARAMS / COLUMN_NAMES.length);

const COLUMN_LIST = COLUMN_NAMES.map((name) => `"${name}"`).join(", ");
// jsonb and timestamp(3) parameters arrive as text on PostgreSQL; SQLite stores both as TEXT.
const PG_CASTS: Record<ColumnKind, string> = { value: "", json: "::jsonb", timestamp: "::timestamp(3)" };

function placeholders(provider: DatabaseProvider, rows: number): string {
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const offset = r * COLUMN_NAMES.length;
    const values = COLUMN_NAMES.map((name, c) => (provider === "postgresql" ? `$${offset + c + 1}${PG_CASTS[COLUMNS[name]]}` : "?"));
    tuples.push(`(${values.join(", ")})`);
  }
  return tuples.join(", ");
}

/** What Prisma itself would store: JSON as its text, DbNull/absent as NULL, JsonNull as JSON null. */
function bind(kind: ColumnKind, value: unknown, now: Date): unknown {
  switch (kind) {
    case "value":
      return value ?? null;
    case "json":
      if (value === undefined || value === null || value === Prisma.DbNull) return null;
      return value === Prisma.JsonNull ? "null" : JSON.stringify(value);
    case "timestamp":
      // A Date: the driver adapter formats it as Prisma does (ISO text on SQLite, UTC timestamp on PostgreSQL).
      return value === undefined ? now : new Date(value as Date | string);
  }
}

/**
 * The request logs as multi-row INSERTs, to put in a `$transaction([...])` array. Raw on purpose:
 * under load Prisma's query compiler (wasm compileBatch) took ~40 % of the portal's CPU, nearly all
 * of it `createMany` of the log flushes, blocking the event loop for each. On SQLite a 500-row
 * flush costs ~150 ms CPU through createMany and ~55 ms as raw statements (not compiled per
 * column per row). Rows come out exactly as createMany stores them (insert-request-logs.test.ts).
 */
export function insertRequestLogs(options: {
  db: PrismaClient;
  provider: DatabaseProvider;
  rows: readonly RequestLogRow[];
}): Prisma.PrismaPromise<number>[] {
  const { db, provider, rows } = options;
  const now = new Date();
  const statements: Prisma.PrismaPromise<number>[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) for (const name of COLUMN_NAMES) params.push(bind(COLUMNS[name], row[name], now));
    statements.push(
      db.$executeRawUnsafe(`INSERT INTO "RequestLog" (${COLUMN_LIST}) VALUES ${placeholders(provider, chunk.length)}`, ...params),
    );
  }
  return statements;
}
