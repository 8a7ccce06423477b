import { Secret, TOTP } from "otpauth";
import { seal, unseal } from "@/lib/crypto/seal";

/**
 * TOTP (RFC 6238) as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps, a
 * 160-bit seed. A code is accepted one step either side of now (clock drift), and each step at
 * most once: the last accepted step is kept with the seed, and no code of that step or an
 * earlier one is accepted again (RFC 6238 §5.2), so an observed code cannot be replayed.
 */

export const TOTP_ISSUER = "Open Bank Developers";
const PERIOD_SECONDS = 30;
const SEAL_PURPOSE = "totp-seed";

/** What User.totpSecret holds, sealed: the seed, and the last step a code was accepted for. */
export type TotpState = { seed: string; lastStep: number | null };

export function newTotpSeed(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(seed: string, label = "") {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(seed) });
}

/** The `otpauth://totp/…` URI an authenticator app reads from the QR code. */
export function otpauthUri(seed: string, accountName: string): string {
  return totpFor(seed, accountName).toString();
}

/** The 30-second step a time falls in. */
export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / PERIOD_SECONDS);
}

/** The code for a step (tests and the enrolment check use it). */
export function totpCode(seed: string, now = Date.now()): string {
  return totpFor(seed).generate({ timestamp: now });
}

/** A 6-digit code, once spaces are taken out ("123 456" as some apps show it). */
export function asTotpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The step a code matches (now ±1), or null when it matches none or its step was already used
 * (`lastStep` or earlier).
 */
export function matchTotp(state: TotpState, code: string, now = Date.now()): number | null {
  const token = asTotpCode(code);
  if (!token) return null;
  const delta = totpFor(state.seed).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  if (state.lastStep !== null && step <= state.lastStep) return null;
  return step;
}

/** Seals the state for User.totpSecret, bound to its user. */
export function sealTotpState(userId: string, state: TotpState): string {
  return seal(JSON.stringify({ seed: state.seed, last_step: state.lastStep }), { purpose: SEAL_PURPOSE, context: userId });
}

export function unsealTotpState(userId: string, sealed: string): TotpState {
  const parsed = JSON.parse(unseal(sealed, { purpose: SEAL_PURPOSE, context: userId })) as { seed: string; last_step: number | null };
  return { seed: parsed.seed, lastStep: parsed.last_step };
}
