import { createHmac, randomInt } from "node:crypto";
import { deriveKey } from "@/lib/crypto/derive-key";

/**
 * Recovery codes: 10 single-use codes like `k7m2p-x9c4t`, for when the authenticator app or the
 * passkey is lost. 10 characters from 31 letters and digits without look-alikes (no 0/o, 1/l/i):
 * about 49 bits each. Only an HMAC-SHA256 of each (keyed from the server secret, bound to the user) is
 * stored, so a leaked database does not give codes away, nor lets them be brute-forced offline.
 */

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUP = 5;

function group(chars: string): string {
  return `${chars.slice(0, GROUP)}-${chars.slice(GROUP)}`;
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    codes.add(group(Array.from({ length: GROUP * 2 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")));
  }
  return [...codes];
}

/** A recovery code as typed (any case, spaces, with or without the dash), or null when it cannot be one. */
export function asRecoveryCode(input: string): string | null {
  const chars = input.toLowerCase().replace(/[\s-]+/g, "");
  if (chars.length !== GROUP * 2 || [...chars].some((char) => !ALPHABET.includes(char))) return null;
  return group(chars);
}

/** What RecoveryCode.codeHash stores for a user's code. */
export function hashRecoveryCode(userId: string, code: string, secret?: string): string {
  return createHmac("sha256", deriveKey("recovery-code", secret)).update(`${userId}\0${code}`).digest("hex");
}
