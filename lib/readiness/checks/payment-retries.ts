import { GUIDE, is2xx, type CheckResult, type LoggedCall, type ReadinessCheck } from "../readiness-check";

/** The least wait after a failed attempt that counts as backing off. */
export const MIN_BACKOFF_MS = 200;
/** How long an injected timeout holds the call before the gateway answers 504. */
export const TIMEOUT_HOLD_MS = 2_000;
/** After the first successful payment, how long stray retries are still looked for. */
const SETTLE_MS = 1_500;

const isPaymentPost = (call: LoggedCall) => call.method === "POST" && call.path.split("?")[0] === "/v1/payments";

/**
 * Under an injected 503 and then a timeout, the payment POST is retried with the same
 * Idempotency-Key, waiting longer each time, and exactly one payment results.
 */
export const paymentRetries: ReadinessCheck = {
  id: "payment-retries",
  title: "Retries with the same Idempotency-Key",
  description:
    "A payment POST answered 503, then timing out, is retried with backoff and the same Idempotency-Key, and one payment results.",
  guide: GUIDE.retries,
  fixHint:
    "Create the Idempotency-Key once per payment (not per attempt), retry 5xx and timeouts with exponential backoff and jitter, and stop at the first 2xx.",
  instruction: {
    text: "Now make a payment of 12.34 GBP (POST /v1/payments) with an Idempotency-Key. Its first attempts will fail: a 503, then a timeout.",
    action: { kind: "create_payment", amount: "12.34", currency: "GBP" },
  },
  timeoutMs: 60_000,
  faults: { method: "POST", pathPrefix: "/v1/payments", faults: [{ kind: "unavailable" }, { kind: "timeout", holdMs: TIMEOUT_HOLD_MS }] },
  grade({ calls, now, timedOut }): CheckResult | null {
    const posts = calls.filter(isPaymentPost).sort((a, b) => a.startedAt - b.startedAt);
    const success = posts.find((call) => is2xx(call.status) && !call.fault);
    if (!success || (!timedOut && now - success.endedAt < SETTLE_MS)) {
      if (!timedOut) return null;
      if (!success) {
        return {
          grade: "fail",
          summary: posts.length
            ? `No attempt of the payment succeeded: ${posts.length} POST /v1/payments, the last answered ${posts.at(-1)!.status}.`
            : "No POST /v1/payments was seen while the check ran.",
          requestIds: posts.map((call) => call.id),
          deliveryIds: [],
        };
      }
    }
    const requestIds = posts.map((call) => call.id);
    const fail = (summary: string): CheckResult => ({ grade: "fail", summary, requestIds, deliveryIds: [] });
    if (posts.some((call) => !call.idempotencyKey)) return fail("A payment POST was sent without an Idempotency-Key.");
    const keys = new Set(posts.map((call) => call.idempotencyKey));
    if (keys.size > 1)
      return fail(`The payment was retried with ${keys.size} different Idempotency-Keys: each retry could create another payment.`);
    const payments = new Set(posts.filter((call) => is2xx(call.status)).map((call) => paymentId(call.responseBody) ?? call.id));
    if (payments.size > 1) return fail(`${payments.size} payments were created for one instruction.`);
    const upToSuccess = posts.slice(0, posts.indexOf(success!) + 1);
    const waits = upToSuccess.slice(1).map((call, i) => waitBefore(call, upToSuccess[i]));
    const short = waits.findIndex((wait) => wait < MIN_BACKOFF_MS);
    if (short >= 0)
      return fail(
        `Retry ${short + 1} came ${Math.max(0, Math.round(waits[short]))} ms after the failure: back off (at least ${MIN_BACKOFF_MS} ms, growing).`,
      );
    if (waits.some((wait, i) => i > 0 && wait < waits[i - 1] * 0.8)) {
      return {
        grade: "warn",
        summary: `Retries waited ${waits.map(Math.round).join(", ")} ms: the waits should grow (exponential backoff).`,
        requestIds,
        deliveryIds: [],
      };
    }
    if (upToSuccess.length < 3) {
      return { grade: "warn", summary: "The payment succeeded without going through both injected failures.", requestIds, deliveryIds: [] };
    }
    return {
      grade: "pass",
      summary: `${upToSuccess.length} attempts with one Idempotency-Key, waits of ${waits.map(Math.round).join(", ")} ms, one payment.`,
      requestIds,
      deliveryIds: [],
    };
  },
};

/** How long the client waited after the previous attempt's answer (or after giving up on it, if it stopped waiting earlier). */
function waitBefore(call: LoggedCall, previous: LoggedCall): number {
  return call.startedAt >= previous.endedAt ? call.startedAt - previous.endedAt : call.startedAt - previous.startedAt;
}

function paymentId(body: string | null): string | null {
  try {
    const id = (JSON.parse(body ?? "") as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
