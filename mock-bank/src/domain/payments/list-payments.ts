import type { Prisma, PrismaClient } from "@prisma/client";
import type { PaymentDto } from "../../schemas/payment";
import type { CursorCodec } from "../pagination/cursor-codec";
import { toPaymentDto } from "./payment-dto";

export type ListPaymentsOptions = {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  status?: PaymentDto["status"];
  scheme?: PaymentDto["scheme"];
  debtorAccountId?: string;
  /** A consent token's caller: only payments from these accounts. */
  debtorAccountIds?: string[];
  limit: number;
  cursor?: string;
};

/** A page of the tenant's payments, newest first by (created_at, id). */
export async function listPayments(options: ListPaymentsOptions): Promise<{ data: PaymentDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, status, scheme, debtorAccountId, debtorAccountIds, limit, cursor } = options;
  const scope = `payments\0${tenantId}\0${status ?? ""}\0${scheme ?? ""}\0${debtorAccountId ?? ""}`;
  const where: Prisma.BankPaymentWhereInput = {
    tenantId,
    status,
    scheme,
    AND: [{ debtorAccountId }, debtorAccountIds ? { debtorAccountId: { in: debtorAccountIds } } : {}],
  };
  if (cursor) {
    const [at, id] = cursors.decode(scope, cursor);
    const before = new Date(String(at));
    where.OR = [{ createdAt: { lt: before } }, { createdAt: before, id: { lt: String(id) } }];
  }
  const rows = await db.bankPayment.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > limit ? cursors.encode(scope, [last.createdAt.toISOString(), last.id]) : null;
  return { data: page.map(toPaymentDto), next_cursor };
}
