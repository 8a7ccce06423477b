import type { Prisma, PrismaClient, PrismaPromise } from "@prisma/client";

/** 500 rows × 14 columns = 7,000 bound values a statement: far under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;

/**
 * A tenant's ~1,600 seeded statement lines as a few multi-row INSERTs. Prisma's createMany
 * spends about 0.4 s of CPU compiling the queries for them (its query compiler, not the
 * database), and a new app's first call waits for its seed; these statements take a fifth of
 * that. The values are bound parameters mapped by Prisma itself, so dates, amounts and nulls
 * are stored exactly as createMany stores them (the model has no @@map: its table is its name).
 * The statement goes in as template parts, not Prisma.sql, so the client picks its own
 * placeholder style ($1 or ?) whatever generated client it is.
 */
export function insertStatementLines(
  db: Pick<PrismaClient, "$executeRaw">,
  rows: Prisma.BankTransactionCreateManyInput[],
): PrismaPromise<number>[] {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))] as (keyof Prisma.BankTransactionCreateManyInput)[];
  const statements: PrismaPromise<number>[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const values = chunk.flatMap((row) => columns.map((column) => row[column] ?? null));
    const parts = [`INSERT INTO "BankTransaction" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES (`];
    for (let row = 0; row < chunk.length; row++) {
      parts.push(...Array<string>(columns.length - 1).fill(", "), row === chunk.length - 1 ? ")" : "), (");
    }
    statements.push(db.$executeRaw(Object.assign(parts, { raw: parts }) as unknown as TemplateStringsArray, ...values));
  }
  return statements;
}
