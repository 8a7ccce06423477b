import type { FastifyContextConfig } from "fastify";
import type { IdempotencyRule } from "../../plugins/app/idempotency";

/**
 * `x-idempotency-key` as the UK profile has it: required on every payment-initiation POST, at most
 * 40 characters, kept 24 hours, the same key and body answered the same (a request finding its key
 * in flight waits for the first one's answer); UK keys live apart from /v1's Idempotency-Keys.
 */
export const UK_IDEMPOTENCY: IdempotencyRule = {
  mode: "required",
  header: "x-idempotency-key",
  namespace: "uk-ob",
  awaitInFlightMs: 5_000,
  maxLength: 40,
};

const standard = "uk_open_banking" as const;

/** Who calls each kind of payment-initiation route, and what it does (the standard's security per operation). */
export const pisRoute = {
  /** Staging a consent (or its file): the app's client-credentials token. Moves no money. */
  createConsent: {
    standardAccess: { caller: "app", scope: "payments", standard },
    idempotency: UK_IDEMPOTENCY,
    movesMoney: false,
  },
  /** Reading consents and payments: the app's client-credentials token. */
  readAsApp: { standardAccess: { caller: "app", scope: "payments", standard } },
  /** Funds confirmation: the customer's token of the consent. */
  readAsCustomer: { standardAccess: { caller: "consent", scope: "payments", standard } },
  /** Paying a consent: the customer's token of that consent. */
  pay: {
    standardAccess: { caller: "consent", scope: "payments", standard },
    idempotency: UK_IDEMPOTENCY,
    movesMoney: true,
  },
} satisfies Record<string, FastifyContextConfig>;
