import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { insertStatementLines } from "../src/seed/insert-statement-lines";
import { seedTenant } from "../src/seed/seed-tenant";
import { createTestDatabase } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let database: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;

beforeAll(() => {
  database = createTestDatabase();
  db = createPrismaClient(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  database.remove();
});

/** The stored cells as SQLite holds them: storage class and text, so a date stored another way shows. */
const storedLines = (tenantId: string) =>
  db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT "id", typeof("amount") AS amountType, "amount", typeof("transactedAt") AS dateType, "transactedAt", "bookedAt", "merchantName", "merchantCategoryCode", "createdAt", "description", "status", "category", "channel", "currency", "accountId" FROM "BankTransaction" WHERE "tenantId" = ? ORDER BY "id"`,
    tenantId,
  );

describe("seedTenant's statement lines", () => {
  it("are stored exactly as Prisma's createMany stores them, over several statements", async () => {
    const summary = await seedTenant({ db, tenantId: "app_seed_raw", seededAt: NOW });
    expect(summary.transactions).toBeGreaterThan(1_000);
    const written = await storedLines("app_seed_raw");
    expect(written).toHaveLength(summary.transactions);
    expect(written.some((line) => line.bookedAt === null) && written.some((line) => line.merchantName === null)).toBe(true);

    const rows = await db.bankTransaction.findMany({ where: { tenantId: "app_seed_raw" }, orderBy: { id: "asc" } });
    await db.bankTransaction.deleteMany({ where: { tenantId: "app_seed_raw" } });
    await db.bankTransaction.createMany({ data: rows });
    expect(await storedLines("app_seed_raw")).toEqual(written);
  });

  it("writes no statement for no rows, and one per 500 rows", async () => {
    expect(insertStatementLines(db, [])).toEqual([]);
    const line = {
      id: "txn_1",
      tenantId: "t",
      accountId: "acc_1",
      amount: 1n,
      currency: "GBP",
      status: "booked",
      description: "x",
      category: "x",
      channel: "card",
      transactedAt: NOW,
      bookedAt: NOW,
    };
    expect(
      insertStatementLines(
        db,
        Array.from({ length: 1_001 }, (_, i) => ({ ...line, id: `txn_${i}` })),
      ),
    ).toHaveLength(3);
  });
});
