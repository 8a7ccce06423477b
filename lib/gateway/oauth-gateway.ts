import { AppError } from "@openbank/contracts/errors";
import { problemResponse } from "../http/problem-response";
import { newId } from "@openbank/contracts/ids";
import type { ClientApp } from "../oauth-clients/find-client-app";
import { fromWebRequest } from "./call";
import { forward, type Upstream } from "./forward";
import { readClientCredentials } from "./oauth-client-credentials";
import type { GatewayLogEntry } from "./pipeline";
import { pathForLog, toAppError } from "./pipeline";
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
const MAX_FORM_BYTES = 16 * 1024;

/** Internal headers naming the client for the bank (see mock-bank/src/domain/oauth/client-app.ts). */
function clientHeaders(client: ClientApp): Record<string, string> {
  return { "x-app-name": encodeURIComponent(client.name), "x-app-redirect-uris": encodeURIComponent(JSON.stringify(client.redirectUris)) };
}

function oauthError(status: number, error: string, description: string, requestId: string): Response {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache", "x-request-id": requestId });
  if (status === 401) headers.set("www-authenticate", 'Basic realm="oauth"');
  return new Response(JSON.stringify({ error, error_description: description }), { status, headers });
}

/**
 * The developer-facing OAuth endpoints on the portal's origin. The portal owns apps and
 * client credentials, the bank owns consents, codes and tokens:
 *   GET  /oauth/authorize   client_id → the app's name and registered redirect URIs, sent to the bank
 *   /oauth/authorize/*      the bank's login and consent pages (only its own cookie passes)
 *   POST /oauth/token       client authenticated here (Basic or client_secret_post); the bank
 *                           gets the app id and the form without the secret
 *   GET  /.well-known/oauth-authorization-server
 */
export function createOAuthGateway(deps: OAuthGatewayDeps) {
  return async function handle(request: Request): Promise<Response> {
    const started = performance.now();
    const requestId = newId("request");
    const path = new URL(request.url).pathname;
    let appId: string | undefined;
    let response: Response;
    try {
      if (path === "/oauth/token" && request.method === "POST") {
        response = await token(request, requestId);
        appId = response.headers.get("x-oauth-app") ?? undefined;
        response.headers.delete("x-oauth-app");
      } else {
        let headers: Record<string, string> | undefined;
        if (path === "/oauth/authorize") {
          const ids = new URL(request.url).searchParams.getAll("client_id");
          const client = ids.length === 1 ? await deps.findClient(ids[0]) : null;
          if (client) {
            appId = client.appId;
            headers = clientHeaders(client);
          }
        }
        const upstream = await forward(fromWebRequest(request), deps.upstream, { requestId, appId, headers, cookies: BANK_COOKIES });
        upstream.headers.set("x-request-id", requestId);
        response = new Response(request.method === "HEAD" ? null : upstream.body, { status: upstream.status, headers: upstream.headers });
      }
    } catch (error) {
      response = problemResponse(toAppError(error, requestId), { requestId, docsBaseUrl: deps.docsBaseUrl });
    }
    if (appId) {
      deps.log({ requestId, appId, keyId: null, keyPrefix: null, method: request.method, path: pathForLog(request.url).replace(/([?&](code|state)=)[^&]*/g, "$1…"), status: response.status, latencyMs: performance.now() - started, at: new Date() });
    }
    return response;
  };

  async function token(request: Request, requestId: string): Promise<Response> {
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return oauthError(400, "invalid_request", "Send the token request as application/x-www-form-urlencoded.", requestId);
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_FORM_BYTES) return oauthError(400, "invalid_request", "The token request is too large.", requestId);
    const raw = await request.text();
    if (raw.length > MAX_FORM_BYTES) return oauthError(400, "invalid_request", "The token request is too large.", requestId);
    const form = new URLSearchParams(raw);

    const credentials = readClientCredentials(request.headers.get("authorization"), form);
    if (!credentials.ok) return oauthError(credentials.error === "invalid_client" ? 401 : 400, credentials.error, credentials.description, requestId);
    const client = await deps.authenticateClient(credentials.clientId, credentials.secret);
    if (!client) return oauthError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.", requestId);

    const decision = await deps.limiter.consume(`oauth:${client.appId}`);
    const limitHeaders = rateLimitHeaders(deps.limiter.policy, decision);
    if (!decision.allowed) {
      const limited = problemResponse(new AppError("rate_limited", `Retry after ${decision.retryAfterSeconds} s.`), { requestId, docsBaseUrl: deps.docsBaseUrl, headers: limitHeaders });
      limited.headers.set("x-oauth-app", client.appId);
      return limited;
    }

    // The secret stops here: the bank learns only which app is asking.
    form.delete("client_secret");
    const upstream = await forward(fromWebRequest(request), deps.upstream, { requestId, appId: client.appId, body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    for (const [name, value] of Object.entries(limitHeaders)) upstream.headers.set(name, value);
    upstream.headers.set("x-request-id", requestId);
    upstream.headers.set("x-oauth-app", client.appId);
    return new Response(upstream.body, { status: upstream.status, headers: upstream.headers });
  }
}
