import type { Prisma, PrismaClient } from "@prisma/client";
import type { ConsentDto } from "../../schemas/consent";
import type { CursorCodec } from "../pagination/cursor-codec";
import { consentSelect, statusWhere, toConsentDto } from "./consent-dto";

/** A page of the app's consents from every standard, newest first by (created_at, id). */
export async function listConsents(options: {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  appId: string;
  status?: ConsentDto["status"];
  standard?: ConsentDto["standard"];
  customerId?: string;
  limit: number;
  cursor?: string;
  tenantNow: Date;
}): Promise<{ data: ConsentDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, appId, status, standard, customerId, limit, cursor, tenantNow } = options;
  const scope = `consents\0${tenantId}\0${status ?? ""}\0${customerId ?? ""}\0${standard ?? ""}`;
  const where: Prisma.BankConsentWhereInput = { tenantId, appId, customerId, standard, ...(status ? statusWhere(status, tenantNow) : {}) };
  if (cursor) {
    const [at, id] = cursors.decode(scope, cursor);
    const before = new Date(String(at));
    where.OR = [{ createdAt: { lt: before } }, { createdAt: before, id: { lt: String(id) } }];
  }
  const rows = await db.bankConsent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: consentSelect,
  });
  const page = rows.slice(0, limit);
  const customerIds = [...new Set(page.flatMap((row) => (row.customerId ? [row.customerId] : [])))];
  const customers = await db.bankCustomer.findMany({ where: { id: { in: customerIds } }, select: { id: true, persona: true } });
  const personas = new Map(customers.map((customer) => [customer.id, customer.persona]));
  const last = page[page.length - 1];
  const next_cursor = rows.length > limit ? cursors.encode(scope, [last.createdAt.toISOString(), last.id]) : null;
  return {
    data: page.map((row) => toConsentDto(row, (row.customerId && personas.get(row.customerId)) ?? null, tenantNow)),
    next_cursor,
  };
}
