import { formatMinor } from "@openbank/contracts/money";
import type { Prisma } from "@prisma/client";
import { defaultProductFor, findDepositProduct, type DepositProduct } from "../products/deposit-products";

/** The pieces every AIS resource maps the same way from the one domain. */

export type ObAmountValue = { Amount: string; Currency: string };

/** Minor units → OB's positive amount; the sign goes to CreditDebitIndicator. */
export function obAmount(minor: bigint, currency: string): ObAmountValue {
  return { Amount: formatMinor(minor < 0n ? -minor : minor, currency), Currency: currency };
}

export const creditDebit = (minor: bigint): "Credit" | "Debit" => (minor < 0n ? "Debit" : "Credit");

/** Text cut to a field's maximum length. */
export const fit = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

export const holderName = (customer: { givenName: string; familyName: string }) => `${customer.givenName} ${customer.familyName}`.trim();

export const identifierSelect = {
  iban: true,
  sortCode: true,
  accountNumber: true,
  maskedPan: true,
} as const satisfies Prisma.BankAccountSelect;

type Identifiers = Prisma.BankAccountGetPayload<{ select: typeof identifierSelect }>;

/**
 * How an account is identified in the UK standard: UK.OBIE.SortCodeAccountNumber (the 6-digit sort
 * code and 8-digit number, 14 digits) and UK.OBIE.IBAN, or a card's masked UK.OBIE.PAN.
 */
export function accountIdentifiers(account: Identifiers, name?: string) {
  const named = name ? { Name: fit(name, 350) } : {};
  const out: { SchemeName: string; Identification: string; Name?: string }[] = [];
  if (account.sortCode && account.accountNumber)
    out.push({ SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: `${account.sortCode}${account.accountNumber}`, ...named });
  if (account.iban) out.push({ SchemeName: "UK.OBIE.IBAN", Identification: account.iban, ...named });
  if (account.maskedPan) out.push({ SchemeName: "UK.OBIE.PAN", Identification: account.maskedPan, ...named });
  return out;
}

/** The AIS base URL on the portal's origin: Links point where the app called. */
export function aisUrl(portalUrl: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(`${portalUrl.replace(/\/$/, "")}/open-banking/v4.0/aisp${path}`);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
  return url.toString();
}

export const DAY_MS = 86_400_000;

/** The deposit product an account is: the one it was opened as, else the default of its type (the seed's accounts). */
export function depositProductOf(account: { type: string; productId: string | null; currency: string }): DepositProduct | undefined {
  if (account.productId) return findDepositProduct(account.productId);
  if (account.type === "current" || account.type === "savings")
    return findDepositProduct(defaultProductFor(account.type, account.currency));
  return undefined;
}
