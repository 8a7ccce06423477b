import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { renderScaPage } from "../../domain/berlin-group/sca-page-html";
import { showScaPage, submitScaCode, submitScaDecision, submitScaLogin, type ScaOutcome } from "../../domain/berlin-group/sca-page";
import { tenantNow } from "../../domain/tenants/tenant-now";

/**
 * The bank-hosted pages of Berlin Group REDIRECT authorisations (`_links.scaRedirect`), on the
 * portal's origin under /oauth/sca/{authorisationId}: the gateway's OAuth surface forwards them
 * with only the authorization server's cookies, and these routes win over the provider's /oauth/*
 * catch-all (a parametric route beats a wildcard). The page names its own tenant: the authorisation.
 */
const scaPages: FastifyPluginAsync<{ portalUrl: string; secret: string }> = async (app, options) => {
  const secure = options.portalUrl.startsWith("https:");
  const deps = {
    db: app.db,
    secret: options.secret,
    tenantNow: async (tenantId: string) => tenantNow(await app.ensureTenant(tenantId), app.now()),
  };
  const hidden = { schema: { hide: true } };

  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, body);
  });

  function answer(reply: FastifyReply, outcome: ScaOutcome) {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    if (outcome.setCookie) reply.header("set-cookie", outcome.setCookie);
    if (outcome.kind === "see_other") return reply.code(303).header("location", outcome.location).send();
    // The decision form's answer is a redirect to the TPP, so form-action must allow it.
    const formTargets = outcome.page.kind === "review" ? "'self' *" : "'self'";
    return reply
      .code(outcome.status)
      .header("content-type", "text/html; charset=utf-8")
      .header("x-frame-options", "DENY")
      .header("x-content-type-options", "nosniff")
      .header(
        "content-security-policy",
        `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
      )
      .send(renderScaPage(outcome.page));
  }

  const id = (request: FastifyRequest) => (request.params as { authorisationId: string }).authorisationId;
  const form = (request: FastifyRequest) => new URLSearchParams(typeof request.body === "string" ? request.body : "");
  const cookie = (request: FastifyRequest) => request.headers.cookie;

  app.get("/oauth/sca/:authorisationId", hidden, async (request, reply) =>
    answer(reply, await showScaPage(deps, { authorisationId: id(request), cookie: cookie(request), secure })),
  );
  app.post("/oauth/sca/:authorisationId/code", hidden, async (request, reply) =>
    answer(reply, await submitScaCode(deps, { authorisationId: id(request), form: form(request), cookie: cookie(request), secure })),
  );
  app.post("/oauth/sca/:authorisationId/login", hidden, async (request, reply) =>
    answer(reply, await submitScaLogin(deps, { authorisationId: id(request), form: form(request), secure })),
  );
  app.post("/oauth/sca/:authorisationId/decision", hidden, async (request, reply) =>
    answer(reply, await submitScaDecision(deps, { authorisationId: id(request), form: form(request), cookie: cookie(request) })),
  );
};

export default scaPages;
