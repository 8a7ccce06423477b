/**
 * The rules of a key's life, as pure functions of the key and the clock, shared by the
 * gateway (what a call with the key gets), the DTO (what the dashboard shows) and the
 * roll/create validation.
 */

export type KeyScope = "read_only" | "read_write";

export type KeyStatus = "active" | "expiring" | "expired" | "revoked";

export type KeyTimes = { revokedAt: Date | null; expiresAt: Date | null; rolledToId?: string | null };

/**
 * revoked (at once, for good) > expired (its time has come) > expiring (rolled, or expiring
 * within its overlap, still working) > active.
 */
export function keyStatus(key: KeyTimes, now: Date = new Date()): KeyStatus {
  if (key.revokedAt && key.revokedAt <= now) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.rolledToId) return "expiring";
  return "active";
}

/** Whether a call with the key is authenticated right now. */
export function isUsable(key: KeyTimes, now: Date = new Date()): boolean {
  const status = keyStatus(key, now);
  return status === "active" || status === "expiring";
}

/** RFC 9110 safe methods: the only ones a read-only key may call. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function scopeAllows(scope: KeyScope, method: string): boolean {
  return scope === "read_write" || SAFE_METHODS.has(method.toUpperCase());
}

/** Overlap choices offered by the dashboard when rolling a key, in seconds. */
export const OVERLAP_PRESETS = [
  { seconds: 0, label: "Immediately" },
  { seconds: 60 * 60, label: "In 1 hour" },
  { seconds: 24 * 60 * 60, label: "In 24 hours" },
  { seconds: 7 * 24 * 60 * 60, label: "In 7 days" },
] as const;

export const MAX_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

/** Longest a new key may be set to live: a year. */
export const MAX_KEY_LIFETIME_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * When the old key stops after a roll: now + overlap, but never later than the old key's
 * own expiry (rolling must not extend a key's life).
 */
export function rollEndsAt(options: { now: Date; overlapSeconds: number; currentExpiry: Date | null }): Date {
  const end = new Date(options.now.getTime() + options.overlapSeconds * 1000);
  return options.currentExpiry && options.currentExpiry < end ? options.currentExpiry : end;
}
