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
  /** The masked answer body (pretty JSON, capped), when the rule reads it. */
  responseBody?: string | null;
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

/**
 * How a sandbox-minted access token starts (`POST /v1/sandbox/consents`, the bank's TOKEN_PREFIXES.access);
 * the authorization server's tokens have no prefix. The log keeps a token's display prefix, so it tells them apart.
 */
export const SANDBOX_TOKEN_PREFIX = "oat_";

type TokenCallRow = CallRow & { apiKeyId: string | null; keyPrefix?: string | null };

const isTokenCall = (row: TokenCallRow) => row.apiKeyId === null && row.path.startsWith("/v1/") && isSuccess(row.status);
export const isSandboxToken = (row: Pick<TokenCallRow, "keyPrefix">) => (row.keyPrefix ?? "").startsWith(SANDBOX_TOKEN_PREFIX);

/**
 * A call with a customer's consent token from the authorization-code flow: logged without a key,
 * on the API (not /oauth), with a token the authorization server issued (not a sandbox-minted one).
 */
export function firstConsentTokenCall(rows: TokenCallRow[]): Date | null {
  return earliest(...rows.filter((row) => isTokenCall(row) && !isSandboxToken(row)).map((row) => row.createdAt));
}

/** A call with a token minted by `POST /v1/sandbox/consents` (the shortcut without a browser): its own, optional step. */
export function firstSandboxTokenCall(rows: TokenCallRow[]): Date | null {
  return earliest(...rows.filter((row) => isTokenCall(row) && isSandboxToken(row)).map((row) => row.createdAt));
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

const parsed = (body: string | null | undefined): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(body ?? "") as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/**
 * UK Open Banking's payment orders (the payment, not its consent): domestic, scheduled, standing
 * orders, international, file payments and VRP payments, all under /pisp in 4.0.
 */
export const UK_PAYMENT_ORDER =
  /^\/open-banking\/v4\.0\/pisp\/(domestic-payments|domestic-scheduled-payments|domestic-standing-orders|international-payments|international-scheduled-payments|international-standing-orders|file-payments|domestic-vrps)$/;
export const UK_PISP_PREFIX = "/open-banking/v4.0/pisp/";

/**
 * A UK Open Banking payment completed: a payment order POSTed with the customer's token (after the
 * consent, the authorisation and the funds check) answered 201, and its answer does not say the
 * bank rejected it (`Data.Status` `RJCT`, e.g. the sandbox's magic rejected amount). The 201 is what
 * the log can be sure of; a body cut short by the log's cap still counts, since a 201 is an accepted order.
 */
export function firstUkPayment(rows: CallRow[]): Date | null {
  return earliest(
    ...rows
      .filter((row) => row.method === "POST" && row.status === 201 && UK_PAYMENT_ORDER.test(pathname(row.path)))
      .filter((row) => {
        const data = parsed(row.responseBody)?.Data as { Status?: unknown } | undefined;
        return data?.Status !== "RJCT" && data?.Status !== "Rejected";
      })
      .map((row) => row.createdAt),
  );
}

export const BG_PREFIX = "/berlin-group/v1/";
const BG_CONSENT_VIEW = /^\/berlin-group\/v1\/consents\/[^/]+(\/status)?$/;
const BG_CONSENT_AUTHORISATION = /^\/berlin-group\/v1\/consents\/[^/]+\/authorisations\/[^/]+$/;
const BG_ACCOUNTS = /^\/berlin-group\/v1\/accounts(\/|$)/;

/**
 * A Berlin Group consent authorised, from what the log can really tell (the bank answers; the
 * customer's approval itself happens on the bank's pages or its decoupled control, outside the app's
 * traffic):
 * - the app read the consent (or its status) answered 200 with `consentStatus: valid`;
 * - the app read (or, EMBEDDED, completed) an authorisation of a consent answered 200 with `scaStatus: finalised`;
 * - or the app read account data (a 200 under /accounts), which the bank answers only under a valid consent.
 * A consent that is only created (201, `received`) or polled while pending does not count.
 */
export function firstBerlinGroupConsent(rows: CallRow[]): Date | null {
  return earliest(
    ...rows
      .filter((row) => row.status === 200)
      .filter((row) => {
        const path = pathname(row.path);
        if (row.method === "GET" && BG_ACCOUNTS.test(path)) return true;
        const body = parsed(row.responseBody);
        if (row.method === "GET" && BG_CONSENT_VIEW.test(path)) return body?.consentStatus === "valid";
        if ((row.method === "GET" || row.method === "PUT") && BG_CONSENT_AUTHORISATION.test(path)) return body?.scaStatus === "finalised";
        return false;
      })
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
