import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BgError } from "../../domain/berlin-group/bg-errors";
import { BG_BASE, bgConsentStatus, readDetails } from "../../domain/berlin-group/bg-details";
import { consentInformation, creationLinks } from "../../domain/berlin-group/consent-views";
import { createBgConsent } from "../../domain/berlin-group/create-bg-consent";
import { findBgResourceOrThrow } from "../../domain/berlin-group/find-bg-resource";
import { readScaRequest } from "../../domain/berlin-group/sca-request";
import { terminateBgConsent } from "../../domain/berlin-group/terminate-bg-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { bgErrors, bgJson, ConsentIdParams, PsuIpHeaders, ScaHeaders } from "../../schemas/berlin-group/common";
import { ConsentInformation, ConsentsBody, ConsentsResponse201, ConsentStatusResponse } from "../../schemas/berlin-group/consents";
import { registerAuthorisationRoutes } from "./authorisation-routes";

const TAG = "Account Information Service (AIS)";
const config = { standardAccess: { caller: "app", scope: "accounts", standard: "berlin_group" }, movesMoney: false } as const;

/**
 * Berlin Group NextGenPSD2 1.3.11: account-information consents. The TPP (the app, by its key or
 * client-credentials token with scope `accounts`) creates a consent, the PSU authorises it by one
 * of the SCA approaches, and account calls then name it in Consent-ID.
 */
const consents: FastifyPluginAsyncZod<{ portalUrl: string }> = async (app, options) => {
  const { portalUrl } = options;
  const load = (request: { tenantId: string; appId: string | null; params: unknown }) =>
    findBgResourceOrThrow(app.db, {
      tenantId: request.tenantId,
      appId: request.appId ?? request.tenantId,
      id: (request.params as { consentId: string }).consentId,
      kind: "account_access",
    });

  app.post(
    "/consents",
    {
      config,
      schema: {
        operationId: "createConsent",
        tags: [TAG],
        summary: "Create consent",
        description:
          "Creates an account-information consent (`received`) for accounts named by IBAN, a bank-offered consent (empty lists: the PSU picks the accounts on the bank's page), or `availableAccounts` / `availableAccountsWithBalance` / `allPsd2`. Unless `TPP-Explicit-Authorisation-Preferred: true`, its first authorisation starts at once with the SCA approach the headers prefer (answered in `ASPSP-SCA-Approach`): REDIRECT (`_links.scaRedirect`), DECOUPLED or EMBEDDED.",
        headers: z.looseObject({ ...PsuIpHeaders, ...ScaHeaders }),
        body: ConsentsBody,
        response: {
          201: bgJson("The consent, `received`, and the next step of its SCA.", ConsentsResponse201),
          ...bgErrors([400, 401, 403, 405, 409, 429]),
        },
      },
    },
    async (request, reply) => {
      const now = tenantNow(request.tenant!, app.now());
      const appId = request.appId ?? request.tenantId;
      const sca = await readScaRequest({ db: app.db, appId, headers: request.headers });
      const { consent, authorisation } = await createBgConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId,
        input: request.body,
        sca,
        tenantNow: now,
      });
      const self = `${BG_BASE}/consents/${consent.id}`;
      const links = creationLinks({
        resource: consent,
        resourceHref: self,
        statusHref: `${self}/status`,
        authorisation,
        approach: sca.approach,
        psuId: sca.psuId,
        portalUrl,
      });
      return reply
        .code(201)
        .header("location", self)
        .header("aspsp-sca-approach", sca.approach)
        .send({
          consentStatus: "received" as const,
          consentId: consent.id,
          ...(authorisation ? { scaStatus: authorisation.scaStatus as never } : {}),
          ...links,
        });
    },
  );

  app.get(
    "/consents/:consentId",
    {
      config,
      schema: {
        operationId: "getConsentInformation",
        tags: [TAG],
        summary: "Get consent request",
        description:
          "The consent as accepted (`validUntil` as adjusted; a bank-offered consent lists the accounts the PSU chose), its status on the sandbox clock and the day of its last action.",
        params: ConsentIdParams,
        response: { 200: bgJson("The consent.", ConsentInformation), ...bgErrors([400, 401, 403, 405]) },
      },
    },
    async (request) => consentInformation(await load(request), tenantNow(request.tenant!, app.now())),
  );

  app.get(
    "/consents/:consentId/status",
    {
      config,
      schema: {
        operationId: "getConsentStatus",
        tags: [TAG],
        summary: "Consent status request",
        description: "`received`, `valid`, `rejected`, `expired` (sandbox clock), `terminatedByTpp` or `revokedByPsu`.",
        params: ConsentIdParams,
        response: { 200: bgJson("The consent's status.", ConsentStatusResponse), ...bgErrors([400, 401, 403, 405]) },
      },
    },
    async (request) => {
      const consent = await load(request);
      const consentStatus = bgConsentStatus(consent, tenantNow(request.tenant!, app.now()));
      // A sign-in that failed on the bank's page (a sandbox authentication scenario) says why.
      const failed = Object.values(readDetails(consent.details).state.authorisations ?? {}).find((own) => own.failureMessage);
      return consentStatus === "rejected" && failed ? { consentStatus, psuMessage: failed.failureMessage } : { consentStatus };
    },
  );

  app.delete(
    "/consents/:consentId",
    {
      config,
      schema: {
        operationId: "deleteConsent",
        tags: [TAG],
        summary: "Delete consent",
        description: "Ends the consent (`terminatedByTpp`) at once: account calls naming it are refused with CONSENT_INVALID.",
        params: ConsentIdParams,
        response: { 204: z.null().describe("The consent is terminated."), ...bgErrors([400, 401, 403, 405]) },
      },
    },
    async (request, reply) => {
      await terminateBgConsent({ db: app.db, consent: await load(request), tenantNow: tenantNow(request.tenant!, app.now()) });
      return reply.code(204).send(null);
    },
  );

  registerAuthorisationRoutes(app, {
    path: "/consents/:consentId",
    params: ConsentIdParams,
    purpose: "authorisation",
    operationIds: {
      start: "startConsentAuthorisation",
      list: "getConsentAuthorisation",
      get: "getConsentScaStatus",
      update: "updateConsentsPsuData",
    },
    tag: TAG,
    scope: "accounts",
    what: "consent",
    portalUrl,
    load,
    canStart: async (consent) =>
      consent.status === "awaiting_authorisation"
        ? null
        : new BgError(
            409,
            "STATUS_INVALID",
            `The consent is ${bgConsentStatus(consent, tenantNow(await app.ensureTenant(consent.tenantId), app.now()))}: it needs no authorisation.`,
          ),
  });
};

export default consents;
