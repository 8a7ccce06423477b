import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import { customerAccounts } from "../accounts/account-dto";
import type { CreatePaymentInput } from "../../schemas/payment";
import { ObError } from "./ob-errors";

/**
 * UK Open Banking's way of naming accounts and money, mapped to the one domain: an account is
 * `UK.OBIE.SortCodeAccountNumber` (sort code + account number, 14 digits) or `UK.OBIE.IBAN`; an
 * amount is a decimal string of up to 5 decimals, held here to its currency's precision.
 */

export const SORT_CODE_ACCOUNT_NUMBER = "UK.OBIE.SortCodeAccountNumber";
export const IBAN = "UK.OBIE.IBAN";

export type ObAccountRef = { SchemeName: string; Identification: string; Name?: string; SecondaryIdentification?: string };

/** A payment's amount in minor units of its currency, or the UK error for the path it was given at. */
export function minorAmount(money: { Amount: string; Currency: string }, path: string): bigint {
  const minor = parseMinor(money.Amount, money.Currency);
  if (minor === null || minor <= 0n)
    throw new ObError(
      400,
      "UK.OBIE.Field.Invalid",
      minor === null ? `${money.Currency} amounts have at most its currency's decimals` : "The amount must be greater than zero.",
      `${path}.Amount`,
    );
  return minor;
}

/** The amount as /v1 spells it (`12.50`): the sandbox's magic values compare on this form. */
export const canonicalAmount = (money: { Amount: string; Currency: string }, path: string) =>
  formatMinor(minorAmount(money, path), money.Currency);

/** A creditor account of an initiation → the beneficiary /v1's payments take. */
export function toCreditor(account: ObAccountRef & { Name: string }, path: string): CreatePaymentInput["creditor"] {
  const name = account.Name.trim().slice(0, 70);
  if (account.SchemeName === SORT_CODE_ACCOUNT_NUMBER) {
    if (!/^\d{14}$/.test(account.Identification))
      throw new ObError(400, "UK.OBIE.Field.Invalid", "A sort code and account number is 14 digits (6 + 8).", `${path}.Identification`);
    return { type: "sort_code", name, sort_code: account.Identification.slice(0, 6), account_number: account.Identification.slice(6) };
  }
  if (account.SchemeName === IBAN) {
    const iban = account.Identification.replaceAll(" ", "").toUpperCase();
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban))
      throw new ObError(
        400,
        "UK.OBIE.Field.Invalid",
        "An IBAN is 2 letters, 2 check digits and up to 30 letters or digits.",
        `${path}.Identification`,
      );
    return { type: "iban", name, iban };
  }
  throw unsupportedScheme(account.SchemeName, `${path}.SchemeName`);
}

function unsupportedScheme(scheme: string, path: string): ObError {
  return new ObError(
    400,
    "UK.OBIE.Unsupported.AccountIdentifier",
    `The sandbox identifies accounts by ${SORT_CODE_ACCOUNT_NUMBER} or ${IBAN}, not ${scheme}.`,
    path,
  );
}

/** The tenant's customer account a UK account reference names, or null. */
export async function findAccountByRef(db: PrismaClient, tenantId: string, ref: ObAccountRef, path: string) {
  const select = { id: true, customerId: true, currency: true, type: true, status: true } as const;
  if (ref.SchemeName === SORT_CODE_ACCOUNT_NUMBER) {
    if (!/^\d{14}$/.test(ref.Identification)) return null;
    return db.bankAccount.findFirst({
      where: { tenantId, ...customerAccounts, sortCode: ref.Identification.slice(0, 6), accountNumber: ref.Identification.slice(6) },
      select,
    });
  }
  if (ref.SchemeName === IBAN)
    return db.bankAccount.findFirst({
      where: { tenantId, ...customerAccounts, iban: ref.Identification.replaceAll(" ", "").toUpperCase() },
      select,
    });
  throw unsupportedScheme(ref.SchemeName, `${path}.SchemeName`);
}

/** How one of the tenant's accounts reads in UK terms (the debtor of a payment). */
export async function accountRefOf(db: PrismaClient, tenantId: string, accountId: string) {
  const account = await db.bankAccount.findFirst({
    where: { id: accountId, tenantId },
    select: { sortCode: true, accountNumber: true, iban: true, customer: { select: { givenName: true, familyName: true } } },
  });
  if (!account) return null;
  const Name = account.customer ? `${account.customer.givenName} ${account.customer.familyName}` : undefined;
  if (account.sortCode && account.accountNumber)
    return {
      SchemeName: SORT_CODE_ACCOUNT_NUMBER,
      Identification: `${account.sortCode}${account.accountNumber}`,
      ...(Name ? { Name } : {}),
    };
  if (account.iban) return { SchemeName: IBAN, Identification: account.iban, ...(Name ? { Name } : {}) };
  return null;
}

/** Where /v1's field pointers land in a UK initiation, for the errors of the one domain. */
const PATHS: [RegExp, string][] = [
  [/^\/body\/creditor/, "Data.Initiation.CreditorAccount"],
  [/^\/body\/amount/, "Data.Initiation.InstructedAmount"],
  [/^\/body\/debtor_account_id/, "Data.Initiation.DebtorAccount"],
  [/^\/body\/quote_id/, "Data.Initiation.ExchangeRateInformation"],
  [/^\/body\/reference/, "Data.Initiation.RemittanceInformation"],
];

/**
 * The one domain's refusals of a payment in UK terms: its status (the UK documents have no 422),
 * the UK name, and the path in the UK request. Anything else passes through unchanged.
 */
export function toUkPaymentError(error: unknown, prefix = ""): unknown {
  if (!(error instanceof AppError)) return error;
  const pointer = error.errors?.[0]?.pointer ?? "";
  const mapped = PATHS.find(([pattern]) => pattern.test(pointer));
  const path = mapped ? `${prefix}${mapped[1]}` : undefined;
  switch (error.code) {
    case "insufficient_funds":
      return new ObError(400, "UK.OBIE.Rules.InsufficientFunds", error.message, path);
    case "account_frozen":
    case "early_withdrawal_not_allowed":
    case "limit_exceeded":
    case "invalid_beneficiary":
    case "validation_failed":
      return new ObError(400, "UK.OBIE.Field.Invalid", error.message, path);
    case "currency_mismatch":
      return new ObError(400, "UK.OBIE.Unsupported.Currency", error.message, path);
    case "quote_expired":
      return new ObError(400, "UK.OBIE.Rules.AfterCutOffDateTime", error.message, path);
    case "consent_not_authorised":
      return new ObError(400, "UK.OBIE.Resource.InvalidConsentStatus", error.message, "Data.ConsentId");
    case "resource_not_found":
      return new ObError(400, "UK.OBIE.Resource.NotFound", error.message, path);
    default:
      return error;
  }
}
