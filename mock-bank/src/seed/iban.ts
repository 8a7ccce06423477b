/** IBAN check digits (ISO 13616, mod 97-10) for the seed's UK accounts. */

/** Letters become 10…35, digits stay; the remainder is taken piecewise so no bigint is needed. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, "0");
}

/** GB + check digits + 4-letter bank code + sort code + account number. */
export function ukIban(bankCode: string, sortCode: string, accountNumber: string): string {
  const bban = `${bankCode}${sortCode}${accountNumber}`;
  return `GB${ibanCheckDigits("GB", bban)}${bban}`;
}

export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}
