import type { PrismaClient } from "@prisma/client";
import { parseMinor } from "@openbank/contracts/money";
import type { ObBalance } from "../../schemas/open-banking/ais-accounts";
import { getBalances } from "../accounts/get-balances";
import { creditDebit, obAmount } from "./ais-mapping";
import type { AisCall } from "./authorize-ais-call";

/**
 * The consent's accounts' balances, computed by /v1's own getBalances (one rule for both surfaces):
 * ITBD is /v1's `booked`, ITAV its `available`, which includes the arranged overdraft (Pre-Agreed)
 * or the card's limit (Credit) as the CreditLine says.
 */
export async function getAisBalances(options: {
  db: PrismaClient;
  tenantId: string;
  call: AisCall;
  accountId?: string;
  tenantNow: Date;
}): Promise<ObBalance[]> {
  const { db, tenantId, call, accountId, tenantNow } = options;
  const owned = await db.bankAccount.findMany({
    where: { tenantId, customerId: call.customerId, id: { in: accountId ? [accountId] : call.accountIds } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const out: ObBalance[] = [];
  for (const { id } of owned) {
    const balances = await getBalances({ db, tenantId, accountId: id, asOf: tenantNow });
    const minor = (amount: string) => parseMinor(amount, balances.currency) ?? 0n;
    const booked = minor(balances.booked.amount);
    const available = minor(balances.available.amount);
    const limit = balances.overdraft_limit ?? balances.credit_limit;
    const creditLine =
      limit && minor(limit.amount) > 0n
        ? [
            {
              Included: true,
              Type: balances.overdraft_limit ? ("Pre-Agreed" as const) : ("Credit" as const),
              Amount: obAmount(minor(limit.amount), balances.currency),
            },
          ]
        : undefined;
    out.push(
      {
        AccountId: id,
        CreditDebitIndicator: creditDebit(booked),
        Type: "ITBD",
        DateTime: balances.as_of,
        Amount: obAmount(booked, balances.currency),
      },
      {
        AccountId: id,
        CreditDebitIndicator: creditDebit(available),
        Type: "ITAV",
        DateTime: balances.as_of,
        Amount: obAmount(available, balances.currency),
        ...(creditLine ? { CreditLine: creditLine } : {}),
      },
    );
  }
  return out;
}
