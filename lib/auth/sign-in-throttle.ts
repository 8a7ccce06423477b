import { portal } from "@/lib/runtime";
import { normaliseEmail } from "./schemas";

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type SignInThrottle = {
  /** Counts an attempt for the key, or refuses it (uncounted) when the window is full. */
  attempt(key: string): ThrottleDecision;
  /** Forgets the key's attempts: call after a successful sign-in. */
  reset(key: string): void;
  /** Keys currently tracked (for tests and metrics). */
  size(): number;
};

/**
 * Sliding-window sign-in throttle: at most `maxAttempts` per key in any `windowSeconds`.
 * Attempts are counted when they start (not when they fail), so parallel guesses cannot
 * slip past the limit while bcrypt runs. In memory: per process, lost on restart.
 */
export function createSignInThrottle(options: {
  maxAttempts: number;
  windowSeconds: number;
  now?: () => number;
  /** Above this many keys, stale ones are swept and then the oldest dropped. */
  maxKeys?: number;
}): SignInThrottle {
  const { maxAttempts, now = Date.now, maxKeys = 10_000 } = options;
  const windowMs = options.windowSeconds * 1000;
  const attempts = new Map<string, number[]>();

  function recent(key: string, at: number): number[] {
    const kept = (attempts.get(key) ?? []).filter((time) => time > at - windowMs);
    if (kept.length) attempts.set(key, kept);
    else attempts.delete(key);
    return kept;
  }

  function sweep(at: number): void {
    if (attempts.size <= maxKeys) return;
    for (const key of [...attempts.keys()]) recent(key, at);
    // Still too many live keys (a spray): drop the longest-tracked ones.
    for (const key of attempts.keys()) {
      if (attempts.size <= maxKeys) break;
      attempts.delete(key);
    }
  }

  return {
    attempt(key) {
      const at = now();
      const times = recent(key, at);
      if (times.length >= maxAttempts) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] + windowMs - at) / 1000)) };
      }
      attempts.delete(key); // re-insert: Map order then tracks recency for sweep()
      attempts.set(key, [...times, at]);
      sweep(at);
      return { allowed: true };
    },
    reset(key) {
      attempts.delete(key);
    },
    size() {
      return attempts.size;
    },
  };
}

/** Throttle bucket for one email from one client address. */
export function signInThrottleKey(options: { email: string; ip: string }): string {
  return `${normaliseEmail(options.email)}\n${options.ip}`;
}

/** The process's throttle (built at start, lib/runtime.ts). */
export function signInThrottle(): SignInThrottle {
  return portal().signInThrottle;
}
