import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { problemAnswer } from "@openbank/contracts/problem";
import type { ClientApp } from "../oauth-clients/find-client-app";
import type { GatewayCall, GatewayResult, Pipeline } from "./call";
import { forward, type Upstream } from "./forward";
import { readClientCredentials } from "./oauth-client-credentials";
import { unexpected, type GatewayLogEntry } from "./pipeline";
import { rateLimitHeaders, type RateLimiter } from "./rate-limiter";

export type OAuthGatewayDeps = {
  upstream: Upstream;
  docsBaseUrl: string;
  /** An active app by its public client id. */
  findClient: (clientId: string) => Promise<ClientApp | null>;
  /** The client id + current secret, or null. */
  authenticateClient: (clientId: string, secret: string) => Promise<ClientApp | null>;
  limiter: RateLimiter;
  log: (entry: GatewayLogEntry) => void;
};

/** The bank's browser-binding cookie of its login pages: the only cookie that crosses. */
const BANK_COOKIES = ["ob_authz"];

/** What one call came to: the answer, and the app it was for (when known), to log it under. */
type Outcome = { result: GatewayResult; appId?: string };

/** Internal headers naming the client for the bank (see mock-bank/src/domain/oauth/client-app.ts). */
function clientHeaders(client: ClientApp): Record<string, string> {
  return { "x-app-name": encodeURIComponent(client.name), "x-app-redirect-uris": encodeURIComponent(JSON.stringify(client.redirectUris)) };
}

/** The token endpoint answers in OAuth's own error format (RFC 6749 §5.2), not problem+json. */
function oauthError(status: number, error: string, description: string, requestId: string): GatewayResult {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    pragma: "no-cache",
    "x-request-id": requestId,
  });
  if (status === 401) headers.set("www-authenticate", 'Basic realm="oauth"');
  return { status, headers, body: JSON.stringify({ error, error_description: description }) };
}

/**
 * The developer-facing OAuth endpoints on the portal's origin. The portal owns apps and
 * client credentials, the bank owns consents, codes and tokens:
 *   GET  /oauth/authorize   client_id → the app's name and registered redirect URIs, sent to the bank
 *   /oauth/authorize/*      the bank's login and consent pages (only its own cookie passes)
 *   POST /oauth/token       client authenticated here (Basic or client_secret_post); the bank
 *                           gets the app id and the form without the secret
 *   /.well-known/*          discovery (RFC 8414), answered by the bank
 * Every step returns a value; only a bug throws, answered 500.
 */
export function createOAuthPipeline(deps: OAuthGatewayDeps): Pipeline {
  const problem = (error: AppError, requestId: string, headers?: Record<string, string>): GatewayResult => {
    const answer = problemAnswer(error, { requestId, docsBaseUrl: deps.docsBaseUrl, headers });
    return { status: answer.status, headers: new Headers(answer.headers), body: answer.body };
  };

  async function token(call: GatewayCall, requestId: string): Promise<Outcome> {
    const type = call.headers.get("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type))
      return { result: oauthError(400, "invalid_request", "Send the token request as application/x-www-form-urlencoded.", requestId) };
    const read = await call.readBody();
    if (!read.ok) return { result: oauthError(400, "invalid_request", "The token request is too large.", requestId) };
    const form = new URLSearchParams(read.body?.toString("utf8") ?? "");

    const credentials = readClientCredentials(call.headers.get("authorization"), form);
    if (!credentials.ok)
      return {
        result: oauthError(credentials.error === "invalid_client" ? 401 : 400, credentials.error, credentials.description, requestId),
      };
    const client = await deps.authenticateClient(credentials.clientId, credentials.secret);
    if (!client)
      return {
        result: oauthError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.", requestId),
      };

    const decision = await deps.limiter.consume(`oauth:${client.appId}`);
    const limitHeaders = rateLimitHeaders(deps.limiter.policy, decision);
    if (!decision.allowed) {
      return {
        appId: client.appId,
        result: problem(new AppError("rate_limited", `Retry after ${decision.retryAfterSeconds} s.`), requestId, limitHeaders),
      };
    }

    // The secret stops here: the bank learns only which app is asking.
    form.delete("client_secret");
    const upstream = await forward(call, deps.upstream, {
      requestId,
      appId: client.appId,
      body: form.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    if (!upstream.ok) return { appId: client.appId, result: problem(upstream.error, requestId, limitHeaders) };
    for (const [name, value] of Object.entries(limitHeaders)) upstream.headers.set(name, value);
    upstream.headers.set("x-request-id", requestId);
    return { appId: client.appId, result: { status: upstream.status, headers: upstream.headers, body: upstream.body } };
  }

  /** Authorization pages and discovery: passed to the bank, naming the client on /oauth/authorize. */
  async function pass(call: GatewayCall, requestId: string): Promise<Outcome> {
    let appId: string | undefined;
    let headers: Record<string, string> | undefined;
    const url = new URL(call.path, "http://gateway.invalid");
    if (url.pathname === "/oauth/authorize") {
      const ids = url.searchParams.getAll("client_id");
      const client = ids.length === 1 ? await deps.findClient(ids[0]) : null;
      if (client) {
        appId = client.appId;
        headers = clientHeaders(client);
      }
    }
    const read = await call.readBody();
    if (!read.ok) return { appId, result: problem(read.error, requestId) };
    const upstream = await forward(call, deps.upstream, { requestId, appId, headers, cookies: BANK_COOKIES, body: read.body });
    if (!upstream.ok) return { appId, result: problem(upstream.error, requestId) };
    upstream.headers.set("x-request-id", requestId);
    return { appId, result: { status: upstream.status, headers: upstream.headers, body: upstream.body } };
  }

  return async function run(call) {
    const started = performance.now();
    const requestId = newId("request");
    let outcome: Outcome;
    try {
      const isToken = call.method === "POST" && call.path.split("?")[0] === "/oauth/token";
      outcome = await (isToken ? token(call, requestId) : pass(call, requestId));
    } catch (error) {
      outcome = { result: problem(unexpected(error, requestId), requestId) };
    }
    const { result, appId } = outcome;
    if (appId) {
      // Codes and states are one-time secrets of the flow: never logged.
      const path = call.path.slice(0, 2048).replace(/([?&](code|state)=)[^&]*/g, "$1…");
      deps.log({
        requestId,
        appId,
        keyId: null,
        keyPrefix: null,
        method: call.method,
        path,
        status: result.status,
        latencyMs: performance.now() - started,
        at: new Date(),
      });
    }
    if (call.method === "HEAD") result.body = null;
    return result;
  };
}
