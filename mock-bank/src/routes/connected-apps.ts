import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import {
  showConnectedApps,
  submitConnectedAppsLogin,
  submitConnectedAppsLogout,
  submitConnectedAppsRevoke,
  type ConnectedAppsDeps,
  type ConnectedAppsOutcome,
} from "../domain/connected-apps/connected-apps-flow";
import { readCookieValue } from "../domain/connected-apps/customer-session";
import { tenantNow } from "../domain/tenants/tenant-now";

/**
 * The bank-hosted "connected apps" page (UK Open Banking's access dashboard) on the portal's origin:
 * the gateway passes /oauth/* to the bank with only the bank's own cookies. A test customer of the
 * sandbox a signed link names signs in, sees every app's access across /v1 and the standards, and
 * withdraws any. Outside the OpenAPI document: it is a page, not an API.
 */
const connectedApps: FastifyPluginAsync<{ portalUrl: string; secret: string }> = async (app, options) => {
  const hidden = { schema: { hide: true } };
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, body);
  });

  const deps: ConnectedAppsDeps = {
    db: app.db,
    secret: options.secret,
    secureCookies: new URL(options.portalUrl).protocol === "https:",
    ensureTenant: app.ensureTenant,
    tenantNow: async (tenantId) => tenantNow(await app.ensureTenant(tenantId), app.now()),
    now: () => app.now(),
  };

  const browser = (request: FastifyRequest) => ({ cookie: readCookieValue(request.headers.cookie) });
  const form = (request: FastifyRequest) => new URLSearchParams(typeof request.body === "string" ? request.body : "");

  function answer(reply: FastifyReply, outcome: ConnectedAppsOutcome) {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    if (outcome.setCookie) reply.header("set-cookie", outcome.setCookie);
    if (outcome.kind === "see_other") return reply.code(303).header("location", outcome.location).send();
    return reply
      .code(outcome.status)
      .header("content-type", "text/html; charset=utf-8")
      .header("x-frame-options", "DENY")
      .header("x-content-type-options", "nosniff")
      .header(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      )
      .send(outcome.html);
  }

  app.get("/oauth/connected-apps", hidden, async (request, reply) =>
    answer(reply, await showConnectedApps(deps, request.query as Record<string, unknown>, browser(request))),
  );
  app.post("/oauth/connected-apps/login", hidden, async (request, reply) =>
    answer(reply, await submitConnectedAppsLogin(deps, form(request), browser(request))),
  );
  app.post("/oauth/connected-apps/revoke", hidden, async (request, reply) =>
    answer(reply, await submitConnectedAppsRevoke(deps, form(request), browser(request))),
  );
  app.post("/oauth/connected-apps/logout", hidden, async (request, reply) =>
    answer(reply, await submitConnectedAppsLogout(deps, form(request), browser(request))),
  );
};

export default connectedApps;
