import type { BankConsent, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { parseMinor } from "@openbank/contracts/money";
import { getBalances } from "../accounts/get-balances";
import { ObError } from "./ob-errors";
import { obAmountToMinor } from "./vrp-amount";

/**
 * Whether an account's available balance (booked, less pending debits, plus the arranged
 * overdraft: domain/accounts/get-balances.ts) covers an amount in its currency, now. Shared by
 * VRP's funds confirmation and Confirmation of Funds; nothing is reserved or stored.
 */
export async function fundsAvailable(options: {
  db: PrismaClient;
  tenantId: string;
  accountId: string;
  amount: { Amount: string; Currency: string };
  path: string;
  tenantNow: Date;
}): Promise<boolean> {
  const { db, tenantId, accountId, amount, path, tenantNow } = options;
  const balances = await getBalances({ db, tenantId, accountId, asOf: tenantNow });
  if (amount.Currency !== balances.currency)
    throw new ObError(400, "UK.OBIE.Unsupported.Currency", `The account holds ${balances.currency}.`, `${path}.Currency`);
  const wanted = obAmountToMinor(amount.Amount, amount.Currency, `${path}.Amount`);
  return parseMinor(balances.available.amount, balances.currency)! >= wanted;
}

/** The consent's one account (the debtor account the customer authorised). */
export function consentAccountId(consent: BankConsent): string {
  const accountId = (JSON.parse(consent.accountIds) as string[])[0];
  if (!accountId) throw new ObError(400, "UK.OBIE.Resource.InvalidConsentStatus", "The consent has no account.", "Data.ConsentId");
  return accountId;
}

export const newFundsConfirmationId = () => newId("fundsConfirmation");
