import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelay, parseRetrySchedule } from "./retry-schedule";

describe("retry schedule", () => {
  it("defaults to 5 s, 30 s, 2 min, 10 min, 1 h, 6 h, 24 h: eight attempts over about 31 hours", () => {
    const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
    expect(schedule).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000]);
    expect(schedule.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(31.2, 1);
  });

  it("waits the n-th delay after the n-th failure, with ±20 % jitter, then gives up", () => {
    const schedule = parseRetrySchedule("5s,30s");
    expect(nextRetryDelay(schedule, 1, 0.5)).toBe(5_000);
    expect(nextRetryDelay(schedule, 1, 0)).toBe(4_000);
    expect(nextRetryDelay(schedule, 2, 0.999999)).toBe(36_000);
    expect(nextRetryDelay(schedule, 3, 0.5)).toBeNull();
  });

  it("parses ms, s, m, h and d, and refuses anything else", () => {
    expect(parseRetrySchedule("250ms, 1.5s,2m,1h,1d")).toEqual([250, 1_500, 120_000, 3_600_000, 86_400_000]);
    for (const bad of ["", "5", "5 sec", "-1s", "1s,,2s"]) expect(() => parseRetrySchedule(bad)).toThrow();
  });
});
