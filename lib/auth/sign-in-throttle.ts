import { portal } from "@/lib/runtime";
import { normaliseEmail } from "./schemas";

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** At most `maxAttempts` per key in any `windowSeconds`. `name` keeps policies apart in Redis. */
export type ThrottlePolicy = { name: string; maxAttempts: number; windowSeconds: number };

/**
 * A sliding-window attempt counter. Asynchronous because the scale-out implementation asks Redis
 * (lib/auth/redis-throttle.ts); the in-memory one below answers at once.
 */
export type Throttle = {
  readonly policy: ThrottlePolicy;
  /** Counts an attempt for the key, or refuses it (uncounted) when the window is full. */
  attempt(key: string): Promise<ThrottleDecision>;
  /** What `attempt` would decide now, without counting anything. */
  check(key: string): Promise<ThrottleDecision>;
  /** Forgets the key's attempts: call after a success. */
  reset(key: string): Promise<void>;
};

/** The sign-in throttle's type (kept for its callers). */
export type SignInThrottle = Throttle;

export type MemoryThrottle = Throttle & {
  /** The same decisions, synchronously (the Redis throttle's fallback needs them without a tick). */
  attemptNow(key: string): ThrottleDecision;
  checkNow(key: string): ThrottleDecision;
  resetNow(key: string): void;
  /** Keys currently tracked (for tests and metrics). */
  size(): number;
};

/**
 * Sliding-window throttle in memory: per process, lost on restart (one instance; REDIS_URL shares
 * it across instances). Attempts are counted when they start (not when they fail), so parallel
 * guesses cannot slip past the limit while bcrypt runs.
 */
export function createMemoryThrottle(
  policy: ThrottlePolicy,
  options: {
    now?: () => number;
    /** Above this many keys, stale ones are swept and then the oldest dropped. */
    maxKeys?: number;
  } = {},
): MemoryThrottle {
  const { now = Date.now, maxKeys = 10_000 } = options;
  const { maxAttempts } = policy;
  const windowMs = policy.windowSeconds * 1000;
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

  function decide(times: number[], at: number): ThrottleDecision {
    if (times.length < maxAttempts) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] + windowMs - at) / 1000)) };
  }

  function checkNow(key: string): ThrottleDecision {
    const at = now();
    return decide(recent(key, at), at);
  }

  function attemptNow(key: string): ThrottleDecision {
    const at = now();
    const times = recent(key, at);
    const decision = decide(times, at);
    if (!decision.allowed) return decision;
    attempts.delete(key); // re-insert: Map order then tracks recency for sweep()
    attempts.set(key, [...times, at]);
    sweep(at);
    return { allowed: true };
  }

  function resetNow(key: string): void {
    attempts.delete(key);
  }

  return {
    policy,
    attemptNow,
    checkNow,
    resetNow,
    attempt: async (key) => attemptNow(key),
    check: async (key) => checkNow(key),
    reset: async (key) => resetNow(key),
    size: () => attempts.size,
  };
}

/** Throttle bucket for one email from one client address. */
export function signInThrottleKey(options: { email: string; ip: string }): string {
  return `${normaliseEmail(options.email)}\n${options.ip}`;
}

/** The email alone: the key of the per-account ceiling (a different policy, so no clash with the per-account keys above). */
export function signInAccountKey(email: string): string {
  return normaliseEmail(email);
}

/**
 * Counts one password sign-in: in the window for the email from this address, then in the
 * window for the email from every address together (a higher ceiling, so rotating or spoofing
 * addresses cannot go on guessing). Refused when either is full; the per-email window is not
 * counted when the per-address one already refuses. `succeeded` clears both after a right password.
 */
export async function countSignInAttempt(
  throttles: { signIn: Throttle; signInAccount: Throttle },
  options: { email: string; ip: string },
): Promise<{ decision: ThrottleDecision; succeeded: () => Promise<void> }> {
  const addressKey = signInThrottleKey(options);
  const accountKey = signInAccountKey(options.email);
  let decision = await throttles.signIn.attempt(addressKey);
  if (decision.allowed) decision = await throttles.signInAccount.attempt(accountKey);
  return {
    decision,
    succeeded: async () => {
      await Promise.all([throttles.signIn.reset(addressKey), throttles.signInAccount.reset(accountKey)]);
    },
  };
}

/** The process's sign-in throttle (built at start, lib/runtime.ts): sign-in, step-up and password checks. */
export function signInThrottle(): SignInThrottle {
  return portal().throttles.signIn;
}
