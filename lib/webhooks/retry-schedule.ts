/**
 * When failed deliveries are retried: after the first attempt fails, wait the first delay, and
 * so on; when the list is used up the delivery is `failed` (resend it by hand). Each delay gets
 * ±20 % jitter so an endpoint coming back is not hit by every retry in the same second.
 * Set WEBHOOK_RETRY_SCHEDULE (e.g. "1s,2s") to shorten it in tests.
 */
export const DEFAULT_RETRY_SCHEDULE = "5s,30s,2m,10m,1h,6h,24h";

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "5s,30s,2m" → [5000, 30000, 120000]; throws on anything else. */
export function parseRetrySchedule(text: string): number[] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)(ms|s|m|h|d)\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a delay like 500ms, 5s, 2m, 1h or 1d`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

export const JITTER = 0.2;

/**
 * The wait before the next attempt after `failedAttempts` scheduled attempts have failed, or
 * null when the schedule is exhausted. `random` is in [0, 1).
 */
export function nextRetryDelay(schedule: number[], failedAttempts: number, random: number = Math.random()): number | null {
  const base = schedule[failedAttempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}
