import { GUIDE, is2xx, readEcho, type ReadinessCheck } from "../readiness-check";
import { ids, noEndpoint, readinessPayment } from "./webhook-signatures";

/**
 * The same event (same webhook-id) delivered twice must be handled once. The endpoint says so by
 * the echo contract (Webhooks guide): both answers 2xx, the second's JSON `{"duplicate": true}`.
 */
export const webhookDuplicates: ReadinessCheck = {
  id: "webhook-duplicates",
  title: "Duplicate webhooks",
  description: "The same webhook-id delivered twice is acknowledged both times and handled once.",
  guide: GUIDE.webhooks,
  fixHint:
    'Store the `webhook-id` of each event you handled; when it comes again, answer 2xx without handling it, with `{"processed": "<webhook-id>", "duplicate": true}`.',
  instruction: {
    text: "Nothing to do: we are delivering one event to your webhook endpoint twice, with the same webhook-id.",
    action: { kind: "none" },
  },
  timeoutMs: 30_000,
  deliveries: (runId) => [
    { type: "payment.completed", object: readinessPayment(runId, "completed"), attempts: [{ label: "first" }, { label: "duplicate" }] },
  ],
  grade({ attempts, endpoints }) {
    if (endpoints === 0) return noEndpoint();
    const seconds = attempts.filter((attempt) => attempt.label === "duplicate");
    const firsts = attempts.filter((attempt) => attempt.label === "first");
    const refusedFirst = firsts.filter((attempt) => !is2xx(attempt.status));
    if (refusedFirst.length) {
      return {
        grade: "fail",
        summary: `The first, correctly signed delivery was not accepted (${refusedFirst.map((a) => a.status ?? a.error).join(", ")}).`,
        requestIds: [],
        deliveryIds: ids(refusedFirst),
      };
    }
    const handledTwice = seconds.filter((attempt) => is2xx(attempt.status) && readEcho(attempt.responseBody)?.duplicate !== true);
    if (handledTwice.length) {
      return {
        grade: "fail",
        summary: 'The second delivery of the same webhook-id was handled again: its answer did not say `"duplicate": true`.',
        requestIds: [],
        deliveryIds: ids(handledTwice),
      };
    }
    const refusedDuplicate = seconds.filter((attempt) => !is2xx(attempt.status));
    if (refusedDuplicate.length) {
      return {
        grade: "warn",
        summary: `The duplicate was refused (${refusedDuplicate.map((a) => a.status ?? a.error).join(", ")}): a sender retries a refusal, so acknowledge a duplicate with a 2xx.`,
        requestIds: [],
        deliveryIds: ids(refusedDuplicate),
      };
    }
    return {
      grade: "pass",
      summary: "Both deliveries were acknowledged and the second was recognised as a duplicate.",
      requestIds: [],
      deliveryIds: ids(attempts),
    };
  },
};
