import { GUIDE, type ReadinessCheck } from "../readiness-check";

export const RETRY_AFTER_SECONDS = 2;
/** Clock granularity between the log's times and the client's timer. */
const TOLERANCE_MS = 50;

/** After an injected 429 with Retry-After, the app's next call waits at least that long. */
export const rateLimits: ReadinessCheck = {
  id: "rate-limits",
  title: "Rate limits and Retry-After",
  description: `After a 429 with \`Retry-After: ${RETRY_AFTER_SECONDS}\`, the next call waits at least ${RETRY_AFTER_SECONDS} s.`,
  guide: GUIDE.rateLimits,
  fixHint: "On a 429, read `Retry-After` (seconds) and send nothing to the API before it has passed; then retry.",
  instruction: {
    text: `Now list your accounts (GET /v1/accounts). The first call will be answered 429 with Retry-After: ${RETRY_AFTER_SECONDS}; retry it.`,
    action: { kind: "list_accounts" },
  },
  timeoutMs: 60_000,
  faults: { method: "GET", pathPrefix: null, faults: [{ kind: "rate_limited", retryAfterSeconds: RETRY_AFTER_SECONDS }] },
  grade({ calls, timedOut }) {
    const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
    const limited = sorted.find((call) => call.fault?.startsWith("rate_limited"));
    if (!limited) {
      return timedOut ? { grade: "fail", summary: "No GET call was seen while the check ran.", requestIds: [], deliveryIds: [] } : null;
    }
    const next = sorted.find((call) => call.startedAt > limited.startedAt && call.id !== limited.id);
    if (!next) {
      return timedOut
        ? { grade: "warn", summary: "No call followed the 429: was the request retried?", requestIds: [limited.id], deliveryIds: [] }
        : null;
    }
    const wait = next.startedAt - limited.endedAt;
    const requestIds = [limited.id, next.id];
    if (wait + TOLERANCE_MS < RETRY_AFTER_SECONDS * 1000) {
      return {
        grade: "fail",
        summary: `The next call came ${Math.max(0, Math.round(wait))} ms after a 429 that said Retry-After: ${RETRY_AFTER_SECONDS}.`,
        requestIds,
        deliveryIds: [],
      };
    }
    return {
      grade: "pass",
      summary: `The next call waited ${Math.round(wait)} ms after the 429 (Retry-After: ${RETRY_AFTER_SECONDS}).`,
      requestIds,
      deliveryIds: [],
    };
  },
};
