import type { PrismaClient } from "@prisma/client";
import type { AccountDto } from "../../schemas/account";
import type { CursorCodec } from "../pagination/cursor-codec";
import { accountSelect, customerAccounts, toAccountDto } from "./account-dto";

export type ListAccountsOptions = {
  db: PrismaClient;
  cursors: CursorCodec;
  tenantId: string;
  customerId?: string;
  type?: AccountDto["type"];
  /** A consent token's caller: only these accounts. */
  accountIds?: string[];
  limit: number;
  cursor?: string;
};

/** A page of the tenant's accounts in id order (stable, so cursors never skip or repeat). */
export async function listAccounts(options: ListAccountsOptions): Promise<{ data: AccountDto[]; next_cursor: string | null }> {
  const { db, cursors, tenantId, customerId, type, accountIds, limit, cursor } = options;
  const scope = `accounts\0${tenantId}\0${customerId ?? ""}\0${type ?? ""}`;
  const after = cursor ? String(cursors.decode(scope, cursor)[0]) : undefined;

  const rows = await db.bankAccount.findMany({
    where: {
      tenantId,
      customerId: customerId ?? customerAccounts.customerId,
      type,
      id: { ...(after ? { gt: after } : {}), ...(accountIds ? { in: accountIds } : {}) },
    },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: accountSelect,
  });
  const page = rows.slice(0, limit);
  const next_cursor = rows.length > limit ? cursors.encode(scope, [page[page.length - 1].id]) : null;
  return { data: page.map(toAccountDto), next_cursor };
}
