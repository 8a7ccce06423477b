import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";
import { authenticateStandardToken, type StandardCaller } from "../../domain/oauth/authenticate-standard-token";
import { tokenChallenge } from "../../domain/oauth/authenticate-access-token";
import type { StandardScope } from "../../domain/oauth/scopes";
import { tenantNow } from "../../domain/tenants/tenant-now";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * A standard's route: who may call it.
     * - `app`: the app itself: its API key, or its client-credentials token carrying `scope`
     *   (UK: creating and reading consents; Berlin Group: every call, the consent named by `Consent-ID`).
     * - `consent`: a customer's access token from an authorisation carrying `scope`, for a consent of
     *   the route's standard (the route checks the consent's kind, status and permissions).
     */
    standardAccess?: { caller: "app" | "consent"; scope: StandardScope; standard: "uk_open_banking" | "berlin_group" };
  }
  interface FastifyInstance {
    /** preHandler for a standard's routes (after the tenant is loaded): who is calling, per `config.standardAccess`. */
    authorizeStandardCall: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** Set on a standard's routes by authorizeStandardCall. */
    standardCaller: StandardCaller | null;
  }
}

/**
 * The standards' access rule, declared per route (`config.standardAccess`) and checked once here,
 * as `config.consent` is for /v1. Failures are AppErrors (invalid_token 401, insufficient_scope
 * 403); each standard's error handler writes them in its own format.
 */
export default fp(
  async function standardAccess(app) {
    app.decorateRequest("standardCaller", null);

    app.decorate("authorizeStandardCall", async (request: FastifyRequest) => {
      // No route here (the surface's not-found handler runs its hooks too): a 404, not a fault.
      if (request.is404) return;
      const rule = request.routeOptions.config?.standardAccess;
      if (!rule) throw new AppError("internal_error", "A standard's route without an access rule.");
      const token = request.headers["x-consent-token"];
      const caller: StandardCaller =
        typeof token === "string"
          ? await authenticateStandardToken({
              db: app.db,
              provider: app.authorizationServer,
              token,
              appId: request.appId,
              tenantId: request.tenantId,
              tenantNow: tenantNow(request.tenant!, app.now()),
            })
          : { kind: "app", via: "api_key" };
      const dpopBound = caller.kind !== "app" || caller.via !== "api_key" ? caller.dpopBound : false;
      const refuse = (detail: string) =>
        new AppError("insufficient_scope", detail, {
          headers: tokenChallenge(dpopBound, `error="insufficient_scope", scope="${rule.scope}"`),
        });

      if (rule.caller === "app") {
        if (caller.kind === "consent")
          throw refuse(
            `This endpoint is called with the app's own credentials (a client-credentials token with scope ${rule.scope}, or the sandbox API key), not a customer's access token.`,
          );
        if (caller.via === "client_credentials" && !caller.scopes.includes(rule.scope))
          throw refuse(
            `This endpoint needs a client-credentials token with scope ${rule.scope}; this one has ${caller.scopes.join(" ") || "no scope"}.`,
          );
      } else {
        if (caller.kind !== "consent")
          throw refuse(
            `This endpoint needs the customer's access token: authorise a consent (PAR with openbanking_intent_id, then the customer approves) and send the token it gives you.`,
          );
        if (caller.consent.standard !== rule.standard)
          throw refuse(`This access token belongs to a ${caller.consent.standard.replaceAll("_", " ")} consent, not one of this API.`);
        if (!caller.scopes.includes(rule.scope))
          throw refuse(`This endpoint needs a token with scope ${rule.scope}; this one has ${caller.scopes.join(" ") || "no scope"}.`);
      }
      request.standardCaller = caller;
    });
  },
  { name: "standard-access", dependencies: ["store", "tenants", "authorization-server"] },
);
