import { describe, expect, it } from "vitest";
import { decidePoll, minimumGapMs, type PollState } from "./poll-decision";

const T0 = new Date("2026-12-06T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const row = (changes: Partial<PollState> = {}): PollState => ({
  status: "pending",
  interval: 5,
  lastPolledAt: null,
  expiresAt: at(900),
  ...changes,
});

describe("decidePoll (RFC 8628 §3.5)", () => {
  it("pending: authorization_pending, first poll and every poll at the interval", () => {
    expect(decidePoll(row(), at(5))).toEqual({ kind: "authorization_pending" });
    expect(decidePoll(row({ lastPolledAt: at(5) }), at(10))).toEqual({ kind: "authorization_pending" });
  });

  it("too soon after the last poll: slow_down with the interval raised by 5 s", () => {
    expect(decidePoll(row({ lastPolledAt: at(5) }), at(6))).toEqual({ kind: "slow_down", interval: 10 });
    expect(decidePoll(row({ lastPolledAt: at(5), interval: 10 }), at(12))).toEqual({ kind: "slow_down", interval: 15 });
    expect(decidePoll(row({ lastPolledAt: at(5), interval: 10 }), at(15))).toEqual({ kind: "authorization_pending" });
  });

  it("allows a tenth of the interval of slack, no more", () => {
    expect(minimumGapMs(5)).toBe(4500);
    const last = at(5);
    expect(decidePoll(row({ lastPolledAt: last }), new Date(last.getTime() + 4500)).kind).toBe("authorization_pending");
    expect(decidePoll(row({ lastPolledAt: last }), new Date(last.getTime() + 4499)).kind).toBe("slow_down");
  });

  it("approved: issue; denied: access_denied", () => {
    expect(decidePoll(row({ status: "approved", lastPolledAt: at(5) }), at(10))).toEqual({ kind: "issue" });
    expect(decidePoll(row({ status: "denied", lastPolledAt: at(5) }), at(10))).toEqual({ kind: "access_denied" });
  });

  it("an approved or denied code polled too fast is still told to slow down", () => {
    expect(decidePoll(row({ status: "approved", lastPolledAt: at(5) }), at(6)).kind).toBe("slow_down");
    expect(decidePoll(row({ status: "denied", lastPolledAt: at(5) }), at(6)).kind).toBe("slow_down");
  });

  it("past its expiry: expired_token, whatever was decided", () => {
    for (const status of ["pending", "approved", "denied"]) {
      expect(decidePoll(row({ status }), at(900))).toEqual({ kind: "expired_token" });
      expect(decidePoll(row({ status, lastPolledAt: at(899) }), at(901))).toEqual({ kind: "expired_token" });
    }
  });

  it("delivered: invalid_grant, the code is used once (before and after expiry)", () => {
    expect(decidePoll(row({ status: "delivered", lastPolledAt: at(5) }), at(10))).toEqual({ kind: "invalid_grant" });
    expect(decidePoll(row({ status: "delivered" }), at(1000))).toEqual({ kind: "invalid_grant" });
  });
});
