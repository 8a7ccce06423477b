import { GUIDE, is2xx, readEcho, type ReadinessCheck } from "../readiness-check";
import { ids, noEndpoint, readinessPayment } from "./webhook-signatures";

/**
 * `payment.completed` arrives before `payment.created` for the same payment: the app must not
 * move the payment back to pending. The endpoint tells us the state it holds after each event
 * (the echo contract's `state`).
 */
export const webhookOutOfOrder: ReadinessCheck = {
  id: "webhook-out-of-order",
  title: "Out-of-order webhooks",
  description: "`payment.completed` delivered before `payment.created` leaves the payment completed.",
  guide: GUIDE.webhooks,
  fixHint:
    'Never let an older event overwrite a newer state: compare the event\'s `timestamp` (or fetch the payment from the API) before applying it, and echo the state you hold as `{"state": "completed"}`.',
  instruction: {
    text: "Nothing to do: we are sending payment.completed, then payment.created, for one payment.",
    action: { kind: "none" },
  },
  timeoutMs: 30_000,
  deliveries: (runId) => {
    const id = `pay_rdy${Math.random().toString(36).slice(2, 12)}`;
    return [
      { type: "payment.completed", object: readinessPayment(runId, "completed", id), attempts: [{ label: "completed" }] },
      { type: "payment.created", object: readinessPayment(runId, "pending", id), attempts: [{ label: "created" }] },
    ];
  },
  grade({ attempts, endpoints }) {
    if (endpoints === 0) return noEndpoint();
    const late = attempts.filter((attempt) => attempt.label === "created");
    const all = ids(attempts);
    const refused = attempts.filter((attempt) => !is2xx(attempt.status));
    if (attempts.some((attempt) => attempt.label === "completed" && !is2xx(attempt.status))) {
      return {
        grade: "fail",
        summary: "`payment.completed` for a payment not seen yet was refused.",
        requestIds: [],
        deliveryIds: ids(refused),
      };
    }
    const regressed = late.filter(
      (attempt) => is2xx(attempt.status) && stateOf(attempt.responseBody) !== null && stateOf(attempt.responseBody) !== "completed",
    );
    if (regressed.length) {
      return {
        grade: "fail",
        summary: `After the late \`payment.created\` the app holds the payment as "${stateOf(regressed[0].responseBody)}": an older event overwrote a newer one.`,
        requestIds: [],
        deliveryIds: all,
      };
    }
    if (refused.length) {
      return {
        grade: "warn",
        summary: "The late `payment.created` was refused: a sender retries refusals, so accept it (2xx) and ignore what is stale.",
        requestIds: [],
        deliveryIds: ids(refused),
      };
    }
    if (late.some((attempt) => stateOf(attempt.responseBody) === null)) {
      return {
        grade: "warn",
        summary:
          'Both events were accepted, but the answers did not say the state the app holds (`{"state": …}`), so the order handling could not be checked.',
        requestIds: [],
        deliveryIds: all,
      };
    }
    return { grade: "pass", summary: "Both events were accepted and the payment stayed completed.", requestIds: [], deliveryIds: all };
  },
};

function stateOf(body: string | null): string | null {
  const state = readEcho(body)?.state;
  return typeof state === "string" ? state : null;
}
