import { GUIDE, is2xx, type ReadinessCheck } from "../readiness-check";

/** A forged signature must be refused (non-2xx) and a correctly signed delivery accepted (2xx), on every endpoint. */
export const webhookSignatures: ReadinessCheck = {
  id: "webhook-signatures",
  title: "Webhook signatures",
  description: "A delivery with a forged signature is refused, and a correctly signed one is accepted.",
  guide: GUIDE.webhooks,
  fixHint:
    "Verify `webhook-signature` with your endpoint's secret (a Standard Webhooks library does it) before handling anything, and answer 401 when it does not verify.",
  instruction: {
    text: "Nothing to do: we are sending your webhook endpoint one forged and one correctly signed delivery.",
    action: { kind: "none" },
  },
  timeoutMs: 30_000,
  deliveries: (runId) => [
    { type: "payment.created", object: readinessPayment(runId, "pending"), attempts: [{ label: "forged", forged: true }] },
    { type: "payment.created", object: readinessPayment(runId, "pending"), attempts: [{ label: "signed" }] },
  ],
  grade({ attempts, endpoints }) {
    if (endpoints === 0) return noEndpoint();
    const forged = attempts.filter((attempt) => attempt.label === "forged");
    const signed = attempts.filter((attempt) => attempt.label === "signed");
    const accepted = forged.filter((attempt) => is2xx(attempt.status));
    const refused = signed.filter((attempt) => !is2xx(attempt.status));
    if (accepted.length > 0) {
      return {
        grade: "fail",
        summary: `A delivery with a forged signature was accepted (${accepted.map((a) => a.status).join(", ")}): anyone could send your endpoint events.`,
        requestIds: [],
        deliveryIds: ids(accepted),
      };
    }
    if (refused.length > 0) {
      return {
        grade: "fail",
        summary: `The forged delivery was refused, but so was a correctly signed one (${refused.map((a) => a.status ?? a.error).join(", ")}).`,
        requestIds: [],
        deliveryIds: ids([...forged, ...refused]),
      };
    }
    return {
      grade: "pass",
      summary: `Forged signature refused (${forged.map((a) => a.status ?? a.error).join(", ")}); correct signature accepted (${signed.map((a) => a.status).join(", ")}).`,
      requestIds: [],
      deliveryIds: ids([...forged, ...signed]),
    };
  },
};

export function ids(attempts: { deliveryId: string }[]): string[] {
  return [...new Set(attempts.map((attempt) => attempt.deliveryId))];
}

export function noEndpoint() {
  return {
    grade: "fail" as const,
    summary: "The app has no enabled webhook endpoint to test: add one on the app's Webhooks tab.",
    requestIds: [],
    deliveryIds: [],
  };
}

/** A payment object that exists only in the readiness run (its id says so); `sandbox_readiness` names the run. */
export function readinessPayment(runId: string, status: string, id = `pay_rdy${Math.random().toString(36).slice(2, 12)}`) {
  return {
    id,
    status,
    amount: { amount: "12.34", currency: "GBP" },
    sandbox_readiness: runId,
  };
}
