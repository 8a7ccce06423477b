import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { createPaymentConsent } from "../../domain/open-banking/create-payment-consent";
import { createPaymentOrder } from "../../domain/open-banking/create-payment-order";
import { getPaymentConsentOrThrow, paymentConsentAnswer } from "../../domain/open-banking/payment-consents";
import { checkDomesticInitiation, checkExecutionDate, domesticPaymentInput } from "../../domain/open-banking/payment-initiations";
import { getPaymentOrderOrThrow, paymentDetailsAnswer, paymentOrderAnswer } from "../../domain/open-banking/payment-orders";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { ObHeaders, ObIdempotentHeaders, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import {
  ConsentIdParams,
  ObWriteDomesticScheduled,
  ObWriteDomesticScheduledConsent,
  ObWriteDomesticScheduledConsentResponse,
  ObWriteDomesticScheduledResponse,
  ObWritePaymentDetailsResponse,
} from "../../schemas/open-banking/pis-domestic";
import { pisRoute } from "./pisp-route-config";

const TAGS = ["Domestic Scheduled Payments"];
const KIND = "domestic_scheduled_payment" as const;
const PaymentParams = z.object({ DomesticScheduledPaymentId: z.string().min(1).max(40).describe("The payment's id (`pay_…`).") });

/**
 * Domestic scheduled (future-dated) payments: the money leaves on RequestedExecutionDateTime of the
 * tenant's clock, never before; until then the payment is `PDNG` (a /v1 payment `scheduled`).
 */
const pispScheduled: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const issuer = app.authorizationServer.issuer;

  app.post(
    "/domestic-scheduled-payment-consents",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateDomesticScheduledPaymentConsents",
        tags: TAGS,
        summary: "Create Domestic Scheduled Payment Consents",
        description:
          "Stages a future-dated domestic payment (GBP) for the customer to authorise: `RequestedExecutionDateTime` in the future of the sandbox clock, at most a year ahead. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteDomesticScheduledConsent,
        response: { 201: obResponse("The consent, `AWAU`.", ObWriteDomesticScheduledConsentResponse), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      const initiation = request.body.Data.Initiation;
      checkDomesticInitiation(initiation);
      checkExecutionDate(initiation.RequestedExecutionDateTime, now(request));
      const consent = await createOnce(request.idempotency, {
        get: (consentId) =>
          getPaymentConsentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: KIND }),
        create: (idempotencyKeyId) =>
          createPaymentConsent({
            db: app.db,
            tenantId: request.tenantId,
            appId: request.appId!,
            now: now(request),
            kind: KIND,
            body: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).send(await paymentConsentAnswer(app.db, consent, now(request), issuer));
    },
  );

  app.get(
    "/domestic-scheduled-payment-consents/:ConsentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticScheduledPaymentConsentsConsentId",
        tags: TAGS,
        summary: "Get Domestic Scheduled Payment Consents",
        description: "The consent as staged, with its status and, once authorised, the debtor.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", ObWriteDomesticScheduledConsentResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const consent = await getPaymentConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: KIND,
      });
      return paymentConsentAnswer(app.db, consent, now(request), issuer);
    },
  );

  app.post(
    "/domestic-scheduled-payments",
    {
      config: pisRoute.pay,
      schema: {
        operationId: "CreateDomesticScheduledPayments",
        tags: TAGS,
        summary: "Create Domestic Scheduled Payments",
        description:
          "Schedules an authorised consent's payment, with the customer's token of that consent: `PDNG` until the sandbox clock reaches `RequestedExecutionDateTime` (advance it with `POST /v1/sandbox/clock/advance`), when the money leaves (`ACSC`), or the payment is rejected if the account cannot pay it then (`RJCT`, `AM04`). The consent is `COND` at once. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteDomesticScheduled,
        response: {
          201: obResponse("The scheduled payment, `PDNG`.", ObWriteDomesticScheduledResponse),
          ...obErrorResponses({
            409: "`UK.OBIE.Header.Invalid`: a request with this x-idempotency-key is still running (after a wait of 5 s).",
          }),
        },
      },
    },
    async (request, reply) => {
      const answer = await createOnce(request.idempotency, {
        get: async (paymentId) => {
          const found = await getPaymentOrderOrThrow({
            db: app.db,
            tenantId: request.tenantId,
            appId: request.appId,
            paymentId,
            kind: KIND,
          });
          return paymentOrderAnswer(app.db, found.payment, found.consent, issuer, KIND);
        },
        create: async (idempotencyKeyId) => {
          const tokenConsent = request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null;
          const initiation = request.body.Data.Initiation;
          const payment = await createPaymentOrder({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            kind: KIND,
            tokenConsent: tokenConsent!,
            body: request.body,
            idempotencyKeyId,
            toPayment: async ({ debtorAccountId }) => ({
              input: domesticPaymentInput(initiation, debtorAccountId),
              executeAt: new Date(initiation.RequestedExecutionDateTime),
            }),
          });
          return paymentOrderAnswer(app.db, payment, tokenConsent!, issuer, KIND);
        },
      });
      return reply.code(201).send(answer);
    },
  );

  app.get(
    "/domestic-scheduled-payments/:DomesticScheduledPaymentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticScheduledPaymentsDomesticScheduledPaymentId",
        tags: TAGS,
        summary: "Get Domestic Scheduled Payments",
        description: "The scheduled payment with its current status: `PDNG` until its date, then `ACSC` (or `ACSP` for BACS) or `RJCT`.",
        headers: ObHeaders,
        params: PaymentParams,
        response: { 200: obResponse("The scheduled payment.", ObWriteDomesticScheduledResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment, consent } = await getPaymentOrderOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.DomesticScheduledPaymentId,
        kind: KIND,
      });
      return paymentOrderAnswer(app.db, payment, consent, issuer, KIND);
    },
  );

  app.get(
    "/domestic-scheduled-payments/:DomesticScheduledPaymentId/payment-details",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticScheduledPaymentsDomesticScheduledPaymentIdPaymentDetails",
        tags: TAGS,
        summary: "Get Payment Details",
        description: "Each status the scheduled payment reached: `PDNG`, then its execution's.",
        headers: ObHeaders,
        params: PaymentParams,
        response: { 200: obResponse("The payment's status history.", ObWritePaymentDetailsResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment } = await getPaymentOrderOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.DomesticScheduledPaymentId,
        kind: KIND,
      });
      return paymentDetailsAnswer(payment, issuer, KIND);
    },
  );
};

export default pispScheduled;
