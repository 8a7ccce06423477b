import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { problemAnswer } from "@openbank/contracts/problem";
import { internalClientSecret } from "@openbank/contracts/oauth-client";
import { maskUrlSecrets } from "@openbank/contracts/url-secrets";
import type { ClientApp } from "../oauth-clients/find-client-app";
import type { GatewayCall, GatewayResult, Pipeline } from "./call";
import { forward, type Upstream } from "./forward";
import { oauthClientHeader } from "./oauth-client-header";
import { readClientCredentials } from "./oauth-client-credentials";
import { unexpected, type GatewayLogEntry } from "./pipeline";
import { rateLimitHeaders, type RateLimiter } from "./rate-limiter";

export type OAuthGatewayDeps = {
  upstream: Upstream;
  docsBaseUrl: string;
  /** The internal secret: what a portal client presents to the bank once its own secret checked out. */
  internalSecret: string;
  /** An active app by its public client id. */
  findClient: (clientId: string) => Promise<ClientApp | null>;
  /** The client id + current secret, or null. */
  authenticateClient: (clientId: string, secret: string) => Promise<ClientApp | null>;
  limiter: RateLimiter;
  log: (entry: GatewayLogEntry) => void;
};

/**
 * The bank's own browser cookies, the only cookies that cross: the authorization server's (login
 * pages, resume, session) and the connected-apps page's session (scoped to its path by the bank).
 */
const BANK_COOKIES = [
  "ob_interaction",
  "ob_interaction.sig",
  "ob_resume",
  "ob_resume.sig",
  "ob_session",
  "ob_session.sig",
  "ob_connected_apps",
];

/** Endpoints where the client authenticates (RFC 6749 §2.3, RFC 7523, RFC 9126, RFC 7009, RFC 7662). */
const CLIENT_AUTH_PATHS = new Set(["/oauth/token", "/oauth/par", "/oauth/revoke", "/oauth/introspect"]);

/** A portal app's client id; anything else is a client registered at the bank (RFC 7591), or nothing. */
const PORTAL_CLIENT_ID = /^cli_[0-9A-Za-z]{22}$/;

const FAPI_GUIDE = "/docs/guides/openid-connect-fapi";

/** What one call came to: the answer, and the app it was for (when known), to log it under. */
type Outcome = { result: GatewayResult; appId?: string };

/** OAuth's own error format (RFC 6749 §5.2), not problem+json; error_uri says where the fix is explained. */
function oauthError(status: number, error: string, description: string, requestId: string, errorUri?: string): GatewayResult {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    pragma: "no-cache",
    "x-request-id": requestId,
  });
  if (status === 401) headers.set("www-authenticate", 'Basic realm="oauth"');
  return { status, headers, body: JSON.stringify({ error, error_description: description, ...(errorUri ? { error_uri: errorUri } : {}) }) };
}

/** The client a client_assertion names (its `sub`, RFC 7523 §3), read without verifying: the bank verifies it. */
function assertionSubject(assertion: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString("utf8")) as { sub?: unknown };
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}

const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

/**
 * The developer-facing OAuth and OpenID Connect endpoints on the portal's origin. The portal owns
 * apps and client credentials; the bank's authorization server owns grants, codes and tokens:
 *   client-authenticated endpoints (token, PAR, revocation, introspection)
 *       a portal client's secret is checked here against its stored hash and replaced by the
 *       client's internal secret, so the developer's secret never reaches the bank; a
 *       private_key_jwt assertion passes as it is, for the bank to verify against the app's keys;
 *   every call naming a portal client carries the portal's settings of it (x-oauth-client);
 *   clients registered at the bank (RFC 7591) pass untouched;
 *   the login pages get only the authorization server's own cookies.
 * Every step returns a value; only a bug throws, answered 500.
 */
export function createOAuthPipeline(deps: OAuthGatewayDeps): Pipeline {
  const guide = (anchor: string) => `${deps.docsBaseUrl.replace(/\/$/, "")}${FAPI_GUIDE}#${anchor}`;
  const problem = (error: AppError, requestId: string, headers?: Record<string, string>): GatewayResult => {
    const answer = problemAnswer(error, { requestId, docsBaseUrl: deps.docsBaseUrl, headers });
    return { status: answer.status, headers: new Headers(answer.headers), body: answer.body };
  };

  /** Headers a protocol call may carry to the bank: its proof of possession and its (rewritten) credentials. */
  function protocolHeaders(call: GatewayCall, authorization: string | null, client: ClientApp | null): Record<string, string> {
    const headers: Record<string, string> = {};
    const dpop = call.headers.get("dpop");
    if (dpop) headers.dpop = dpop;
    if (authorization) headers.authorization = authorization;
    if (client) Object.assign(headers, oauthClientHeader(client));
    return headers;
  }

  async function send(
    call: GatewayCall,
    requestId: string,
    body: Buffer | string | undefined,
    client: ClientApp | null,
    authorization: string | null,
    limitHeaders?: Record<string, string>,
  ): Promise<Outcome> {
    const appId = client?.appId;
    const upstream = await forward(call, deps.upstream, {
      requestId,
      appId,
      body,
      cookies: BANK_COOKIES,
      headers: protocolHeaders(call, authorization, client),
    });
    if (!upstream.ok) return { appId, result: problem(upstream.error, requestId, limitHeaders) };
    for (const [name, value] of Object.entries(limitHeaders ?? {})) upstream.headers.set(name, value);
    upstream.headers.set("x-request-id", requestId);
    return { appId, result: { status: upstream.status, headers: upstream.headers, body: upstream.body } };
  }

  /** Token, PAR, revocation, introspection: the client authenticates. */
  async function authenticated(call: GatewayCall, requestId: string): Promise<Outcome> {
    const type = call.headers.get("content-type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type))
      return { result: oauthError(400, "invalid_request", "Send the request as application/x-www-form-urlencoded.", requestId) };
    const read = await call.readBody();
    // Past the limit reading stopped: 413 problem+json, as every surface answers an oversized body.
    if (!read.ok) return { result: problem(read.error, requestId) };
    const form = new URLSearchParams(read.body?.toString("utf8") ?? "");
    const authorization = call.headers.get("authorization");
    const assertion = form.get("client_assertion");
    const usesSecret = form.has("client_secret") || /^Basic\s/i.test(authorization ?? "");
    const clientId = assertion ? (form.get("client_id") ?? assertionSubject(assertion)) : usesSecret ? null : form.get("client_id");

    if (!usesSecret && !assertion && !form.get("client_id"))
      return {
        result: oauthError(
          401,
          "invalid_client",
          "Client authentication is required: HTTP Basic (client_secret_basic), client_id + client_secret in the body (client_secret_post), or a client_assertion (private_key_jwt).",
          requestId,
          guide("client-authentication"),
        ),
      };

    let client: ClientApp | null = null;
    let credentials = authorization;
    let body: string | Buffer | undefined = read.body;
    if (usesSecret) {
      const presented = readClientCredentials(authorization, form);
      if (!presented.ok)
        return { result: oauthError(presented.error === "invalid_client" ? 401 : 400, presented.error, presented.description, requestId) };
      if (PORTAL_CLIENT_ID.test(presented.clientId)) {
        const known = await deps.findClient(presented.clientId);
        if (known?.authMethod === "private_key_jwt")
          return {
            appId: known.appId,
            result: oauthError(
              401,
              "invalid_client",
              `This app authenticates with private_key_jwt${known.profile === "fapi2" ? " (FAPI 2.0)" : ""}: send a client_assertion signed by one of its registered keys, not a client_secret.`,
              requestId,
              guide("client-authentication"),
            ),
          };
        client = await deps.authenticateClient(presented.clientId, presented.secret);
        if (!client)
          return {
            result: oauthError(401, "invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.", requestId),
          };
        // The secret stops here: the bank gets the client's internal secret instead.
        form.delete("client_secret");
        credentials = basic(client.clientId, internalClientSecret(deps.internalSecret, client.clientId));
        body = form.toString();
      }
    } else if (clientId && PORTAL_CLIENT_ID.test(clientId)) {
      client = await deps.findClient(clientId);
      if (!client) return { result: oauthError(401, "invalid_client", "Client authentication failed: unknown client_id.", requestId) };
    }

    let limitHeaders: Record<string, string> | undefined;
    if (client) {
      const decision = await deps.limiter.consume(`oauth:${client.appId}`);
      limitHeaders = rateLimitHeaders(deps.limiter.policy, decision);
      if (!decision.allowed)
        return {
          appId: client.appId,
          result: problem(new AppError("rate_limited", `Retry after ${decision.retryAfterSeconds} s.`), requestId, limitHeaders),
        };
    }
    return send(call, requestId, body, client, credentials, limitHeaders);
  }

  /** Authorization (with its pages), discovery, JWKS, userinfo, registration: passed on, naming the client when there is one. */
  async function pass(call: GatewayCall, requestId: string): Promise<Outcome> {
    const url = new URL(call.path, "http://gateway.invalid");
    const ids = url.searchParams.getAll("client_id");
    const client = ids.length === 1 && PORTAL_CLIENT_ID.test(ids[0]) ? await deps.findClient(ids[0]) : null;
    const read = await call.readBody();
    if (!read.ok) return { appId: client?.appId, result: problem(read.error, requestId) };
    // Userinfo and registration management authenticate with their own bearer (or DPoP) tokens.
    const authorization =
      url.pathname === "/oauth/userinfo" || url.pathname.startsWith("/oauth/register") ? call.headers.get("authorization") : null;
    return send(call, requestId, read.body, client, authorization);
  }

  return async function run(call) {
    const started = performance.now();
    const requestId = newId("request");
    let outcome: Outcome;
    try {
      const isClientCall = call.method === "POST" && CLIENT_AUTH_PATHS.has(call.path.split("?")[0]);
      outcome = await (isClientCall ? authenticated(call, requestId) : pass(call, requestId));
    } catch (error) {
      outcome = { result: problem(unexpected(error, requestId), requestId) };
    }
    const { result, appId } = outcome;
    if (appId) {
      // Codes, states, request URIs and link signatures are secrets of the flow: never logged.
      const path = maskUrlSecrets(call.path.slice(0, 2048));
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
