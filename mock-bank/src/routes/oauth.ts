import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AuthorizationOutcome } from "../domain/oauth/authorization-outcome";
import { renderAuthorizationPage } from "../domain/oauth/authorization-pages";
import { tokenOwner } from "../domain/oauth/authenticate-access-token";
import { BROWSER_COOKIE, readCookie } from "../domain/oauth/browser-binding";
import { readClientApp } from "../domain/oauth/client-app";
import { decideAuthorization } from "../domain/oauth/decide-authorization";
import { authorizationServerMetadata } from "../domain/oauth/discovery";
import { exchangeAuthorizationCode } from "../domain/oauth/exchange-authorization-code";
import { loadAuthorizationRequest } from "../domain/oauth/load-authorization-request";
import { loadConsentScreen } from "../domain/oauth/load-consent-screen";
import { logInCustomer } from "../domain/oauth/log-in-customer";
import { OAuthError } from "../domain/oauth/oauth-error";
import { rotateRefreshToken } from "../domain/oauth/rotate-refresh-token";
import { startAuthorization } from "../domain/oauth/start-authorization";
import { tenantNow } from "../domain/tenants/tenant-now";

/**
 * The OAuth 2.0 authorization server (RFC 6749 + PKCE, RFC 9700 rules). Reached only
 * through the portal's gateway, which serves these paths on the developer's one origin and
 * authenticates the client. Not part of the /v1 OpenAPI document: the consent-flow guide
 * documents them, and their errors follow OAuth's own formats.
 */
const oauth: FastifyPluginAsync<{ portalUrl: string; secret: string }> = async (app, options) => {
  const issuer = options.portalUrl.replace(/\/$/, "");
  const secureCookie = issuer.startsWith("https:");
  const hidden = { schema: { hide: true } };

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });

  const browserValue = (request: FastifyRequest) => readCookie(request.headers.cookie, BROWSER_COOKIE);
  const form = (request: FastifyRequest) => (request.body instanceof URLSearchParams ? request.body : new URLSearchParams());

  function send(reply: FastifyReply, outcome: AuthorizationOutcome, redirectStatus: 302 | 303) {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    if (outcome.kind === "redirect" || outcome.kind === "see_other")
      return reply
        .code(outcome.kind === "see_other" ? 303 : redirectStatus)
        .header("location", outcome.location)
        .send();
    const formTargets = outcome.kind === "consent" ? "'self' *" : "'self'";
    reply
      .code(outcome.kind === "error_page" ? outcome.status : 200)
      .header("content-type", "text/html; charset=utf-8")
      .header("x-frame-options", "DENY")
      .header("x-content-type-options", "nosniff")
      // The consent form's answer is a redirect to the app, so form-action must allow it.
      .header(
        "content-security-policy",
        `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
      );
    if (outcome.kind === "login" && outcome.setCookie) reply.header("set-cookie", outcome.setCookie);
    return reply.send(renderAuthorizationPage(outcome));
  }

  app.get("/oauth/authorize", hidden, async (request, reply) => {
    const outcome = await startAuthorization({
      db: app.db,
      ensureTenant: app.ensureTenant,
      client: readClientApp(request.headers),
      query: request.query as Record<string, string | string[] | undefined>,
      browserValue: browserValue(request),
      secret: options.secret,
      issuer,
      secureCookie,
      now: app.now(),
    });
    return send(reply, outcome, 302);
  });

  app.post("/oauth/authorize/login", hidden, async (request, reply) => {
    const body = form(request);
    const browser = browserValue(request);
    const loaded = await loadAuthorizationRequest({
      db: app.db,
      requestId: body.get("request_id") ?? undefined,
      browserValue: browser,
      csrf: body.get("csrf_token") ?? "",
      secret: options.secret,
      now: app.now(),
      expect: "pending",
    });
    if (!loaded.ok) return send(reply, loaded.outcome, 303);
    const outcome = await logInCustomer({
      db: app.db,
      request: loaded.request,
      username: (body.get("username") ?? "").trim(),
      password: body.get("password") ?? "",
      browserValue: browser!,
      secret: options.secret,
    });
    return send(reply, outcome, 303);
  });

  app.get("/oauth/authorize/consent", hidden, async (request, reply) => {
    const browser = browserValue(request);
    const { request_id: requestId } = request.query as { request_id?: string };
    const loaded = await loadAuthorizationRequest({
      db: app.db,
      requestId: typeof requestId === "string" ? requestId : undefined,
      browserValue: browser,
      secret: options.secret,
      now: app.now(),
      expect: "authenticated",
    });
    if (!loaded.ok) return send(reply, loaded.outcome, 302);
    return send(
      reply,
      await loadConsentScreen({ db: app.db, request: loaded.request, browserValue: browser!, secret: options.secret }),
      302,
    );
  });

  app.post("/oauth/authorize/decision", hidden, async (request, reply) => {
    const body = form(request);
    const browser = browserValue(request);
    const now = app.now();
    const loaded = await loadAuthorizationRequest({
      db: app.db,
      requestId: body.get("request_id") ?? undefined,
      browserValue: browser,
      csrf: body.get("csrf_token") ?? "",
      secret: options.secret,
      now,
      expect: "authenticated",
    });
    if (!loaded.ok) return send(reply, loaded.outcome, 303);
    const tenant = await app.ensureTenant(loaded.request.tenantId);
    const outcome = await decideAuthorization({
      db: app.db,
      request: loaded.request,
      decision: body.get("decision") ?? "",
      accountIds: body.getAll("account_id"),
      browserValue: browser!,
      secret: options.secret,
      issuer,
      now,
      tenantNow: tenantNow(tenant, now),
    });
    return send(reply, outcome, 303);
  });

  app.post("/oauth/token", hidden, async (request, reply) => {
    reply.header("cache-control", "no-store").header("pragma", "no-cache");
    try {
      // The gateway authenticated the client and names its app; without it, no client.
      const appId = request.appId;
      if (!appId) throw new OAuthError("invalid_client", "Client authentication failed.");
      if (!(request.body instanceof URLSearchParams))
        throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
      const body = request.body;
      for (const name of new Set(body.keys()))
        if (body.getAll(name).length > 1) throw new OAuthError("invalid_request", `${name} must not be repeated.`);
      const grantType = body.get("grant_type");
      const input = { db: app.db, appId, ensureTenant: app.ensureTenant, form: body, now: app.now() };
      if (!grantType) throw new OAuthError("invalid_request", "grant_type is required.");
      if (grantType === "authorization_code") return reply.send(await exchangeAuthorizationCode(input));
      if (grantType === "refresh_token") return reply.send(await rotateRefreshToken(input));
      throw new OAuthError("unsupported_grant_type", "Use grant_type=authorization_code or refresh_token.");
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.status === 401) reply.header("www-authenticate", 'Basic realm="oauth"');
      return reply.code(error.status).header("content-type", "application/json; charset=utf-8").send(error.toJSON());
    }
  });

  app.get("/.well-known/oauth-authorization-server", hidden, async (_request, reply) =>
    reply.header("cache-control", "public, max-age=3600").send(authorizationServerMetadata(issuer)),
  );

  // The gateway's question before forwarding a token call: whose token is it?
  app.post(
    "/internal/oauth/token-owner",
    { schema: { hide: true, body: z.strictObject({ token: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      const owner = await tokenOwner(app.db, (request.body as { token: string }).token);
      return reply.header("cache-control", "no-store").send({ app_id: owner?.appId ?? null });
    },
  );
};

export default oauth;
