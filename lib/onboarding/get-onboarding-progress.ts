import { listAppConsents } from "../consents/list-app-consents";
import { db } from "../db";
import type { OnboardingStepId } from "./onboarding-steps";
import {
  buildProgress,
  CLOCK_ADVANCE_ROUTE,
  earliest,
  BG_PREFIX,
  firstBerlinGroupConsent,
  firstCallTo,
  firstConsentFlow,
  firstConsentTokenCall,
  firstSandboxTokenCall,
  firstDpopCall,
  firstFixedError,
  firstIdempotentPayment,
  firstReplayedRetry,
  firstSuccessfulCall,
  firstUkPayment,
  operationOf,
  PAYMENTS_ROUTE,
  SANDBOX_RESET_ROUTE,
  SANDBOX_TOKEN_PREFIX,
  TOKEN_PATH,
  UK_PISP_PREFIX,
  type CallRow,
  type OnboardingProgressDto,
} from "./step-rules";

const CALL = { method: true, path: true, route: true, status: true, createdAt: true } as const;
/** Success statuses looked up one by one: an equality on status keeps each lookup on the (appId, status, createdAt) index, in time order. */
const SUCCESS_STATUSES = [200, 201, 202, 204];
/** Bounds: how many early 4xx calls, distinct failing operations and created resources are inspected. */
const ERROR_SAMPLE = 100;
const FIXED_OPERATIONS = 10;
const CREATED_SAMPLE = 200;

const asc = { createdAt: "asc" } as const;

/** The first call of the app with `status` matching the rest of `where`, or nothing. */
function firstWithStatus(appId: string, status: number, where: Record<string, unknown> = {}) {
  return db().requestLog.findFirst({ where: { appId, status, ...where }, orderBy: asc, select: CALL });
}

async function firstSuccess(appId: string): Promise<Date | null> {
  const rows = await Promise.all(SUCCESS_STATUSES.map((status) => firstWithStatus(appId, status, { path: { startsWith: "/v1/" } })));
  return firstSuccessfulCall(rows.filter((row): row is CallRow => row !== null));
}

/** The first 4xx calls, then for each failing operation its first 2xx after the failure. */
async function firstFix(appId: string): Promise<Date | null> {
  const errors = await db().requestLog.findMany({
    where: { appId, status: { gte: 400, lt: 500 } },
    orderBy: asc,
    take: ERROR_SAMPLE,
    select: CALL,
  });
  const firstByOperation = new Map<string, CallRow>();
  for (const row of errors) if (!firstByOperation.has(operationOf(row))) firstByOperation.set(operationOf(row), row);
  const candidates = [...firstByOperation.values()].slice(0, FIXED_OPERATIONS);
  const successes = await Promise.all(
    candidates.map((error) =>
      db().requestLog.findFirst({
        where: {
          appId,
          method: error.method,
          status: { gte: 200, lt: 300 },
          createdAt: { gt: error.createdAt },
          ...(error.route ? { route: error.route } : { route: null, path: { startsWith: error.path.split("?")[0] } }),
        },
        orderBy: asc,
        select: CALL,
      }),
    ),
  );
  return firstFixedError(
    errors,
    successes.filter((row): row is CallRow => row !== null),
  );
}

/** The first 2xx of any of the app's endpoints, `openbank listen` sessions included (their attempts are the CLI's reported results). */
async function firstWebhookSuccess(appId: string): Promise<Date | null> {
  const endpoints = await db().webhookEndpoint.findMany({ where: { appId }, select: { id: true } });
  if (endpoints.length === 0) return null;
  const attempt = await db().webhookAttempt.findFirst({
    where: { responseStatus: { gte: 200, lt: 300 }, delivery: { endpointId: { in: endpoints.map((endpoint) => endpoint.id) } } },
    orderBy: asc,
    select: { createdAt: true },
  });
  return attempt?.createdAt ?? null;
}

async function firstConsent(appId: string): Promise<Date | null> {
  const token = await firstWithStatus(appId, 200, { method: "POST", path: { startsWith: TOKEN_PATH } });
  if (token) return firstConsentFlow([token], []);
  // Logs are pruned after their retention; the bank keeps the consents themselves.
  const consents = await listAppConsents({ appId, limit: 50 }).catch(() => []);
  return firstConsentFlow([], consents);
}

/** How many recent consent-token calls are read for the DPoP step. */
const DPOP_SAMPLE = 100;
/** How many early candidate answers are read for each standard's step. */
const STANDARD_SAMPLE = 50;

/**
 * The first UK payment orders answered 201 (consent creations, also 201 under /pisp, are left out
 * by the query; the rule reads the answer's status).
 */
function ukPaymentOrders(appId: string) {
  return db().requestLog.findMany({
    where: { appId, status: 201, method: "POST", path: { startsWith: UK_PISP_PREFIX }, NOT: { path: { contains: "-consents" } } },
    orderBy: asc,
    take: STANDARD_SAMPLE,
    select: { ...CALL, responseBody: true },
  });
}

/**
 * Berlin Group evidence of an authorised consent: the first account read (answered only under a
 * valid consent), and the first consent or authorisation views whose answers say valid or finalised
 * (a DECOUPLED flow may poll "received" many times first, so the query looks for the words).
 */
async function berlinGroupEvidence(appId: string) {
  const [accounts, views] = await Promise.all([
    db().requestLog.findFirst({
      where: { appId, status: 200, method: "GET", path: { startsWith: `${BG_PREFIX}accounts` } },
      orderBy: asc,
      select: CALL,
    }),
    db().requestLog.findMany({
      where: {
        appId,
        status: 200,
        path: { startsWith: `${BG_PREFIX}consents/` },
        OR: [{ responseBody: { contains: '"valid"' } }, { responseBody: { contains: '"finalised"' } }],
      },
      orderBy: asc,
      take: STANDARD_SAMPLE,
      select: { ...CALL, responseBody: true },
    }),
  ]);
  return [...(accounts ? [accounts] : []), ...views];
}

/**
 * The app's onboarding checklist, each step ticked from stored traffic: request logs (their
 * indexes by app, status and time; each lookup bounded), webhook attempts, and the bank's
 * consents only when the logs cannot tell.
 */
export async function getOnboardingProgress(options: { appId: string; now?: Date }): Promise<OnboardingProgressDto> {
  const { appId } = options;
  const [
    success,
    payments,
    created,
    consent,
    consentCall,
    sandboxTokenCall,
    tokenCalls,
    ukPayments,
    berlinGroup,
    webhook,
    fixed,
    reset,
    clock,
  ] = await Promise.all([
    firstSuccess(appId),
    db().requestLog.findMany({
      where: { appId, status: 201, method: "POST", route: PAYMENTS_ROUTE },
      orderBy: asc,
      take: 20,
      select: { ...CALL, requestHeaders: true },
    }),
    db().requestLog.findMany({
      where: { appId, status: 201, method: "POST" },
      orderBy: asc,
      take: CREATED_SAMPLE,
      select: { ...CALL, responseHeaders: true },
    }),
    firstConsent(appId),
    // A token from the authorization-code flow, and (its own step) one minted by the sandbox.
    db().requestLog.findFirst({
      where: {
        appId,
        apiKeyId: null,
        path: { startsWith: "/v1/" },
        status: { gte: 200, lt: 300 },
        NOT: { keyPrefix: { startsWith: SANDBOX_TOKEN_PREFIX } },
      },
      orderBy: asc,
      select: { ...CALL, apiKeyId: true, keyPrefix: true },
    }),
    db().requestLog.findFirst({
      where: {
        appId,
        apiKeyId: null,
        path: { startsWith: "/v1/" },
        status: { gte: 200, lt: 300 },
        keyPrefix: { startsWith: SANDBOX_TOKEN_PREFIX },
      },
      orderBy: asc,
      select: { ...CALL, apiKeyId: true, keyPrefix: true },
    }),
    // The latest consent-token calls, for one made with a DPoP proof (the scheme is only in the masked headers).
    db().requestLog.findMany({
      where: { appId, apiKeyId: null, path: { startsWith: "/v1/" }, status: { gte: 200, lt: 300 } },
      orderBy: { createdAt: "desc" },
      take: DPOP_SAMPLE,
      select: { ...CALL, apiKeyId: true, requestHeaders: true },
    }),
    ukPaymentOrders(appId),
    berlinGroupEvidence(appId),
    firstWebhookSuccess(appId),
    firstFix(appId),
    firstWithStatus(appId, 200, { method: "POST", route: SANDBOX_RESET_ROUTE }),
    firstWithStatus(appId, 200, { method: "POST", route: CLOCK_ADVANCE_ROUTE }),
  ]);

  const metAt: Record<OnboardingStepId, Date | null> = {
    first_successful_call: success,
    payment_with_idempotency_key: firstIdempotentPayment(payments),
    idempotent_retry_replayed: firstReplayedRetry(created),
    consent_flow_completed: consent,
    consent_token_call: consentCall ? firstConsentTokenCall([consentCall]) : null,
    sandbox_token_call: sandboxTokenCall ? firstSandboxTokenCall([sandboxTokenCall]) : null,
    fapi_dpop_call: firstDpopCall(tokenCalls),
    uk_payment_completed: firstUkPayment(ukPayments),
    berlin_group_consent_authorised: firstBerlinGroupConsent(berlinGroup),
    webhook_answered_2xx: webhook,
    error_handled_then_fixed: fixed,
    sandbox_reset: reset ? firstCallTo([reset], "POST", SANDBOX_RESET_ROUTE) : null,
    clock_advanced: clock ? firstCallTo([clock], "POST", CLOCK_ADVANCE_ROUTE) : null,
  };
  // A payment or a consent-token call is also a successful call, whatever the sample saw first.
  metAt.first_successful_call = earliest(metAt.first_successful_call, metAt.payment_with_idempotency_key, metAt.consent_token_call);
  return buildProgress(appId, metAt, options.now ?? new Date());
}
