import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmFunds } from "../../domain/open-banking/funds-confirmation-confirm";
import { createFundsConfirmationConsent, toFundsConfirmationConsentResponse } from "../../domain/open-banking/funds-confirmation-consents";
import { ObError } from "../../domain/open-banking/ob-errors";
import { findObConsent } from "../../domain/open-banking/vrp-find-consent";
import { revokeObConsent } from "../../domain/open-banking/vrp-revoke-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  OBFundsConfirmation1,
  OBFundsConfirmationConsent1,
  OBFundsConfirmationConsentResponse1,
  OBFundsConfirmationResponse1,
} from "../../schemas/open-banking/funds-confirmation";
import { obBodyless, obErrorResponses, obJson, ObRequestHeaders } from "../../schemas/open-banking/vrp-cof-common";

const TAGS = ["Funds Confirmations"];
const asApp = { standardAccess: { caller: "app", scope: "fundsconfirmations", standard: "uk_open_banking" } } as const;
const asCustomer = { standardAccess: { caller: "consent", scope: "fundsconfirmations", standard: "uk_open_banking" } } as const;
const Params = z.object({ ConsentId: z.string().min(1).max(128).describe("The consent's id (`cns_…`).") });

/** UK Open Banking 4.0, Confirmation of Funds (uk-ob-confirmation-funds-4.0.yaml): funds-confirmation-consents and funds-confirmations. */
const cbpii: FastifyPluginAsyncZod = async (app) => {
  const issuer = () => app.authorizationServer.issuer;
  const clock = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const consentOf = (request: FastifyRequest, consentId: string) =>
    findObConsent({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: "funds_confirmation" });

  app.post(
    "/funds-confirmation-consents",
    {
      config: asApp,
      schema: {
        operationId: "CreateFundsConfirmationConsents",
        tags: TAGS,
        summary: "Create Funds Confirmation Consent",
        description:
          "With the app's client-credentials token (scope `fundsconfirmations`). The DebtorAccount (sort code + account number, or IBAN) must be one of the sandbox's accounts; the consent awaits the customer (`AWAU`) until they authorise it at the bank (`openbanking_intent_id`). Without ExpirationDateTime it is open-ended.",
        headers: ObRequestHeaders,
        body: OBFundsConfirmationConsent1,
        response: { 201: obJson("The consent, awaiting authorisation.", OBFundsConfirmationConsentResponse1), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      if (!request.appId) throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "The call names no app.");
      const consent = await createFundsConfirmationConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        body: request.body,
        tenantNow: clock(request),
        issuer: issuer(),
      });
      return reply.code(201).send(consent);
    },
  );

  app.get(
    "/funds-confirmation-consents/:ConsentId",
    {
      config: asApp,
      schema: {
        operationId: "GetFundsConfirmationConsentsConsentId",
        tags: TAGS,
        summary: "Get Funds Confirmation Consent",
        description:
          "The consent and its status on the sandbox clock. An unknown id, or another app's, is a 400 UK.OBIE.Resource.NotFound.",
        headers: ObRequestHeaders,
        params: Params,
        response: { 200: obJson("The consent.", OBFundsConfirmationConsentResponse1), ...obErrorResponses() },
      },
    },
    async (request) => toFundsConfirmationConsentResponse(await consentOf(request, request.params.ConsentId), clock(request), issuer()),
  );

  app.delete(
    "/funds-confirmation-consents/:ConsentId",
    {
      config: asApp,
      schema: {
        operationId: "DeleteFundsConfirmationConsentsConsentId",
        tags: TAGS,
        summary: "Delete Funds Confirmation Consent",
        description: "Ends the consent (`CANC`); its token then confirms nothing. Deleting an ended consent changes nothing.",
        headers: ObRequestHeaders,
        params: Params,
        response: { 204: obBodyless("Deleted."), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      await revokeObConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: "funds_confirmation",
        now: app.now(),
        tenantNow: clock(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/funds-confirmations",
    {
      config: asCustomer,
      schema: {
        operationId: "CreateFundsConfirmations",
        tags: TAGS,
        summary: "Create Funds Confirmation",
        description:
          "With the customer's access token of an authorised consent: whether the consent's account has the amount available now (booked less pending debits, plus the arranged overdraft). `FundsAvailable` is true or false; nothing is reserved.",
        headers: ObRequestHeaders,
        body: OBFundsConfirmation1,
        response: { 201: obJson("The answer.", OBFundsConfirmationResponse1), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      const caller = request.standardCaller;
      if (caller?.kind !== "consent")
        throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "This endpoint needs the customer's access token.");
      return reply
        .code(201)
        .send(await confirmFunds({ db: app.db, consent: caller.consent, request: request.body, tenantNow: clock(request) }));
    },
  );
};

export default cbpii;
