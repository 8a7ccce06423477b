import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "@openbank/contracts/errors";
import { customerAccounts } from "../../domain/accounts/account-dto";
import { authenticateAccessToken, tokenChallenge, type ConsentAccess } from "../../domain/oauth/authenticate-access-token";
import type { Scope } from "../../domain/oauth/scopes";
import { tenantNow } from "../../domain/tenants/tenant-now";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Customer-data routes that a consent access token may call: the permission it needs,
     * and where the account it acts on is named. Routes without it are for API keys only.
     */
    consent?: { permission: Scope; account?: "params" | "body" };
  }
  interface FastifyInstance {
    /** preHandler for sandbox routes (after the tenant is loaded): checks a consent token. */
    authorizeConsent: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** Set when the caller used a consent access token; null for API-key calls. */
    consent: ConsentAccess | null;
  }
}

/**
 * Two kinds of caller reach /v1. The gateway forwards API-key calls as they are (the app's
 * whole sandbox) and consent-token calls with `x-consent-token`: those may call only routes
 * that declare `config.consent`, need its permission, and see only the consented accounts.
 */
export default fp(
  async function consentAccess(app) {
    app.decorateRequest("consent", null);

    app.decorate("authorizeConsent", async (request: FastifyRequest) => {
      const token = request.headers["x-consent-token"];
      if (typeof token !== "string") return;
      const access = await authenticateAccessToken({
        db: app.db,
        provider: app.authorizationServer,
        token,
        appId: request.appId,
        tenantId: request.tenantId,
        tenantNow: tenantNow(request.tenant!, app.now()),
      });
      const rule = request.routeOptions.config?.consent;
      if (!rule)
        throw new AppError(
          "api_key_required",
          "Consent access tokens reach customer-data endpoints only (accounts, balances, transactions, payments); call this endpoint with your sandbox API key.",
        );
      if (!access.permissions.includes(rule.permission)) {
        throw new AppError(
          "insufficient_scope",
          `This endpoint needs the ${rule.permission} permission; the consent grants ${access.permissions.join(", ")}.`,
          {
            headers: tokenChallenge(access.dpopBound, `error="insufficient_scope", scope="${rule.permission}"`),
          },
        );
      }
      if (rule.account) {
        const accountId =
          rule.account === "params"
            ? (request.params as { account_id?: string }).account_id
            : (request.body as { debtor_account_id?: string } | undefined)?.debtor_account_id;
        if (accountId && !access.accountIds.includes(accountId)) {
          // An account of the tenant outside the consent is a 403; an unknown id stays the route's 404.
          const exists = await app.db.bankAccount.count({ where: { id: accountId, tenantId: request.tenantId, ...customerAccounts } });
          if (exists) {
            throw new AppError("consent_account_not_granted", `Account ${accountId} is not part of consent ${access.consentId}.`, {
              errors: [
                {
                  pointer: rule.account === "params" ? "/params/account_id" : "/body/debtor_account_id",
                  detail: "is not shared in this consent",
                },
              ],
            });
          }
        }
      }
      request.consent = access;
    });
  },
  { name: "consent-access", dependencies: ["store", "tenants"] },
);
