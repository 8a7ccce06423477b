import { currencyExponent, parseMinor } from "@openbank/contracts/money";
import { ObError } from "./ob-errors";

/**
 * A UK amount (up to 5 decimals) in minor units of its currency: trailing zeros beyond the
 * currency's precision are fine (`10.50000` GBP), more precision is not; zero is refused.
 */
export function obAmountToMinor(amount: string, currency: string, path: string): bigint {
  const exponent = currencyExponent(currency);
  const [whole, fraction = ""] = amount.split(".");
  const trimmed = fraction.length > exponent && /^0*$/.test(fraction.slice(exponent)) ? fraction.slice(0, exponent) : fraction;
  const minor = parseMinor(trimmed ? `${whole}.${trimmed}` : whole, currency);
  if (minor === null) throw new ObError(400, "UK.OBIE.Field.Invalid", `${currency} amounts have at most ${exponent} decimals.`, path);
  if (minor <= 0n) throw new ObError(400, "UK.OBIE.Field.Invalid", "The amount must be greater than zero.", path);
  return minor;
}
