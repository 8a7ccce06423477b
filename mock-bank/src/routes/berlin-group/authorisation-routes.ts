import type { BankConsent } from "@prisma/client";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BgError } from "../../domain/berlin-group/bg-errors";
import { readDetails } from "../../domain/berlin-group/bg-details";
import {
  authorisationLinks,
  authorisationsPath,
  createAuthorisation,
  decoupledMessage,
  getAuthorisationOrThrow,
  listAuthorisationIds,
  type Purpose,
} from "../../domain/berlin-group/sca-authorisation";
import { readScaRequest } from "../../domain/berlin-group/sca-request";
import { updatePsuData } from "../../domain/berlin-group/update-psu-data";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  AuthorisationList,
  ScaStatusResponse,
  StartScaProcessResponse,
  UpdatePsuDataBody,
  UpdatePsuDataResponse,
} from "../../schemas/berlin-group/authorisations";
import { bgErrors, bgJson, ScaHeaders } from "../../schemas/berlin-group/common";
import type { StandardScope } from "../../domain/oauth/scopes";

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

type Options = {
  /** The resource's path, e.g. `/consents/:consentId`. */
  path: string;
  params: z.ZodObject;
  purpose: Purpose;
  operationIds: { start: string; list: string; get: string; update: string };
  tag: string;
  scope: StandardScope;
  what: string;
  portalUrl: string;
  load: (request: FastifyRequest) => Promise<BankConsent>;
  /** Whether the resource may get a new authorisation of this purpose now (else the refusal). */
  canStart: (resource: BankConsent) => Promise<BgError | null>;
};

/**
 * The four authorisation sub-resource operations of a consent, a payment or a payment's
 * cancellation (NextGenPSD2 §5-7 share them): start one (POST), list them, read one's scaStatus,
 * and update it with PSU data (EMBEDDED's steps).
 */
/** A failed authorisation's cause on the bank's page (a sandbox authentication scenario), as its psuMessage. */
function failureMessage(resource: BankConsent, authorisation: { id: string; scaStatus: string }): { psuMessage?: string } {
  if (authorisation.scaStatus !== "failed") return {};
  const text = readDetails(resource.details).state.authorisations?.[authorisation.id]?.failureMessage;
  return text ? { psuMessage: text } : {};
}

export function registerAuthorisationRoutes(app: ZodApp, options: Options) {
  const segment = options.purpose === "cancellation" ? "cancellation-authorisations" : "authorisations";
  const config = { standardAccess: { caller: "app" as const, scope: options.scope, standard: "berlin_group" as const }, movesMoney: false };
  const withId = options.params.extend({ authorisationId: z.string().min(1).max(64) });
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const psuId = (request: FastifyRequest) => (typeof request.headers["psu-id"] === "string" ? request.headers["psu-id"] : undefined);

  app.post(
    `${options.path}/${segment}`,
    {
      config,
      schema: {
        operationId: options.operationIds.start,
        tags: [options.tag],
        summary: `Start an authorisation of the ${options.what}`,
        description:
          "Creates an authorisation sub-resource with the SCA approach the headers prefer: REDIRECT (`_links.scaRedirect`, TPP-Redirect-URI required and registered), DECOUPLED (`TPP-Decoupled-Preferred: true`; the sandbox control plays the PSU's app) or EMBEDDED (`TPP-Redirect-Preferred: false`; the body may already carry the PSU's password).",
        params: options.params,
        headers: z.looseObject({ ...ScaHeaders }),
        body: UpdatePsuDataBody.nullish(),
        response: {
          201: bgJson("The authorisation, its scaStatus and next step.", StartScaProcessResponse),
          ...bgErrors([400, 401, 403, 405, 409]),
        },
      },
    },
    async (request, reply) => {
      const resource = await options.load(request);
      const refusal = await options.canStart(resource);
      if (refusal) throw refusal;
      const at = now(request);
      const sca = await readScaRequest({
        db: app.db,
        appId: request.appId ?? request.tenantId,
        headers: { ...request.headers, "tpp-explicit-authorisation-preferred": undefined },
        fallback: readDetails(resource.details).state.redirect,
      });
      let authorisation = await app.db.$transaction((tx) =>
        createAuthorisation(tx, { consent: resource, purpose: options.purpose, sca, now: at }),
      );
      let extra: Record<string, unknown> = {};
      const body = request.body ?? {};
      if (body.psuData || body.authenticationMethodId || body.scaAuthenticationData) {
        const fresh = await app.db.bankConsent.findUniqueOrThrow({ where: { id: resource.id } });
        const updated = await updatePsuData({
          db: app.db,
          consent: fresh,
          authorisation,
          psuIdHeader: psuId(request),
          input: body,
          portalUrl: options.portalUrl,
          tenantNow: at,
        });
        authorisation = updated.authorisation;
        const { scaMethods, chosenScaMethod, challengeData, psuMessage } = updated.answer;
        extra = Object.fromEntries(
          Object.entries({ scaMethods, chosenScaMethod, challengeData, psuMessage }).filter(([, value]) => value !== undefined),
        );
      }
      return reply
        .code(201)
        .header("aspsp-sca-approach", authorisation.scaApproach)
        .header("location", `${authorisationsPath(resource, options.purpose)}/${authorisation.id}`)
        .send({
          scaStatus: authorisation.scaStatus as never,
          authorisationId: authorisation.id,
          _links: authorisationLinks(resource, authorisation, options.portalUrl),
          ...(authorisation.scaApproach === "DECOUPLED" && authorisation.scaStatus === "started"
            ? { psuMessage: decoupledMessage(authorisation.id) }
            : {}),
          ...extra,
        });
    },
  );

  app.get(
    `${options.path}/${segment}`,
    {
      config,
      schema: {
        operationId: options.operationIds.list,
        tags: [options.tag],
        summary: `List the ${options.purpose === "cancellation" ? "cancellation " : ""}authorisations of the ${options.what}`,
        description: "The ids of the authorisation sub-resources, oldest first.",
        params: options.params,
        response: { 200: bgJson("The authorisation ids.", AuthorisationList), ...bgErrors([400, 401, 403, 405]) },
      },
    },
    async (request) => {
      const resource = await options.load(request);
      return { authorisationIds: await listAuthorisationIds(app.db, resource, options.purpose) };
    },
  );

  app.get(
    `${options.path}/${segment}/:authorisationId`,
    {
      config,
      schema: {
        operationId: options.operationIds.get,
        tags: [options.tag],
        summary: `Read the SCA status of an authorisation of the ${options.what}`,
        description:
          "`received`, `psuIdentified`, `psuAuthenticated`, `scaMethodSelected`, `started` (DECOUPLED, waiting for the PSU's app), then `finalised` or `failed`.",
        params: withId,
        response: { 200: bgJson("The authorisation's scaStatus.", ScaStatusResponse), ...bgErrors([400, 401, 403, 405]) },
      },
    },
    async (request) => {
      const resource = await options.load(request);
      const { authorisationId } = request.params as { authorisationId: string };
      const authorisation = await getAuthorisationOrThrow(app.db, { consent: resource, purpose: options.purpose, authorisationId });
      return {
        scaStatus: authorisation.scaStatus as never,
        _links: authorisationLinks(resource, authorisation, options.portalUrl),
        ...(authorisation.scaApproach === "DECOUPLED" && authorisation.scaStatus === "started"
          ? { psuMessage: decoupledMessage(authorisation.id) }
          : {}),
        ...failureMessage(resource, authorisation),
      };
    },
  );

  app.put(
    `${options.path}/${segment}/:authorisationId`,
    {
      config,
      schema: {
        operationId: options.operationIds.update,
        tags: [options.tag],
        summary: `Update PSU data of an authorisation of the ${options.what}`,
        description:
          "One step per request. PSU-ID header alone: identify the PSU. EMBEDDED: `psuData.password` (`pass_<persona>`) → `scaMethods`; `authenticationMethodId` → `challengeData`; `scaAuthenticationData` (the sandbox OTP `123456`) → `finalised`. A wrong password is 401 PSU_CREDENTIALS_INVALID, a wrong OTP 400 SCA_INVALID; the third wrong attempt fails the authorisation.",
        params: withId,
        headers: z.looseObject({ "psu-id": ScaHeaders["psu-id"] }),
        body: UpdatePsuDataBody.nullish(),
        response: {
          200: bgJson("The authorisation after this step.", UpdatePsuDataResponse),
          ...bgErrors([400, 401, 403, 405, 409]),
        },
      },
    },
    async (request, reply) => {
      const resource = await options.load(request);
      const { authorisationId } = request.params as { authorisationId: string };
      const authorisation = await getAuthorisationOrThrow(app.db, { consent: resource, purpose: options.purpose, authorisationId });
      const { answer } = await updatePsuData({
        db: app.db,
        consent: resource,
        authorisation,
        psuIdHeader: psuId(request),
        input: request.body,
        portalUrl: options.portalUrl,
        tenantNow: now(request),
      });
      return reply.header("aspsp-sca-approach", authorisation.scaApproach).send(answer as never);
    },
  );
}
