import type { PrismaClient } from "@prisma/client";
import type { CustomerDto } from "../../schemas/customer";
import type { CursorCodec } from "../pagination/cursor-codec";
import { customerSelect, toCustomerDto } from "./customer-dto";

export type ListCustomersOptions = {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  kycStatus?: CustomerDto["kyc"]["status"];
  limit: number;
  cursor?: string;
};

/** A page of the tenant's customers in id order (stable, so cursors never skip or repeat). */
export async function listCustomers(options: ListCustomersOptions): Promise<{ data: CustomerDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, kycStatus, limit, cursor } = options;
  const scope = `customers\0${tenantId}\0${kycStatus ?? ""}`;
  const after = cursor ? String(cursors.decode(scope, cursor)[0]) : undefined;
  const rows = await db.bankCustomer.findMany({
    where: { tenantId, kycStatus, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: customerSelect,
  });
  const page = rows.slice(0, limit);
  const next_cursor = rows.length > limit ? cursors.encode(scope, [page[page.length - 1].id]) : null;
  return { data: page.map(toCustomerDto), next_cursor };
}
