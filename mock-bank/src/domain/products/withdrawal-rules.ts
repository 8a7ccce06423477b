import { AppError } from "@openbank/contracts/errors";
import { formatMinor } from "@openbank/contracts/money";
import type { Leg } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { findDepositProduct } from "./deposit-products";
import { rateToBasisPoints } from "./interest-maths";

export type DepositAccount = { id: string; type: string; productId: string | null; maturesAt: Date | null; currency: string };

/**
 * The product's access rules for money leaving a deposit account: a fixed-term bond refuses
 * before it matures; a notice saver charges `penaltyDays` of interest on the amount (the
 * charge goes back against the bank's interest expense). Returns the extra legs to post
 * with the withdrawal (none for instant-access accounts).
 */
export function withdrawalLegs(options: { tenantId: string; account: DepositAccount; amount: bigint; now: Date; pointer: string }): Leg[] {
  const { tenantId, account, amount, now, pointer } = options;
  if (account.type === "fixed_term" && account.maturesAt && account.maturesAt > now) {
    const on = account.maturesAt.toISOString().slice(0, 10);
    throw new AppError(
      "early_withdrawal_not_allowed",
      `Account ${account.id} is a fixed-term bond that matures on ${on}: nothing can be withdrawn before then.`,
      { errors: [{ pointer, detail: `fixed-term bond, matures on ${on}` }] },
    );
  }
  const product = account.productId ? findDepositProduct(account.productId) : undefined;
  if (!product?.penaltyDays) return [];
  const charge = (amount * BigInt(rateToBasisPoints(product.grossRate)) * BigInt(product.penaltyDays)) / (10_000n * 365n);
  if (charge <= 0n) return [];
  return [
    {
      accountId: account.id,
      amount: -charge,
      line: {
        description: `Early access charge (${product.penaltyDays} days' interest on ${formatMinor(amount, account.currency)})`,
        category: "fees",
        channel: "fee",
      },
    },
    { accountId: systemAccountId(tenantId, "interestExpense"), amount: charge },
  ];
}

/** Fixed-term bonds take only their opening deposit. */
export function assertAcceptsDeposits(account: { id: string; type: string }, pointer: string): void {
  if (account.type === "fixed_term") {
    throw new AppError("deposit_not_accepted", `Account ${account.id} is a fixed-term bond: it takes only its opening deposit.`, {
      errors: [{ pointer, detail: "fixed-term bonds take no further deposits" }],
    });
  }
}
