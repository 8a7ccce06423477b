import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { ObError } from "../../domain/open-banking/ob-errors";
import { UK_IDEMPOTENCY } from "./pisp-route-config";
import { toVrpConsentResponse } from "../../domain/open-banking/vrp-consent-dto";
import { createVrpConsent } from "../../domain/open-banking/vrp-create-consent";
import { createVrpPayment } from "../../domain/open-banking/vrp-create-payment";
import { findObConsent } from "../../domain/open-banking/vrp-find-consent";
import { confirmVrpFunds } from "../../domain/open-banking/vrp-funds-confirmation";
import { findVrpPayment, toVrpPaymentResponse, vrpPaymentStatus, vrpStatusUpdateDateTime } from "../../domain/open-banking/vrp-payment-dto";
import { revokeObConsent } from "../../domain/open-banking/vrp-revoke-consent";
import { tenantNow } from "../../domain/tenants/tenant-now";
import {
  ConsentIdParams,
  DomesticVrpIdParams,
  OBDomesticVRPConsentRequest,
  OBDomesticVRPConsentResponse,
  OBDomesticVRPDetails,
  OBDomesticVRPRequest,
  OBDomesticVRPResponse,
  OBVRPFundsConfirmationRequest,
  OBVRPFundsConfirmationResponse,
} from "../../schemas/open-banking/vrp";
import { obBodyless, obErrorResponses, ObIdempotentHeaders, obJson, ObRequestHeaders } from "../../schemas/open-banking/vrp-cof-common";

const CONSENTS = ["Domestic VRP Consents"];
const PAYMENTS = ["Domestic VRPs"];
const IN_FLIGHT = "A request with this x-idempotency-key is still being processed (UK.OBIE.Rules.ResourceAlreadyExists): retry shortly.";

/** The app's own calls (client-credentials token with `payments`, or the sandbox key) and the customer's token. */
const asApp = { standardAccess: { caller: "app", scope: "payments", standard: "uk_open_banking" } } as const;
const asCustomer = { standardAccess: { caller: "consent", scope: "payments", standard: "uk_open_banking" } } as const;

/** The VRP document marks x-jws-signature required on every answer with a body: the bank always signs them. */
const signed = { messageSigning: "always" } as const;

function customerConsent(request: FastifyRequest) {
  const caller = request.standardCaller;
  if (caller?.kind !== "consent")
    throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "This endpoint needs the customer's access token.");
  return caller.consent;
}

function appOf(request: FastifyRequest): string {
  if (!request.appId) throw new ObError(403, "UK.OBIE.Resource.ConsentMismatch", "The call names no app.");
  return request.appId;
}

/** UK Open Banking 4.0, Variable Recurring Payments (uk-ob-vrp-4.0.yaml): domestic-vrp-consents and domestic-vrps. */
const vrp: FastifyPluginAsyncZod = async (app) => {
  const issuer = () => app.authorizationServer.issuer;
  const clock = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());

  app.post(
    "/domestic-vrp-consents",
    {
      config: { ...asApp, ...signed, idempotency: UK_IDEMPOTENCY },
      schema: {
        operationId: "domesticVrpConsentsPost",
        tags: CONSENTS,
        summary: "Create a domestic VRP consent",
        description:
          "With the app's client-credentials token (scope `payments`). The consent awaits the customer (`AWAU`): push an authorization request naming it in `openbanking_intent_id`; once the customer approves, it is `AUTH` and stays so until `ValidToDateTime` or a DELETE. Every PeriodicLimit and the MaximumIndividualAmount are in one currency; a `Fortnight` is `Consent`-aligned. `ControlParameters.SupplementaryData` takes the sandbox's cumulative limits (`MaximumCumulativeAmount`, `MaximumCumulativeNumberOfPayments`). `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: OBDomesticVRPConsentRequest,
        response: {
          201: obJson("The consent, awaiting authorisation (AWAU).", OBDomesticVRPConsentResponse),
          ...obErrorResponses({ 409: IN_FLIGHT }),
        },
      },
    },
    async (request, reply) => {
      const now = clock(request);
      const consent = await createOnce(request.idempotency, {
        get: async (consentId) =>
          toVrpConsentResponse({
            db: app.db,
            row: await findObConsent({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: "domestic_vrp" }),
            tenantNow: now,
            issuer: issuer(),
          }),
        create: (idempotencyKeyId) =>
          createVrpConsent({
            db: app.db,
            tenantId: request.tenantId,
            appId: appOf(request),
            body: request.body,
            tenantNow: now,
            issuer: issuer(),
            idempotencyKeyId,
          }),
      });
      return reply.code(201).send(consent);
    },
  );

  app.get(
    "/domestic-vrp-consents/:ConsentId",
    {
      config: { ...asApp, ...signed },
      schema: {
        operationId: "domesticVrpConsentsGet",
        tags: CONSENTS,
        summary: "Retrieve a domestic VRP consent",
        description:
          "The consent with its status on the sandbox clock (AWAU, AUTH, RJCT, CANC, EXPD) and, once authorised, the DebtorAccount the customer chose. An unknown id, or another app's, is a 400 UK.OBIE.Resource.NotFound.",
        headers: ObRequestHeaders,
        params: ConsentIdParams,
        response: { 200: obJson("The consent.", OBDomesticVRPConsentResponse), ...obErrorResponses() },
      },
    },
    async (request) =>
      toVrpConsentResponse({
        db: app.db,
        row: await findObConsent({
          db: app.db,
          tenantId: request.tenantId,
          appId: request.appId,
          consentId: request.params.ConsentId,
          kind: "domestic_vrp",
        }),
        tenantNow: clock(request),
        issuer: issuer(),
      }),
  );

  app.delete(
    "/domestic-vrp-consents/:ConsentId",
    {
      config: { ...asApp, ...signed },
      schema: {
        operationId: "domesticVrpConsentsDelete",
        tags: CONSENTS,
        summary: "Delete a domestic VRP consent",
        description:
          "Ends the consent (`CANC`): its payments stay, no new one can be made and its tokens reach nothing. Deleting an ended consent changes nothing.",
        headers: ObRequestHeaders,
        params: ConsentIdParams,
        response: { 204: obBodyless("Deleted."), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      await revokeObConsent({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: "domestic_vrp",
        now: app.now(),
        tenantNow: clock(request),
      });
      return reply.code(204).send(null);
    },
  );

  // PUT and PATCH exist in 4.0 "only to be used for version migrations" (optional): a consent made
  // under an earlier version is re-submitted in the new shape. The sandbox has only 4.0 consents,
  // so there is nothing to migrate: the method is not allowed on the resource.
  for (const [method, operationId] of [
    ["put", "domesticVrpConsentsPut"],
    ["patch", "domesticVrpConsentsPatch"],
  ] as const) {
    app[method](
      "/domestic-vrp-consents/:ConsentId",
      {
        config: { ...asApp, ...signed },
        schema: {
          operationId,
          tags: CONSENTS,
          summary: "Update a domestic VRP consent (version migrations): not supported",
          description:
            "4.0 defines this (optional) only to migrate a consent made under an earlier version. The sandbox speaks 4.0 only, so no consent needs migrating: the answer is 405 Method Not Allowed, with `Allow: GET, DELETE`.",
          headers: ObRequestHeaders,
          params: ConsentIdParams,
          response: { 405: obBodyless("Not supported: no consent of an earlier version exists to migrate."), ...obErrorResponses() },
        },
      },
      async (_request, reply) => reply.code(405).header("allow", "GET, DELETE").send(),
    );
  }

  app.post(
    "/domestic-vrp-consents/:ConsentId/funds-confirmation",
    {
      config: { ...asCustomer, ...signed },
      schema: {
        operationId: "domesticVrpConsentsFundsConfirmation",
        tags: CONSENTS,
        summary: "Confirm availability of funds for a VRP",
        description:
          "With the customer's access token of this consent (authorised): whether the debtor account has the amount available now (booked less pending debits, plus the arranged overdraft). Nothing is reserved.",
        headers: ObRequestHeaders.extend({ "x-jws-signature": ObIdempotentHeaders.shape["x-jws-signature"] }),
        params: ConsentIdParams,
        body: OBVRPFundsConfirmationRequest,
        response: { 201: obJson("The answer: Available or NotAvailable.", OBVRPFundsConfirmationResponse), ...obErrorResponses() },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await confirmVrpFunds({
          db: app.db,
          consent: customerConsent(request),
          consentId: request.params.ConsentId,
          request: request.body,
          tenantNow: clock(request),
        }),
      ),
  );

  app.post(
    "/domestic-vrps",
    {
      config: { ...asCustomer, ...signed, idempotency: UK_IDEMPOTENCY },
      schema: {
        operationId: "domesticVrpPost",
        tags: PAYMENTS,
        summary: "Create a domestic VRP",
        description:
          "With the customer's access token of an authorised VRP consent. The request repeats the consent's Initiation and Risk; the payment must fit the MaximumIndividualAmount, every PeriodicLimit (periods on the sandbox clock, aligned as the consent says) and the validity window, else it is refused with UK.OBIE.Rules.FailsControlParameters (the `Path` names the parameter) and moves nothing. The money moves at once by Faster Payments (`ACSC`) and shows in `/v1/payments`; amount `666.66` is declined for insufficient funds in the payer's account (`RJCT`, `AM04`). The consent stays authorised. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: OBDomesticVRPRequest,
        response: { 201: obJson("The payment.", OBDomesticVRPResponse), ...obErrorResponses({ 409: IN_FLIGHT }) },
      },
    },
    async (request, reply) => {
      const consent = customerConsent(request);
      const payment = await createOnce(request.idempotency, {
        get: async (paymentId) =>
          toVrpPaymentResponse({
            db: app.db,
            ...(await findVrpPayment({ db: app.db, tenantId: request.tenantId, appId: request.appId, paymentId })),
            issuer: issuer(),
          }),
        create: (idempotencyKeyId) =>
          createVrpPayment({
            db: app.db,
            tenantId: request.tenantId,
            consent,
            request: request.body,
            tenantNow: clock(request),
            issuer: issuer(),
            idempotencyKeyId,
          }),
      });
      return reply.code(201).send(payment);
    },
  );

  app.get(
    "/domestic-vrps/:DomesticVRPId",
    {
      config: { ...asApp, ...signed },
      schema: {
        operationId: "domesticVrpGet",
        tags: PAYMENTS,
        summary: "Retrieve a domestic VRP",
        description:
          "One of the app's VRP payments, with the app's client-credentials token. An unknown id is a 400 UK.OBIE.Resource.NotFound.",
        headers: ObRequestHeaders,
        params: DomesticVrpIdParams,
        response: { 200: obJson("The payment.", OBDomesticVRPResponse), ...obErrorResponses() },
      },
    },
    async (request) =>
      toVrpPaymentResponse({
        db: app.db,
        ...(await findVrpPayment({
          db: app.db,
          tenantId: request.tenantId,
          appId: request.appId,
          paymentId: request.params.DomesticVRPId,
        })),
        issuer: issuer(),
      }),
  );

  app.get(
    "/domestic-vrps/:DomesticVRPId/payment-details",
    {
      config: { ...asApp, ...signed },
      schema: {
        operationId: "domesticVrpPaymentDetailsGet",
        tags: PAYMENTS,
        summary: "Retrieve a domestic VRP's payment details",
        description: "The payment's status as the scheme reports it (Faster Payments).",
        headers: ObRequestHeaders,
        params: DomesticVrpIdParams,
        response: { 200: obJson("The payment's status details.", OBDomesticVRPDetails), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment } = await findVrpPayment({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.DomesticVRPId,
      });
      const status = vrpPaymentStatus(payment);
      return {
        Data: {
          PaymentStatus: [
            {
              PaymentTransactionId: payment.id,
              Status: status,
              StatusUpdateDateTime: vrpStatusUpdateDateTime(payment),
              StatusDetail: {
                LocalInstrument: "UK.OBIE.FPS",
                Status: status === "ACSC" ? "AcceptedSettlementCompleted" : status === "RJCT" ? "Rejected" : "AcceptedSettlementInProcess",
                ...(payment.failureCode ? { StatusReason: payment.failureCode.slice(0, 64) } : {}),
                ...(payment.failureMessage ? { StatusReasonDescription: payment.failureMessage.slice(0, 256) } : {}),
              },
            },
          ],
        },
      };
    },
  );
};

export default vrp;
