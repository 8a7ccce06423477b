import type { Prisma, PrismaClient } from "@prisma/client";
import type { InsurancePolicyDto } from "../../schemas/insurance";
import type { CursorCodec } from "../pagination/cursor-codec";
import { policyInclude, toPolicyDto } from "./insurance-dto";

/** A page of the tenant's policies, newest first by (created_at, id). */
export async function listInsurancePolicies(options: {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  now: Date;
  customerId?: string;
  limit: number;
  cursor?: string;
}): Promise<{ data: InsurancePolicyDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, customerId, limit, cursor } = options;
  const scope = `insurance_policies\0${tenantId}\0${customerId ?? ""}`;
  const where: Prisma.BankInsurancePolicyWhereInput = { tenantId, customerId };
  if (cursor) {
    const [at, id] = cursors.decode(scope, cursor);
    const before = new Date(String(at));
    where.OR = [{ createdAt: { lt: before } }, { createdAt: before, id: { lt: String(id) } }];
  }
  const rows = await db.bankInsurancePolicy.findMany({
    where,
    include: policyInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > limit ? cursors.encode(scope, [last.createdAt.toISOString(), last.id]) : null;
  return { data: page.map((row) => toPolicyDto(row, options.now)), next_cursor };
}
