/**
 * Money: integer minor units (bigint) inside, decimal strings + ISO 4217 code on the wire.
 * `{ amount: "125.50", currency: "GBP" }`. Never a float anywhere in between.
 */

export type Money = { amount: string; currency: string };

/** Minor-unit exponent per ISO 4217; currencies not listed use 2. */
const exponents: Record<string, number> = { JPY: 0, KRW: 0, HUF: 2, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export function currencyExponent(currency: string): number {
  return exponents[currency.toUpperCase()] ?? 2;
}

/** 12550n, "GBP" → "125.50"; -5n → "-0.05". */
export function formatMinor(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exp + 1, "0");
  const whole = digits.slice(0, digits.length - exp);
  const fraction = exp > 0 ? "." + digits.slice(digits.length - exp) : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export function toMoney(minor: bigint, currency: string): Money {
  return { amount: formatMinor(minor, currency), currency };
}

/** The wire format of an amount: optional minus, digits, and at most the currency's decimals. */
export function amountPattern(exponent = 2): RegExp {
  return exponent === 0 ? /^-?\d{1,15}$/ : new RegExp(`^-?\\d{1,15}(\\.\\d{1,${exponent}})?$`);
}

/**
 * "125.5", "GBP" → 12550n. Returns null for anything that is not an exact decimal in the
 * currency's precision (too many decimals, exponent notation, spaces, empty).
 */
export function parseMinor(amount: string, currency: string): bigint | null {
  const exp = currencyExponent(currency);
  if (!amountPattern(exp).test(amount)) return null;
  const negative = amount.startsWith("-");
  const [whole, fraction = ""] = amount.replace("-", "").split(".");
  const minor = BigInt(whole + fraction.padEnd(exp, "0"));
  return negative ? -minor : minor;
}

/** For people: "£1,234.50" / "-€3.20". */
export function formatMoneyForDisplay(money: Money, locale = "en-GB"): string {
  const minor = parseMinor(money.amount, money.currency);
  if (minor === null) return `${money.amount} ${money.currency}`;
  const exp = currencyExponent(money.currency);
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: money.currency,
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  });
  // Intl takes numbers; format whole and fraction parts separately so no precision is lost.
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(exp);
  const parts = formatter.formatToParts(Number(abs / scale));
  const fraction = (abs % scale).toString().padStart(exp, "0");
  const text = parts.map((p) => (p.type === "fraction" ? fraction : p.value)).join("");
  return negative ? `-${text}` : text;
}
