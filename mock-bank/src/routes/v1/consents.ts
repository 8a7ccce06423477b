import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createSandboxConsent } from "../../domain/consents/create-sandbox-consent";
import { expireConsent } from "../../domain/consents/expire-consent";
import { getConsentOrThrow } from "../../domain/consents/get-consent-or-throw";
import { listConsents } from "../../domain/consents/list-consents";
import { revokeConsent } from "../../domain/consents/revoke-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  Consent,
  ConsentList,
  ConsentParams,
  CreateSandboxConsentBody,
  ListConsentsQuery,
  SandboxConsentTokens,
} from "../../schemas/consent";
import { NOT_FOUND, problemResponses, jsonResponse } from "../../schemas/problem";
import { capture, exampleRun } from "../../schemas/example-run";

const SANDBOX_DESCRIPTION = [
  "Mints a consent and its first tokens for a persona without the browser, as if the customer had logged in at the bank and approved: the sandbox's equivalent of Plaid's sandbox public token. Use it in automated tests; use `/oauth/authorize` to test your real flow.",
  "",
  "- `account_ids` defaults to all of the persona's accounts; ids of another customer's accounts are a 400.",
  "- The consent expires 90 days later on the sandbox clock, the access token after one hour; refresh at `POST /oauth/token`.",
  "- API keys only (a consent token gets 403 `api_key_required`).",
  "- Not idempotent, by design: the answer carries tokens, which the bank stores only as hashes, so it cannot be replayed. A retry mints another consent; revoke the spare one.",
].join("\n");

/** The app's consents (API key only): list, read, revoke; and the sandbox shortcut. */
const consents: FastifyPluginAsyncZod = async (app) => {
  const at = (request: { tenant: import("../../domain/tenants/ensure-tenant").Tenant | null }) => tenantNow(request.tenant!, app.now());

  app.get(
    "/consents",
    {
      schema: {
        operationId: "listConsents",
        tags: ["Consents"],
        summary: "List consents",
        description:
          "Lists the consents of your app, newest first, from every API over this bank: /v1's own and those made through UK Open Banking or the Berlin Group (`standard`, `kind`). Statuses are on the sandbox clock (`authorised`, `revoked`, `expired`; a standard's consent may also be `awaiting_authorisation`, `rejected` or `consumed`). Filter by status, standard or customer; page with `limit` and `cursor`.",
        querystring: ListConsentsQuery,
        response: { 200: jsonResponse("A page of consents, newest first.", ConsentList), ...problemResponses() },
      },
    },
    async (request) =>
      listConsents({
        db: app.db,
        cursors: app.cursors,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        status: request.query.status,
        standard: request.query.standard,
        customerId: request.query.customer_id,
        limit: request.query.limit,
        cursor: request.query.cursor,
        tenantNow: at(request),
      }),
  );

  app.get(
    "/consents/:consent_id",
    {
      schema: {
        operationId: "getConsent",
        tags: ["Consents"],
        summary: "Get a consent",
        description:
          "Returns one consent, of any standard: who granted it, which permissions and accounts, and until when. A standard's own view (`GET /open-banking/v4.0/aisp/account-access-consents/{ConsentId}`, `GET /berlin-group/v1/consents/{consentId}`) repeats the body it was created with.",
        params: ConsentParams,
        response: { 200: jsonResponse("The consent.", Consent), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      getConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: request.params.consent_id,
        tenantNow: at(request),
      }),
  );

  app.delete(
    "/consents/:consent_id",
    {
      schema: {
        operationId: "revokeConsent",
        tags: ["Consents"],
        summary: "Revoke a consent",
        description:
          "Revokes the consent, whatever standard it was made through (`revoked_by: developer`): its access and refresh tokens stop working at once (401 `consent_revoked` on /v1; each standard refuses them in its own terms), and its standard's view shows it ended (UK `CANC`, Berlin Group `terminatedByTpp`). Emits `consent.revoked`. A consent awaiting authorisation is revoked too; one that already ended (revoked, rejected, consumed) is returned unchanged.",
        params: ConsentParams,
        response: { 200: jsonResponse("The revoked consent.", Consent), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      revokeConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: request.params.consent_id,
        now: app.now(),
        tenantNow: at(request),
      }),
  );

  app.post(
    "/sandbox/consents",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "createSandboxConsent",
        // A consents operation first (its area in the reference, its folder in the Postman collection,
        // before the consent it mints is read and revoked), and a sandbox control.
        tags: ["Consents", "Sandbox"],
        summary: "Mint a consent for a persona",
        description: SANDBOX_DESCRIPTION,
        body: CreateSandboxConsentBody,
        ...exampleRun({ captures: [capture("consentId", "/consent/id"), capture("consentToken", "/access_token")] }),
        response: { 201: jsonResponse("The consent and its first tokens.", SandboxConsentTokens), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const result = await createSandboxConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        input: request.body,
        tenantNow: at(request),
      });
      return reply.code(201).header("cache-control", "no-store").send(result);
    },
  );
  app.post(
    "/sandbox/consents/:consent_id/expire",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "expireSandboxConsent",
        tags: ["Consents", "Sandbox"],
        summary: "Expire a consent now",
        description: [
          "Makes one of your consents reach its expiry now on your sandbox clock, as if its 90 days had run out, without moving the clock: the sandbox's way to test what your app does when a customer's consent expires (Plaid's sandbox has `/sandbox/item/reset_login` for the same moment).",
          "",
          "- From the next call its access tokens answer 401 `consent_expired` (a standard's API answers in its own terms) and its refresh token `invalid_grant`: send the customer through consent again.",
          "- `GET /v1/consents/{consent_id}` shows it `expired`, with `expires_at` now.",
          "- A consent that already ended (revoked, rejected, consumed, expired) is returned unchanged; another app's is a 404 like an unknown id.",
        ].join("\n"),
        params: ConsentParams,
        response: { 200: jsonResponse("The consent, expired.", Consent), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) =>
      expireConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId ?? request.tenantId,
        consentId: request.params.consent_id,
        tenantNow: at(request),
      }),
  );
};

export default consents;
