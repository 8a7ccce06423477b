import { isValidIban } from "../../seed/iban";

/** One payment may move at most this much (minor units of GBP, or the equivalent). */
export const PAYMENT_LIMIT_MINOR = 2_500_000n;

/** Standard and international payments settle this long after they are made (sandbox clock). */
export const SETTLEMENT_DELAY_MS = 24 * 60 * 60 * 1000;

/** Magic values, documented on POST /v1/payments. */
export const DECLINE_AMOUNT = "666.66";
/** The failure of a payment of DECLINE_AMOUNT: the payer's account cannot cover it (the payer's bank, not the beneficiary's). */
export const DECLINE_MESSAGE = "Declined: insufficient funds in the payer's account (sandbox magic amount 666.66).";
export const AML_HIT_NAME = "AML HIT";

/** IBAN lengths per country (ISO 13616 registry, the common ones); others need 15-34 characters. */
const IBAN_LENGTHS: Record<string, number> = {
  GB: 22,
  IE: 22,
  DE: 22,
  FR: 27,
  ES: 24,
  IT: 27,
  NL: 18,
  BE: 16,
  AT: 20,
  PT: 25,
  CH: 21,
  SE: 24,
  NO: 15,
  DK: 18,
  FI: 18,
  PL: 28,
  LU: 20,
};

/** Why an IBAN is refused, or null when it is valid (country length and mod-97 check digits). */
export function ibanProblem(iban: string): string | null {
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return `a ${iban.slice(0, 2)} IBAN has ${expected} characters`;
  if (!isValidIban(iban)) return "the IBAN's check digits are wrong (mod-97)";
  return null;
}

/** Sort codes starting 00 are not allocated to any bank: the sandbox's "unknown bank". */
export function sortCodeProblem(sortCode: string): string | null {
  return sortCode.startsWith("00") ? "no bank uses this sort code" : null;
}
