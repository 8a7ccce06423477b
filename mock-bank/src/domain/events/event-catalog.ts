import { EVENT_TYPES, type EventType } from "./record-event";

/** What each event means, for the docs and the portal's webhook filter. Types without an entry still appear. */
const descriptions: Partial<Record<EventType, string>> = {
  "payment.created": "A payment was accepted and is pending settlement (standard and international payments).",
  "payment.completed": "A payment settled: the beneficiary was credited.",
  "payment.failed": "A payment was declined or returned; `object.failure_reason` says why.",
  "transaction.booked":
    "A transaction was booked on an account (incoming payment, card payment leaving pending, a salary or bill under live activity, …).",
  "kyc.decided": "A customer's identity check finished: `approved`, `review` or `rejected`.",
  "account.opened": "A new account was opened for a customer.",
  "loan.decided": "A loan application was decided: approved with offers, or declined with reasons.",
  "loan.disbursed": "An accepted loan was paid out to the customer's account.",
  "loan.instalment_paid": "A loan instalment was collected.",
  "loan.instalment_missed": "A loan instalment could not be collected.",
  "loan.paid_off": "A loan was repaid in full.",
  "bnpl.plan_created": "A buy-now-pay-later plan was created.",
  "insurance.policy_issued": "An insurance policy was issued.",
  "rewards.redeemed": "Reward points were redeemed.",
  "account.interest_paid": "Interest was paid into an account.",
};

export type EventTypeInfo = { type: EventType; description: string };

/** Every event type, in catalogue order, derived from EVENT_TYPES so a new type is listed at once. */
export const eventCatalog: EventTypeInfo[] = EVENT_TYPES.map((type) => ({
  type,
  description: descriptions[type] ?? `A \`${type}\` event.`,
}));
