import type { z } from "zod";
import type { onboardingProgressDto, onboardingStepDto } from "./onboarding-dto";
import { ONBOARDING_STEPS, type OnboardingStepId } from "./onboarding-steps";

/** The columns of a stored gateway call the rules read (RequestLog, headers already masked). */
export type CallRow = {
  method: string;
  path: string;
  route: string | null;
  status: number;
  createdAt: Date;
  requestHeaders?: unknown;
  responseHeaders?: unknown;
};

export const PAYMENTS_ROUTE = "/v1/payments";
export const SANDBOX_RESET_ROUTE = "/v1/sandbox/reset";
export const CLOCK_ADVANCE_ROUTE = "/v1/sandbox/clock/advance";
export const TOKEN_PATH = "/oauth/token";

export const isSuccess = (status: number) => status >= 200 && status < 300;
export const isClientError = (status: number) => status >= 400 && status < 500;

/** The earliest of some times, or null when there is none. */
export function earliest(...times: Array<Date | null | undefined>): Date | null {
  let first: Date | null = null;
  for (const time of times) if (time && (!first || time < first)) first = time;
  return first;
}

function pathname(path: string): string {
  const index = path.indexOf("?");
  return index < 0 ? path : path.slice(0, index);
}

/** The operation a call hit: its route template, or its bare path when it matched none. */
export function operationOf(row: Pick<CallRow, "method" | "route" | "path">): string {
  return `${row.method} ${row.route ?? pathname(row.path)}`;
}

/** Whether a call hit a route, by template or (if unmatched when logged) by its path. */
export function hits(row: Pick<CallRow, "method" | "route" | "path">, method: string, route: string): boolean {
  return row.method === method && (row.route ?? pathname(row.path)) === route;
}

/** A stored header map (an object, or JSON text on providers that return it so). */
export function headerValue(headers: unknown, name: string): string | undefined {
  let map = headers;
  if (typeof map === "string") {
    try {
      map = JSON.parse(map);
    } catch {
      return undefined;
    }
  }
  if (!map || typeof map !== "object" || Array.isArray(map)) return undefined;
  const value = (map as Record<string, unknown>)[name.toLowerCase()];
  return typeof value === "string" ? value : undefined;
}

/** The first call answered 2xx on the API itself (/v1; the OAuth endpoints are their own step). */
export function firstSuccessfulCall(rows: CallRow[]): Date | null {
  return earliest(...rows.filter((row) => isSuccess(row.status) && row.path.startsWith("/v1/")).map((row) => row.createdAt));
}

/** The first POST /v1/payments answered 201 that carried an Idempotency-Key. */
export function firstIdempotentPayment(rows: CallRow[]): Date | null {
  return earliest(
    ...rows
      .filter(
        (row) =>
          hits(row, "POST", PAYMENTS_ROUTE) && row.status === 201 && Boolean(headerValue(row.requestHeaders, "idempotency-key")?.trim()),
      )
      .map((row) => row.createdAt),
  );
}

/** The first 2xx the bank answered from its idempotency store (`Idempotent-Replayed: true`). */
export function firstReplayedRetry(rows: CallRow[]): Date | null {
  return earliest(
    ...rows
      .filter((row) => row.method === "POST" && isSuccess(row.status) && headerValue(row.responseHeaders, "idempotent-replayed") === "true")
      .map((row) => row.createdAt),
  );
}

/**
 * "Handled then fixed": a 2xx on an operation that had answered 4xx earlier. Met at the
 * first such 2xx. Errors and successes may come from separate (bounded) queries.
 */
export function firstFixedError(errors: CallRow[], successes: CallRow[]): Date | null {
  const firstErrorAt = new Map<string, Date>();
  for (const row of errors) {
    if (!isClientError(row.status)) continue;
    const key = operationOf(row);
    const known = firstErrorAt.get(key);
    if (!known || row.createdAt < known) firstErrorAt.set(key, row.createdAt);
  }
  return earliest(
    ...successes
      .filter((row) => {
        const errorAt = firstErrorAt.get(operationOf(row));
        return isSuccess(row.status) && errorAt !== undefined && row.createdAt > errorAt;
      })
      .map((row) => row.createdAt),
  );
}

/** The first call answered `status` on one operation. */
export function firstCallTo(rows: CallRow[], method: string, route: string, status = 200): Date | null {
  return earliest(...rows.filter((row) => hits(row, method, route) && row.status === status).map((row) => row.createdAt));
}

/** A call with a customer's consent token: logged without a key, on the API (not /oauth). */
export function firstConsentTokenCall(rows: Array<CallRow & { apiKeyId: string | null }>): Date | null {
  return earliest(
    ...rows.filter((row) => row.apiKeyId === null && row.path.startsWith("/v1/") && isSuccess(row.status)).map((row) => row.createdAt),
  );
}

/** A call with a sender-constrained token: `Authorization: DPoP …` (the scheme survives masking) answered 2xx on /v1. */
export function firstDpopCall(rows: Array<CallRow & { apiKeyId: string | null }>): Date | null {
  return earliest(
    ...rows
      .filter(
        (row) =>
          row.apiKeyId === null &&
          row.path.startsWith("/v1/") &&
          isSuccess(row.status) &&
          /^DPoP\s/i.test(headerValue(row.requestHeaders, "authorization") ?? ""),
      )
      .map((row) => row.createdAt),
  );
}

/**
 * The consent flow finished: a code (or refresh token) exchanged at /oauth/token with a 200 —
 * the token endpoint accepts no other grant — or a consent the customer authorised in the
 * bank's pages (consents minted by the docs' shortcut do not count).
 */
export function firstConsentFlow(tokenCalls: CallRow[], consents: Array<{ source: string; created_at: string }>): Date | null {
  return earliest(
    ...tokenCalls
      .filter((row) => row.method === "POST" && pathname(row.path) === TOKEN_PATH && row.status === 200)
      .map((row) => row.createdAt),
    ...consents.filter((consent) => consent.source === "authorization_code").map((consent) => new Date(consent.created_at)),
  );
}

export type OnboardingStepDto = z.output<typeof onboardingStepDto>;

export type OnboardingProgressDto = z.output<typeof onboardingProgressDto>;

/** The checklist from the time each step was first met (null: not yet). */
export function buildProgress(appId: string, metAt: Partial<Record<OnboardingStepId, Date | null>>, now: Date): OnboardingProgressDto {
  const steps = ONBOARDING_STEPS.map((step) => {
    const at = metAt[step.id] ?? null;
    return {
      id: step.id,
      title: step.title,
      optional: step.optional,
      done: at !== null,
      completed_at: at?.toISOString() ?? null,
      next: step.next,
      docs: step.docs,
    };
  });
  const required = steps.filter((step) => !step.optional);
  const completed = required.filter((step) => step.done).length;
  return {
    app_id: appId,
    completed,
    total: required.length,
    percent: required.length === 0 ? 100 : Math.round((completed / required.length) * 100),
    steps,
    computed_at: now.toISOString(),
  };
}
