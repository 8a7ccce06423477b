import { clientIp } from "../auth/client-ip";
import { AppError } from "@openbank/contracts/errors";
import { problemAnswer } from "@openbank/contracts/problem";
import { newId } from "@openbank/contracts/ids";
import { scopeAllows } from "../keys/key-lifecycle";
import { authenticate, type Caller, type Credentials } from "./authenticate";
import { fromWebRequest, type GatewayCall, type HeaderMap } from "./call";
import { forward, type Upstream } from "./forward";
import { rateLimitHeaders, type RateLimitDecision, type RateLimitPolicy } from "./rate-limiter";

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
    requestBody: ArrayBuffer | undefined;
    responseHeaders: HeaderMap;
    responseBody: ArrayBuffer | string | null;
  };
};

export { fromWebRequest, type GatewayCall };

export type GatewayDeps = {
  credentials: Credentials;
  limiter: { policy: RateLimitPolicy; consume(key: string): RateLimitDecision | Promise<RateLimitDecision> };
  upstream: Upstream;
  docsBaseUrl: string;
  /** Called after the response is ready; must not block (queue and return). */
  log: (entry: GatewayLogEntry) => void;
  /** Last-used time and client address; must not block either. */
  onKeyUsed: (keyId: string, at: Date, ip: string) => void;
};

/** The pipeline's answer; HEAD answers carry the bank's headers and no body. */
export type GatewayResult = { status: number; headers: Headers; body: ArrayBuffer | string | null };

/**
 * The gateway, independent of any framework: a call in, status + headers + body out.
 *   request id → authenticate → scope → rate limit → forward → log → response headers
 * Each step is a small function; failures are problem+json with the request id.
 */
export function createGatewayCore(deps: GatewayDeps) {
  return async function run(call: GatewayCall): Promise<GatewayResult> {
    const started = performance.now();
    const requestId = newId("request");
    let caller: Caller | undefined;
    let headers: Record<string, string> = {};
    let result: GatewayResult;
    let requestBody: ArrayBuffer | undefined;

    try {
      const auth = await authenticate(call, deps.credentials);
      if (!auth.ok) throw auth.error;
      caller = auth.caller;
      if (caller.appSuspended) {
        throw new AppError("app_suspended", "This app has been suspended by the platform team. Its keys and tokens stop working until it is reinstated.");
      }

      // A read-only key may only read; a consent token's permissions are the bank's to check.
      if (caller.scope && !scopeAllows(caller.scope, call.method)) {
        throw new AppError("insufficient_scope", `This key is read-only: it may call GET, HEAD and OPTIONS, not ${call.method}. Use a read-write key.`);
      }

      // Keys have their own bucket; an app's consent tokens share one.
      const decision = await deps.limiter.consume(caller.keyId ?? `oauth:${caller.appId}`);
      headers = rateLimitHeaders(deps.limiter.policy, decision);
      if (!decision.allowed) {
        throw new AppError("rate_limited", `Sandbox keys may make ${decision.limit} requests per ${deps.limiter.policy.windowMs / 1000} s. Retry after ${decision.retryAfterSeconds} s.`);
      }

      requestBody = await call.readBody(deps.upstream.maxBodyBytes);
      const upstream = await forward(call, deps.upstream, {
        requestId,
        appId: caller.appId,
        headers: caller.consentToken ? { "x-consent-token": caller.consentToken } : undefined,
        body: requestBody,
      });
      for (const name in headers) upstream.headers.set(name, headers[name]);
      upstream.headers.set("x-request-id", requestId);
      result = { status: upstream.status, headers: upstream.headers, body: upstream.body };
    } catch (error) {
      const appError = toAppError(error, requestId);
      const answer = problemAnswer(appError, { requestId, docsBaseUrl: deps.docsBaseUrl, headers });
      result = { status: answer.status, headers: new Headers(answer.headers), body: answer.body };
    }

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

/** The gateway as a Web handler (route handlers, tests): Request in, Response out. */
export function createGateway(deps: GatewayDeps) {
  const run = createGatewayCore(deps);
  return async function handle(request: Request): Promise<Response> {
    const result = await run(fromWebRequest(request));
    return new Response(result.body, { status: result.status, headers: result.headers });
  };
}

export function toAppError(error: unknown, requestId: string): AppError {
  if (error instanceof AppError) return error;
  // Unexpected: log the message with the request id, never the request itself.
  console.error(`[gateway] ${requestId} unexpected error: ${(error as Error)?.message ?? String(error)}`);
  return new AppError("internal_error", `Quote request id ${requestId} if you contact support.`);
}

/** Path and query as sent, capped; the query of our API carries no secrets. */
export function pathForLog(rawUrl: string): string {
  const url = new URL(rawUrl);
  return (url.pathname + url.search).slice(0, 2048);
}
