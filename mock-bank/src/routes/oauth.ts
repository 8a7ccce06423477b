import type { IncomingMessage } from "node:http";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { decodeClientDescriptor, OAUTH_CLIENT_HEADER } from "@openbank/contracts/oauth-client";
import type { AuthorizationOutcome } from "../domain/oauth/authorization-outcome";
import { authorizationPagePolicy, renderAuthorizationPage } from "../domain/oauth/authorization-pages";
import { tokenOwner } from "../domain/oauth/authenticate-access-token";
import { requestClient } from "../domain/oauth/client-metadata";
import { explainError } from "../domain/oauth/error-hints";
import { showInteraction, submitCode, submitDecision, submitLogin } from "../domain/oauth/interaction";
import { listRegisteredClients } from "../domain/oauth/registered-clients";
import { unpushedParameters } from "../domain/oauth/unpushed-parameters";
import { OAuthError } from "../domain/oauth/oauth-error";
import { registerWithSoftwareStatement } from "../domain/oauth/software-statement";
import { endedConsentOfRefreshToken } from "../domain/oauth/refresh-consent-check";
import { rotateRefreshToken } from "../domain/oauth/rotate-refresh-token";
import { TOKEN_PREFIXES } from "../domain/oauth/opaque-token";
import { tenantNow } from "../domain/tenants/tenant-now";

type RawWithBody = IncomingMessage & { body?: unknown };

/**
 * The authorization server on the portal's origin (the gateway forwards /oauth/* and
 * /.well-known/* here). oidc-provider answers the protocol endpoints; the bank's own routes are
 * the login and consent pages (/oauth/interaction/:uid) and the registration front door, which
 * checks the portal's software statement before the provider registers the client.
 */
const oauth: FastifyPluginAsync<{ portalUrl: string; secret: string; directoryJwksUrl?: string }> = async (app, options) => {
  const issuer = options.portalUrl.replace(/\/$/, "");
  const publicUrl = new URL(issuer);
  const provider = app.authorizationServer;
  const callback = provider.callback();
  const hidden = { schema: { hide: true } };

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, body);
  });

  /** Hands the request to oidc-provider, with the client the gateway described and the public origin. */
  function delegate(request: FastifyRequest, reply: FastifyReply, body?: unknown) {
    const raw = request.raw as RawWithBody;
    raw.headers["x-forwarded-host"] = publicUrl.host;
    raw.headers["x-forwarded-proto"] = publicUrl.protocol.replace(":", "");
    if (body !== undefined) raw.body = body;
    else if (request.body !== undefined) raw.body = request.body;
    reply.hijack();
    const client = decodeClientDescriptor(request.headers[OAUTH_CLIENT_HEADER]);
    return new Promise<void>((resolve) => {
      reply.raw.on("finish", resolve);
      reply.raw.on("close", resolve);
      requestClient.run(client, () => void callback(raw, reply.raw));
    });
  }

  function page(reply: FastifyReply, outcome: AuthorizationOutcome) {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    if (outcome.kind === "redirect" || outcome.kind === "see_other") return reply.code(303).header("location", outcome.location).send();
    // The consent form's answer is a redirect to the app, so form-action must allow it.
    const formTargets = outcome.kind === "consent" ? "'self' *" : "'self'";
    return reply
      .code(outcome.kind === "error_page" ? outcome.status : 200)
      .header("content-type", "text/html; charset=utf-8")
      .header("x-frame-options", "DENY")
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", authorizationPagePolicy(formTargets))
      .send(renderAuthorizationPage(outcome));
  }

  const steps = {
    provider,
    db: app.db,
    secret: options.secret,
    ensureTenant: app.ensureTenant,
    tenantNow: async (tenantId: string) => tenantNow(await app.ensureTenant(tenantId), app.now()),
  };
  const raw = (request: FastifyRequest, reply: FastifyReply) => ({ req: request.raw, res: reply.raw });
  const form = (request: FastifyRequest) => new URLSearchParams(typeof request.body === "string" ? request.body : "");

  app.get("/oauth/interaction/:uid", hidden, async (request, reply) => page(reply, await showInteraction(steps, raw(request, reply))));
  app.post("/oauth/interaction/:uid/login", hidden, async (request, reply) =>
    page(reply, await submitLogin(steps, raw(request, reply), form(request))),
  );
  app.post("/oauth/interaction/:uid/code", hidden, async (request, reply) =>
    page(reply, await submitCode(steps, raw(request, reply), form(request))),
  );
  app.post("/oauth/interaction/:uid/decision", hidden, async (request, reply) =>
    page(reply, await submitDecision(steps, raw(request, reply), form(request))),
  );

  // Refresh tokens minted by POST /v1/sandbox/consents (`ort_…`) rotate here; everything else is the provider's.
  app.post("/oauth/token", hidden, async (request, reply) => {
    const body = new URLSearchParams(typeof request.body === "string" ? request.body : "");
    const refreshToken = body.get("grant_type") === "refresh_token" ? body.get("refresh_token") : null;
    const legacy = refreshToken?.startsWith(TOKEN_PREFIXES.refresh);
    reply.header("cache-control", "no-store").header("pragma", "no-cache");
    if (refreshToken && !legacy) {
      const ended = await endedConsentOfRefreshToken({ db: app.db, provider, refreshToken, tenantNow: steps.tenantNow });
      if (ended) return reply.code(400).send({ error: "invalid_grant", error_description: ended });
    }
    if (!legacy) return delegate(request, reply);
    try {
      if (!request.appId) throw new OAuthError("invalid_client", "Client authentication failed.");
      return reply.send(
        await rotateRefreshToken({ db: app.db, appId: request.appId, ensureTenant: app.ensureTenant, form: body, now: app.now() }),
      );
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return reply.code(error.status).header("content-type", "application/json; charset=utf-8").send(error.toJSON());
    }
  });

  // RFC 7591 with the portal as the directory: a software statement is required, and its claims win.
  app.post("/oauth/register", hidden, async (request, reply) => {
    const checked = await registerWithSoftwareStatement(request.body, {
      directoryJwksUrl: options.directoryJwksUrl ?? `${issuer}/directory/jwks.json`,
      directoryIssuer: `${issuer}/directory`,
    });
    if (!checked.ok)
      return reply.code(400).header("cache-control", "no-store").send({ error: checked.error, error_description: checked.description });
    return delegate(request, reply, checked.metadata);
  });

  // RFC 9126 §4 and FAPI 2.0: with a request_uri, every parameter comes from the pushed request.
  app.get("/oauth/authorize", hidden, async (request, reply) => {
    const extra = await unpushedParameters(provider, new URL(request.url, issuer).searchParams);
    if (extra.length) {
      const message = `${extra.join(", ")} ${extra.length === 1 ? "was" : "were"} not pushed: with a request_uri, send only client_id and request_uri to /oauth/authorize (or repeat a pushed value unchanged).`;
      return page(reply, {
        kind: "error_page",
        status: 400,
        title: "This request cannot continue",
        message,
        hint: explainError({ error: "invalid_request", error_description: message }, issuer),
      });
    }
    return delegate(request, reply);
  });

  for (const path of ["/oauth/*", "/.well-known/openid-configuration"]) app.all(path, hidden, (request, reply) => delegate(request, reply));

  // RFC 8414 metadata: the same document as OpenID discovery.
  app.get("/.well-known/oauth-authorization-server", hidden, (request, reply) => {
    request.raw.url = "/.well-known/openid-configuration";
    return delegate(request, reply);
  });

  // The portal's question for an app's page: which clients registered themselves with its software statement?
  app.get(
    "/internal/oauth/registered-clients",
    { schema: { hide: true, querystring: z.strictObject({ app_id: z.string().regex(/^[A-Za-z0-9_]{1,64}$/) }) } },
    async (request, reply) => {
      const { app_id: appId } = request.query as { app_id: string };
      return reply.header("cache-control", "no-store").send({ data: await listRegisteredClients(app.db, appId) });
    },
  );

  // The gateway's question before forwarding a token call: whose token is it, and is it bound to a DPoP key?
  app.post(
    "/internal/oauth/token-owner",
    { schema: { hide: true, body: z.strictObject({ token: z.string().min(1).max(200) }) } },
    async (request, reply) => {
      const owner = await tokenOwner(app.db, provider, (request.body as { token: string }).token);
      return reply.header("cache-control", "no-store").send({ app_id: owner?.appId ?? null, jkt: owner?.jkt ?? null });
    },
  );
};

export default oauth;
