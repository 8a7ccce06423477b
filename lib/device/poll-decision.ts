/**
 * The device grant's state machine, as a pure function of the stored row and the time of a poll
 * (RFC 8628 §3.5). A device authorization is `pending` until the developer approves or denies it
 * on /device; an approved one becomes `delivered` when a poll receives its token, once.
 *
 *   pending ──approve──▶ approved ──poll──▶ delivered
 *      └────deny──────▶ denied
 *   (any state but delivered) ──15 min──▶ expired
 */
export const DEVICE_STATUSES = ["pending", "approved", "denied", "delivered"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** What the token endpoint answers a poll with. */
export type PollDecision =
  /** The developer has not decided yet: poll again after `interval`. */
  | { kind: "authorization_pending" }
  /** Too soon after the last poll: the interval is raised by 5 s, for this and every later poll. */
  | { kind: "slow_down"; interval: number }
  | { kind: "access_denied" }
  | { kind: "expired_token" }
  /** Already delivered: a device code is used once (RFC 6749 §5.2 invalid_grant). */
  | { kind: "invalid_grant" }
  /** Approved: issue the token now (and mark the row delivered in the same transaction). */
  | { kind: "issue" };

export type PollState = {
  status: string;
  interval: number;
  lastPolledAt: Date | null;
  expiresAt: Date;
};

/** RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests". */
export const SLOW_DOWN_STEP_SECONDS = 5;

/**
 * Slack for a client that sleeps exactly `interval` between polls: its requests may reach us a
 * little closer together than it sent them (queues, retransmits). A tenth of the interval.
 */
export function minimumGapMs(interval: number): number {
  return interval * 1000 * 0.9;
}

export function decidePoll(state: PollState, now: Date): PollDecision {
  if (state.status === "delivered") return { kind: "invalid_grant" };
  if (now.getTime() >= state.expiresAt.getTime()) return { kind: "expired_token" };
  if (state.lastPolledAt && now.getTime() - state.lastPolledAt.getTime() < minimumGapMs(state.interval)) {
    return { kind: "slow_down", interval: state.interval + SLOW_DOWN_STEP_SECONDS };
  }
  if (state.status === "approved") return { kind: "issue" };
  if (state.status === "denied") return { kind: "access_denied" };
  return { kind: "authorization_pending" };
}
