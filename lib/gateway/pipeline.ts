import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { clientIp } from "../auth/client-ip";
import { scopeAllows } from "../keys/key-lifecycle";
import { authenticate, type Caller, type Credentials } from "./authenticate";
import type { GatewayCall, GatewayResult, HeaderMap, Pipeline } from "./call";
import { sandboxDialect, type Dialect, type DialectCall } from "./dialects/dialect";
import { forward, type Upstream } from "./forward";
import { rateLimitHeaders, refusedRateLimitHeaders, type RateLimiter } from "./rate-limiter";
import { FAULT_HEADER, type InjectedFault, type ReadinessFaults } from "../readiness/readiness-faults";

export type GatewayLogEntry = {
  requestId: string;
  appId: string;
  /** null for calls with a consent token (or OAuth endpoints). */
  keyId: string | null;
  keyPrefix: string | null;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  at: Date;
  /** Raw exchange for the request log; the log writer masks it before storing anything. Absent for the OAuth endpoints, whose bodies are all credentials. */
  exchange?: {
    requestHeaders: HeaderMap;
    requestBody: Buffer | undefined;
    responseHeaders: HeaderMap;
    responseBody: Buffer | string | null;
  };
};

export type GatewayDeps = {
  credentials: Credentials;
  limiter: RateLimiter;
  upstream: Upstream;
  docsBaseUrl: string;
  /** The surface's standard: headers passed and answered, refusals written its way. /v1's when absent. */
  dialect?: Dialect;
  /** Called after the response is ready; must not block (queue and return). */
  log: (entry: GatewayLogEntry) => void;
  /** Last-used time and client address; must not block either. */
  onKeyUsed: (keyId: string, at: Date, ip: string) => void;
  /** Faults a readiness run planned for its app (lib/readiness): one Map lookup per call, none planned for most apps. */
  faults?: Pick<ReadinessFaults, "decide">;
};

/** What one step decided: go on with a value, or answer with this problem (expected failures are values). */
type Step<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the call came to: the answer, and who was calling (when known) with the body they sent. */
type Outcome = { result: GatewayResult; caller?: Caller; requestBody?: Buffer };

/** A suspended app, or a read-only key asked to write: refused before any quota is spent. */
function checkStanding(caller: Caller, method: string): Step<Caller> {
  if (caller.appSuspended) {
    return {
      ok: false,
      error: new AppError(
        "app_suspended",
        "This app has been suspended by the platform team. Its keys and tokens stop working until it is reinstated.",
      ),
    };
  }
  // A read-only key may only read; a consent token's permissions are the bank's to check.
  if (caller.scope && !scopeAllows(caller.scope, method)) {
    return {
      ok: false,
      error: new AppError(
        "insufficient_scope",
        `This key is read-only: it may call GET, HEAD and OPTIONS, not ${method}. Use a read-write key.`,
      ),
    };
  }
  return { ok: true, value: caller };
}

/**
 * An API surface's pipeline (/v1, UK Open Banking, Berlin Group), independent of any server: a call in, an answer out.
 *   request id → dialect (the surface's headers) → authenticate (API key, or access token with its DPoP proof)
 *   → standing (suspension, scope) → the surface's own header rules → rate limit → body → the surface's
 *   body rules (UK message signatures) → forward → response headers → the dialect's seal (UK signatures) → log
 * Each step returns a value; an expected failure is a refusal the dialect writes, with the request
 * id. Only a bug throws, and it is answered 500 internal_error.
 */
export function createApiPipeline(deps: GatewayDeps): Pipeline {
  const dialect = deps.dialect ?? sandboxDialect({ docsBaseUrl: deps.docsBaseUrl });
  const refuse = (error: AppError, call: GatewayCall, requestId: string, headers?: Record<string, string>) =>
    dialect.refuse(error, { requestId, path: call.path, headers });

  /** `known` keeps who was calling even when a bug cuts the call short, so it is still logged. */
  async function handle(call: GatewayCall, requestId: string, opened: DialectCall, known: { caller?: Caller }): Promise<Outcome> {
    const auth = await authenticate(call, deps.credentials);
    if (!auth.ok) return { result: refuse(auth.error, call, requestId) };
    known.caller = auth.caller;
    const standing = checkStanding(auth.caller, call.method);
    if (!standing.ok) return { caller: auth.caller, result: refuse(standing.error, call, requestId) };
    const caller = standing.value;
    // The surface's own header rules (Berlin Group's X-Request-ID): after the caller is known, so the refusal is logged, and before any quota is spent.
    if (opened.refusal) return { caller, result: refuse(opened.refusal, call, requestId) };

    // Keys have their own bucket; an app's access tokens share one (on every surface).
    const decision = await deps.limiter.consume(caller.keyId ?? `oauth:${caller.appId}`);
    const limitHeaders = rateLimitHeaders(deps.limiter.policy, decision);
    if (!decision.allowed) {
      const detail = `Sandbox keys may make ${decision.limit} requests per ${deps.limiter.policy.windowMs / 1000} s. Retry after ${decision.retryAfterSeconds} s.`;
      return { caller, result: refuse(new AppError("rate_limited", detail), call, requestId, limitHeaders) };
    }

    const read = await call.readBody();
    if (!read.ok) return { caller, result: refuse(read.error, call, requestId, limitHeaders) };
    // A readiness run's fault for this app's call: answered here, the bank never sees the call.
    const decided = deps.faults?.decide(caller.appId, call.method, call.path);
    // A promise only for an app with a shared plan (REDIS_URL): every other call stays synchronous.
    const injected = decided instanceof Promise ? await decided : decided;
    if (injected) return { caller, requestBody: read.body, result: await injectFault(injected, { call, requestId, limitHeaders, refuse }) };
    const checked = (await dialect.beforeForward?.(call, { appId: caller.appId, body: read.body })) ?? {};
    if (checked.refusal) return { caller, requestBody: read.body, result: refuse(checked.refusal, call, requestId, limitHeaders) };
    const upstream = await forward(call, deps.upstream, {
      requestId,
      appId: caller.appId,
      headers: { ...opened.toBank, ...checked.toBank, ...(caller.consentToken ? { "x-consent-token": caller.consentToken } : {}) },
      passHeaders: dialect.passHeaders,
      body: read.body,
    });
    if (!upstream.ok) return { caller, requestBody: read.body, result: refuse(upstream.error, call, requestId, limitHeaders) };
    // The bank's simulated 429 reads like the gateway's own: the key's policy, nothing remaining, t = Retry-After.
    const answered =
      upstream.status === 429 ? refusedRateLimitHeaders(deps.limiter.policy, upstream.headers.get("retry-after")) : limitHeaders;
    for (const name in answered) upstream.headers.set(name, answered[name]);
    return { caller, requestBody: read.body, result: { status: upstream.status, headers: upstream.headers, body: upstream.body } };
  }

  return async function run(call) {
    const started = performance.now();
    const requestId = newId("request");
    const known: { caller?: Caller } = {};
    let opened: DialectCall = { toBank: {}, onAnswer: { "x-request-id": requestId } };
    let outcome: Outcome;
    try {
      opened = dialect.open(call, requestId);
      outcome = await handle(call, requestId, opened, known);
    } catch (error) {
      outcome = { caller: known.caller, result: refuse(unexpected(error, requestId), call, requestId) };
    }
    const { caller, result, requestBody } = outcome;
    for (const name in opened.onAnswer) result.headers.set(name, opened.onAnswer[name]);
    if (dialect.seal) {
      // A failure to seal is a bug: the answer still goes out (unsealed), and the message is logged.
      await dialect.seal(result, call).catch((error: unknown) => void unexpected(error, requestId));
    }
    // RFC 9449 §8.2: every answer to a DPoP call hands out the nonce for the client's next proof.
    if (caller?.dpopNonce) result.headers.set("dpop-nonce", caller.dpopNonce);
    if (caller) {
      const at = new Date();
      if (caller.keyId) deps.onKeyUsed(caller.keyId, at, clientIp(call.headers));
      deps.log({
        requestId,
        appId: caller.appId,
        keyId: caller.keyId,
        keyPrefix: caller.prefix,
        method: call.method,
        path: call.path.slice(0, 2048),
        status: result.status,
        latencyMs: performance.now() - started,
        at,
        exchange: { requestHeaders: call.headers, requestBody, responseHeaders: result.headers, responseBody: result.body },
      });
    }
    if (call.method === "HEAD") result.body = null;
    return result;
  };
}

/** A readiness run's planned fault, answered as the gateway answers the real thing, marked in a header the request log keeps. */
async function injectFault(
  injected: InjectedFault,
  context: {
    call: GatewayCall;
    requestId: string;
    limitHeaders: Record<string, string>;
    refuse: (error: AppError, call: GatewayCall, requestId: string, headers?: Record<string, string>) => GatewayResult;
  },
): Promise<GatewayResult> {
  const { fault, marker } = injected;
  const { call, requestId, refuse } = context;
  const mark = { [FAULT_HEADER]: marker };
  switch (fault.kind) {
    case "unavailable":
      return refuse(
        new AppError("service_unavailable", "Injected by your readiness run: retry with backoff and the same Idempotency-Key."),
        call,
        requestId,
        { ...context.limitHeaders, ...mark },
      );
    case "timeout":
      await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
      return refuse(
        new AppError(
          "bank_timeout",
          "Injected by your readiness run: the call timed out; retry with backoff and the same Idempotency-Key.",
        ),
        call,
        requestId,
        { ...context.limitHeaders, ...mark },
      );
    case "rate_limited": {
      const seconds = String(fault.retryAfterSeconds);
      const headers: Record<string, string> = { ...context.limitHeaders, ...mark, "retry-after": seconds };
      if (headers.ratelimit) headers.ratelimit = headers.ratelimit.replace(/r=\d+;t=\d+/, `r=0;t=${seconds}`);
      return refuse(new AppError("rate_limited", `Injected by your readiness run: retry after ${seconds} s.`), call, requestId, headers);
    }
  }
}

/** A bug, not an expected failure: logged with the request id (never the request), answered 500. */
export function unexpected(error: unknown, requestId: string): AppError {
  console.error(`[gateway] ${requestId} unexpected error: ${(error as Error)?.message ?? String(error)}`);
  return new AppError("internal_error", `Quote request id ${requestId} if you contact support.`);
}
