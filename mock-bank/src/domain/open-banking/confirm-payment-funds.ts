import type { BankConsent, PrismaClient } from "@prisma/client";
import { parseMinor } from "@openbank/contracts/money";
import { getBalances } from "../accounts/get-balances";
import { assertTokenConsent, PAYMENT_KINDS, type PaymentKind, selfLink, usableConsent } from "./payment-consents";

/**
 * A payment consent's funds confirmation (`GET …-consents/{ConsentId}/funds-confirmation`), with
 * the customer's token of that very consent once it is authorised: whether the debtor account's
 * available balance (booked, less pending debits, plus its arranged overdraft; nothing for a
 * frozen account: /v1's balances rule) covers what the payment will take (`required`, in minor
 * units of the account's currency). Moves nothing and reserves nothing.
 */
export async function confirmPaymentFunds(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  issuer: string;
  tokenConsent: BankConsent;
  consentId: string;
  kind: PaymentKind;
  /** What the payment will debit, given the debtor account's currency. */
  required: (currency: string) => bigint;
}) {
  const { db, tenantId, now, tokenConsent, consentId, kind } = options;
  assertTokenConsent(tokenConsent, consentId, kind);
  const { debtorAccountId } = usableConsent(tokenConsent, now);
  const balances = await getBalances({ db, tenantId, accountId: debtorAccountId, asOf: now });
  const available = parseMinor(balances.available.amount, balances.currency) ?? 0n;
  return {
    Data: {
      FundsAvailableResult: { FundsAvailableDateTime: now.toISOString(), FundsAvailable: available >= options.required(balances.currency) },
    },
    Links: selfLink(options.issuer, `${PAYMENT_KINDS[kind].consents}/${consentId}/funds-confirmation`),
    Meta: {},
  };
}
