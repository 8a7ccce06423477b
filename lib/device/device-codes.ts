import { randomInt } from "node:crypto";
import { credentialPrefix } from "@openbank/contracts/credential-formats";
import { checksummedFormat, hashApiKey } from "../keys/api-key";

/**
 * The two codes of a device authorization (RFC 8628 §3.2, §6.1).
 * - The device code, which only the CLI sees: `dvc_` + the checksummed family of keys and tokens
 *   (~178 random bits), masked in logs and searched for at rest like every credential.
 * - The user code, which the developer reads in the terminal and types in the browser: 8 letters
 *   of the RFC's base-20 alphabet (consonants only, no vowels to spell words, nothing to confuse
 *   with a digit), shown as `BDFH-JKLM`. 20^8 ≈ 2.6·10^10 codes, live 15 minutes, guesses throttled.
 * Only HMACs with the key pepper are stored; the user code is normalised first, so a lower-case
 * or hyphen-less entry finds the same row.
 */
export const deviceCodeFormat = checksummedFormat(credentialPrefix("device_code"));

export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;

export function generateDeviceCode(): string {
  return deviceCodeFormat.generate();
}

export function generateUserCode(): string {
  let code = "";
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return formatUserCode(code);
}

/** `BDFHJKLM` → `BDFH-JKLM`: two groups of four, as the terminal and the page show it. */
export function formatUserCode(normalised: string): string {
  return `${normalised.slice(0, 4)}-${normalised.slice(4)}`;
}

/**
 * What the developer typed, as stored: upper case, without hyphens or spaces (RFC 8628 §6.1).
 * Null when it cannot be a user code at all (wrong length, a character outside the alphabet),
 * so no lookup is made and nothing is counted against the throttle twice.
 */
export function normaliseUserCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== USER_CODE_LENGTH) return null;
  for (const character of compact) if (!USER_CODE_ALPHABET.includes(character)) return null;
  return compact;
}

/** The stored form of either code. The domain prefix keeps a user code's HMAC apart from any other. */
export function hashDeviceCode(deviceCode: string, pepper: string): string {
  return hashApiKey(`device-code:${deviceCode}`, pepper);
}

export function hashUserCode(normalisedUserCode: string, pepper: string): string {
  return hashApiKey(`user-code:${normalisedUserCode}`, pepper);
}
