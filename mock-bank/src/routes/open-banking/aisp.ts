import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { toReadConsentResponse } from "../../domain/open-banking/account-access-consent-dto";
import { authorizeAisCall } from "../../domain/open-banking/authorize-ais-call";
import { createAccountAccessConsent } from "../../domain/open-banking/create-account-access-consent";
import { deleteAccountAccessConsent } from "../../domain/open-banking/delete-account-access-consent";
import { getAccountAccessConsentOrThrow } from "../../domain/open-banking/get-account-access-consent-or-throw";
import { aisUrl } from "../../domain/open-banking/ais-mapping";
import { ObError } from "../../domain/open-banking/ob-errors";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { bodyless, ConsentIdParams, FapiHeaders, obErrorResponses, obJson } from "../../schemas/open-banking/ais-common";
import { OBReadConsent1, OBReadConsentResponse1 } from "../../schemas/open-banking/ais-consent";
import aispAccounts from "./aisp-accounts";
import aispResources from "./aisp-resources";

/** Whether an Accept header lets the bank answer plain JSON (it does not encrypt: no application/jose+jwe). */
function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(",").some((part) => {
    const [type, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const refused = params.some((param) => /^q=0(\.0{0,3})?$/.test(param));
    return !refused && (type === "*/*" || type === "application/*" || type === "application/json");
  });
}

const CONSENT_APP = { caller: "app", scope: "accounts", standard: "uk_open_banking" } as const;

/**
 * UK Open Banking 4.0, Account and Transaction API (uk-ob-account-info-4.0.yaml):
 * account-access-consents (the app, with a client-credentials token or its API key) and the
 * accounts and their resources (the customer's token), over the same ledger /v1 shows.
 */
const aisp: FastifyPluginAsyncZod<{ portalUrl: string }> = async (app, options) => {
  const url = (path: string, query?: Record<string, string | number | undefined>) => aisUrl(options.portalUrl, path, query);

  app.decorateRequest("aisCall", null);
  // The bank answers JSON only; an app asking for encrypted payloads (or anything else) gets the
  // document's 406, as the profile says of an ASPSP that does not support message encryption.
  app.addHook("onRequest", async (request) => {
    if (!acceptsJson(request.headers.accept))
      throw new ObError(406, "UK.OBIE.Header.Invalid", "The sandbox answers application/json only (no message encryption).");
    // Bodies are JSON (an encrypted application/jose+jwe one is not supported): anything else is the document's 415.
    if (request.method === "POST" && !/^application\/json\s*(;|$)/i.test(request.headers["content-type"] ?? ""))
      throw new ObError(415, "UK.OBIE.Header.Invalid", "Send the body as application/json.");
  });
  // After the standard's access rule (routes/open-banking/index.ts): the consent, judged for the resource.
  app.addHook("preHandler", async (request) => {
    const rule = request.routeOptions.config?.ais;
    if (!rule) return;
    request.aisCall = authorizeAisCall({
      caller: request.standardCaller,
      tenantNow: tenantNow(request.tenant!, app.now()),
      resource: rule.resource,
      accountId: (request.params as { AccountId?: string } | undefined)?.AccountId,
    });
  });

  app.post(
    "/account-access-consents",
    {
      config: { standardAccess: CONSENT_APP },
      schema: {
        operationId: "CreateAccountAccessConsents",
        tags: ["Account Access"],
        summary: "Create Account Access Consents",
        description:
          "Creates an account-access-consent awaiting the customer's authorisation (Status AWAU). Call it with a client-credentials token with scope `accounts` (or the sandbox API key). Then push an authorization request whose request object names the ConsentId in `openbanking_intent_id`: the customer signs in at the bank, picks the accounts to share and approves (AUTH) or declines (RJCT). Permissions must hold ReadAccountsBasic or ReadAccountsDetail; ReadTransactionsBasic/Detail need ReadTransactionsCredits and/or Debits, and those need Basic or Detail (else 400). ExpirationDateTime, if given, must be ahead on the sandbox clock; TransactionFromDateTime must not be after TransactionToDateTime.",
        headers: FapiHeaders,
        body: OBReadConsent1,
        response: {
          201: obJson("Account Access Consents Created", OBReadConsentResponse1),
          ...obErrorResponses({ unsupportedMedia: true }),
        },
      },
    },
    async (request, reply) => {
      const consent = await createAccountAccessConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        input: request.body,
        tenantNow: tenantNow(request.tenant!, app.now()),
      });
      const self = url(`/account-access-consents/${consent.id}`);
      return reply.code(201).send(toReadConsentResponse(consent, { tenantNow: tenantNow(request.tenant!, app.now()), selfUrl: self }));
    },
  );

  app.get(
    "/account-access-consents/:ConsentId",
    {
      config: { standardAccess: CONSENT_APP },
      schema: {
        operationId: "GetAccountAccessConsentsConsentId",
        tags: ["Account Access"],
        summary: "Get Account Access Consents",
        description:
          "Returns one of the app's account-access-consents with its status: AWAU, AUTH, RJCT, CANC (revoked by the app, the customer or the developer) or EXPD (past ExpirationDateTime on the sandbox clock, reason TKXP). An unknown ConsentId, or another app's, is 400 UK.OBIE.Resource.NotFound.",
        headers: FapiHeaders,
        params: ConsentIdParams,
        response: { 200: obJson("Account Access Consents Read", OBReadConsentResponse1), ...obErrorResponses() },
      },
    },
    async (request) => {
      const consent = await getAccountAccessConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: request.params.ConsentId,
      });
      return toReadConsentResponse(consent, {
        tenantNow: tenantNow(request.tenant!, app.now()),
        selfUrl: url(`/account-access-consents/${consent.id}`),
      });
    },
  );

  app.delete(
    "/account-access-consents/:ConsentId",
    {
      config: { standardAccess: CONSENT_APP },
      schema: {
        operationId: "DeleteAccountAccessConsentsConsentId",
        tags: ["Account Access"],
        summary: "Delete Account Access Consents",
        description:
          "Ends the consent (its status becomes CANC, revoked by the app): its access and refresh tokens stop working at once, and `consent.revoked` is sent to the app's webhooks as for a /v1 revocation. Deleting it again changes nothing.",
        headers: FapiHeaders,
        params: ConsentIdParams,
        response: { 204: bodyless("Account Access Consents Deleted"), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      await deleteAccountAccessConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: request.params.ConsentId,
        now: app.now(),
        tenantNow: tenantNow(request.tenant!, app.now()),
      });
      return reply.code(204).send(null);
    },
  );

  await app.register(aispAccounts, { portalUrl: options.portalUrl });
  await app.register(aispResources, { portalUrl: options.portalUrl });
};

export default aisp;
