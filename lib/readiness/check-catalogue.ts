import type { ReadinessCheck } from "./readiness-check";
import { pagination } from "./checks/pagination";
import { consentExpired } from "./checks/consent-expired";
import { consentRevoked } from "./checks/consent-revoked";
import { paymentRetries } from "./checks/payment-retries";
import { pendingBooked } from "./checks/pending-booked";
import { rateLimits } from "./checks/rate-limits";
import { standards } from "./checks/standards";
import { refreshTokens } from "./checks/refresh-tokens";
import { webhookDuplicates } from "./checks/webhook-duplicates";
import { webhookOutOfOrder } from "./checks/webhook-out-of-order";
import { webhookSignatures } from "./checks/webhook-signatures";

/** The checks a run goes through, in order: the webhook ones need nothing from the client, so they come first. */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  webhookSignatures,
  webhookDuplicates,
  webhookOutOfOrder,
  paymentRetries,
  rateLimits,
  pagination,
  pendingBooked,
  standards,
  consentRevoked,
  consentExpired,
  refreshTokens,
];

export function checkById(id: string): ReadinessCheck | undefined {
  return READINESS_CHECKS.find((check) => check.id === id);
}

/** A run's time limit: every check's own limit, plus room for the client to start. */
export const RUN_TIME_LIMIT_MS = 10 * 60_000;
