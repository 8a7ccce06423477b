import type { PrismaClient } from "@prisma/client";
import { parseMinor } from "@openbank/contracts/money";
import { getBalances } from "../accounts/get-balances";
import type { z } from "zod";
import type { ConfirmationOfFundsBody } from "../../schemas/berlin-group/funds-confirmations";
import { BgError } from "./bg-errors";
import { crossBorderPrice } from "./price-cross-border";
import { bgAccountWhere } from "./psu-accounts";
import { accessBgConsent } from "./access-bg-consent";

/**
 * POST /v1/funds-confirmations (PIIS): whether the account named by IBAN could pay the amount now,
 * from its available balance (/v1's, the arranged overdraft included; nothing for a frozen account).
 * An amount in another currency is converted at the sandbox's FX rate. The PIIS consent is agreed
 * outside this API in NextGenPSD2's core; a Consent-ID, when sent, must be one of this TPP's valid
 * consents that gives the account's balances.
 */
export async function confirmBgFunds(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  consentId?: string;
  input: z.infer<typeof ConfirmationOfFundsBody>;
  tenantNow: Date;
}): Promise<{ fundsAvailable: boolean }> {
  const { db, tenantId, appId, consentId, input, tenantNow } = options;
  const iban = input.account.iban;
  if (!iban) throw new BgError(400, "FORMAT_ERROR", "Name the account by iban.", "account");
  const account = await db.bankAccount.findFirst({ where: { ...bgAccountWhere, tenantId, iban }, select: { id: true, currency: true } });
  if (!account) throw new BgError(400, "RESOURCE_UNKNOWN", `No payment account with IBAN ${iban} in this sandbox.`, "account.iban");
  if (consentId)
    await accessBgConsent({ db, tenantId, appId, consentId, service: "balances", accountId: account.id, psuInvolved: true, tenantNow });
  const { currency, amount } = input.instructedAmount;
  const minor = parseMinor(amount, currency);
  if (minor === null || minor <= 0n)
    throw new BgError(400, "FORMAT_ERROR", "The amount must be a positive amount of the currency.", "instructedAmount.amount");
  let needed = minor;
  if (currency !== account.currency) {
    const price = crossBorderPrice(account.currency, currency, minor);
    if (!price)
      throw new BgError(
        400,
        "FORMAT_ERROR",
        `The sandbox does not convert ${account.currency} to ${currency}.`,
        "instructedAmount.currency",
      );
    needed = price.sellMinor;
  }
  const balances = await getBalances({ db, tenantId, accountId: account.id, asOf: tenantNow });
  return { fundsAvailable: needed <= (parseMinor(balances.available.amount, account.currency) ?? 0n) };
}
