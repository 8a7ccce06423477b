import type { Prisma, PrismaClient } from "@prisma/client";
import type { LoanDto } from "../../schemas/lending";
import type { CursorCodec } from "../pagination/cursor-codec";
import { loanInclude, toLoanDto } from "./loan-dto";

export type ListLoansOptions = {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  kind?: LoanDto["kind"];
  status?: LoanDto["status"];
  customerId?: string;
  limit: number;
  cursor?: string;
};

/** A page of the tenant's loans and plans, newest first by (created_at, id). */
export async function listLoans(options: ListLoansOptions): Promise<{ data: LoanDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, kind, status, customerId, limit, cursor } = options;
  const scope = `loans\0${tenantId}\0${kind ?? ""}\0${status ?? ""}\0${customerId ?? ""}`;
  const where: Prisma.BankLoanWhereInput = { tenantId, kind, status, customerId };
  if (cursor) {
    const [at, id] = cursors.decode(scope, cursor);
    const before = new Date(String(at));
    where.OR = [{ createdAt: { lt: before } }, { createdAt: before, id: { lt: String(id) } }];
  }
  const rows = await db.bankLoan.findMany({
    where,
    include: loanInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > limit ? cursors.encode(scope, [last.createdAt.toISOString(), last.id]) : null;
  return { data: page.map(toLoanDto), next_cursor };
}
