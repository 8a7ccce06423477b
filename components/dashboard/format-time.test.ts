import { describe, expect, it } from "vitest";
import { formatDate, formatExact, formatRelative, formatUntil } from "./format-time";

const now = Date.parse("2026-11-21T12:00:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("formatRelative", () => {
  it.each([
    [0, "just now"],
    [9_000, "just now"],
    [42_000, "42 s ago"],
    [5 * 60_000, "5 min ago"],
    [3 * 3_600_000, "3 h ago"],
    [26 * 3_600_000, "yesterday"],
    [4 * 86_400_000, "4 days ago"],
    [45 * 86_400_000, "7 Oct 2026"],
  ])("%d ms ago → %s", (ms, expected) => {
    expect(formatRelative(ago(ms), now)).toBe(expected);
  });

  it("treats a time slightly in the future (clock skew) as just now", () => {
    expect(formatRelative(new Date(now + 3_000).toISOString(), now)).toBe("just now");
  });
});

describe("formatDate / formatExact", () => {
  it("print UTC, whatever the machine's zone", () => {
    expect(formatDate("2026-01-05T23:30:00Z")).toBe("5 Jan 2026");
    expect(formatExact("2026-01-05T23:30:07.123Z")).toBe("2026-01-05 23:30:07 UTC");
  });

  it("say how far ahead a future time is (next webhook retry)", () => {
    const at = Date.parse("2026-01-05T12:00:00Z");
    expect(formatUntil("2026-01-05T11:59:00Z", at)).toBe("due now");
    expect(formatUntil("2026-01-05T12:00:25Z", at)).toBe("in 25 s");
    expect(formatUntil("2026-01-05T12:10:00Z", at)).toBe("in 10 min");
    expect(formatUntil("2026-01-05T18:00:00Z", at)).toBe("in 6 h");
    expect(formatUntil("2026-01-08T12:00:00Z", at)).toBe("in 3 days");
  });
});

describe("formatUntil", () => {
  const ahead = (ms: number) => new Date(now + ms).toISOString();
  it.each([
    [-1_000, "due now"],
    [0, "due now"],
    [45_000, "in 45 s"],
    [12 * 60_000, "in 12 min"],
    [5 * 3_600_000, "in 5 h"],
    [7 * 86_400_000, "in 7 days"],
    [90 * 86_400_000, "on 19 Feb 2027"],
  ])("%d ms ahead → %s", (ms, expected) => {
    expect(formatUntil(ahead(ms), now)).toBe(expected);
  });
});
