import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { confirmPaymentFunds } from "../../domain/open-banking/confirm-payment-funds";
import { createPaymentConsent } from "../../domain/open-banking/create-payment-consent";
import { createPaymentOrder } from "../../domain/open-banking/create-payment-order";
import { getPaymentConsentOrThrow, paymentConsentAnswer } from "../../domain/open-banking/payment-consents";
import { checkDomesticInitiation, domesticPaymentInput } from "../../domain/open-banking/payment-initiations";
import { minorAmount } from "../../domain/open-banking/payment-identification";
import { getPaymentOrderOrThrow, paymentDetailsAnswer, paymentOrderAnswer } from "../../domain/open-banking/payment-orders";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { ObHeaders, ObIdempotentHeaders, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import {
  ConsentIdParams,
  ObWriteDomestic,
  ObWriteDomesticConsent,
  ObWriteDomesticConsentResponse,
  ObWriteDomesticResponse,
  ObWriteFundsConfirmationResponse,
  ObWritePaymentDetailsResponse,
} from "../../schemas/open-banking/pis-domestic";
import { pisRoute } from "./pisp-route-config";

const TAGS = ["Domestic Payments"];
const PaymentParams = z.object({ DomesticPaymentId: z.string().min(1).max(40).describe("The payment's id (`pay_…`).") });

/** Domestic payments: consents (with funds confirmation), payment orders and their details. */
const pispDomestic: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const issuer = app.authorizationServer.issuer;

  app.post(
    "/domestic-payment-consents",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateDomesticPaymentConsents",
        tags: TAGS,
        summary: "Create Domestic Payment Consents",
        description:
          "Stages a single immediate domestic payment (GBP) for the customer to authorise, with a client-credentials token carrying scope `payments` (or the app's sandbox key). Then push an authorization request naming it (`openbanking_intent_id`); the customer picks the debtor account and approves. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteDomesticConsent,
        response: { 201: obResponse("The consent, `AWAU`.", ObWriteDomesticConsentResponse), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      checkDomesticInitiation(request.body.Data.Initiation);
      const consent = await createOnce(request.idempotency, {
        get: (consentId) =>
          getPaymentConsentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: "domestic_payment" }),
        create: (idempotencyKeyId) =>
          createPaymentConsent({
            db: app.db,
            tenantId: request.tenantId,
            appId: request.appId!,
            now: now(request),
            kind: "domestic_payment",
            body: request.body,
            idempotencyKeyId,
          }),
      });
      return reply.code(201).send(await paymentConsentAnswer(app.db, consent, now(request), issuer));
    },
  );

  app.get(
    "/domestic-payment-consents/:ConsentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticPaymentConsentsConsentId",
        tags: TAGS,
        summary: "Get Domestic Payment Consents",
        description: "The consent as staged, with its status (`AWAU`, `AUTH`, `COND` once paid, `RJCT`) and, once authorised, the debtor.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", ObWriteDomesticConsentResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const consent = await getPaymentConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: "domestic_payment",
      });
      return paymentConsentAnswer(app.db, consent, now(request), issuer);
    },
  );

  app.get(
    "/domestic-payment-consents/:ConsentId/funds-confirmation",
    {
      config: pisRoute.readAsCustomer,
      schema: {
        operationId: "GetDomesticPaymentConsentsConsentIdFundsConfirmation",
        tags: TAGS,
        summary: "Get Domestic Payment Consents Funds Confirmation",
        description:
          "With the customer's token of this consent, once authorised: whether the debtor account's available balance (with its arranged overdraft) covers the payment. Nothing is reserved.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The answer.", ObWriteFundsConfirmationResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const tokenConsent = request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null;
      const consent = await getPaymentConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: "domestic_payment",
      });
      const amount = (JSON.parse(consent.details!) as { Data: { Initiation: { InstructedAmount: { Amount: string; Currency: string } } } })
        .Data.Initiation.InstructedAmount;
      return confirmPaymentFunds({
        db: app.db,
        tenantId: request.tenantId,
        now: now(request),
        issuer,
        tokenConsent: tokenConsent!,
        consentId: consent.id,
        kind: "domestic_payment",
        // Another currency than the account's cannot be paid from it at all.
        required: (currency) =>
          currency === amount.Currency ? minorAmount(amount, "Data.Initiation.InstructedAmount") : BigInt(Number.MAX_SAFE_INTEGER),
      });
    },
  );

  app.post(
    "/domestic-payments",
    {
      config: pisRoute.pay,
      schema: {
        operationId: "CreateDomesticPayments",
        tags: TAGS,
        summary: "Create Domestic Payments",
        description:
          "Pays an authorised consent, with the customer's token of that consent: `Initiation` and `Risk` exactly as consented. The money moves at once (FPS, CHAPS, Paym: `ACCC` to one of your sandbox's accounts, `ACSC` to another bank; BACS settles a day later on the sandbox clock: `ACSP`). The consent is then `COND`: a second payment is refused. Magic values: amount `666.66` and creditor name `AML HIT` are rejected (`RJCT`, reason `AM04` / `RR04`); insufficient funds are a 400 `UK.OBIE.Rules.InsufficientFunds` and leave the consent usable. The payment is a /v1 payment too (`GET /v1/payments`), with its webhooks. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteDomestic,
        response: {
          201: obResponse("The payment order.", ObWriteDomesticResponse),
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
            kind: "domestic_payment",
          });
          return paymentOrderAnswer(app.db, found.payment, found.consent, issuer, "domestic_payment");
        },
        create: async (idempotencyKeyId) => {
          const tokenConsent = request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null;
          const payment = await createPaymentOrder({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            kind: "domestic_payment",
            tokenConsent: tokenConsent!,
            body: request.body,
            idempotencyKeyId,
            toPayment: async ({ debtorAccountId }) => ({ input: domesticPaymentInput(request.body.Data.Initiation, debtorAccountId) }),
          });
          return paymentOrderAnswer(app.db, payment, tokenConsent!, issuer, "domestic_payment");
        },
      });
      return reply.code(201).send(answer);
    },
  );

  app.get(
    "/domestic-payments/:DomesticPaymentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticPaymentsDomesticPaymentId",
        tags: TAGS,
        summary: "Get Domestic Payments",
        description:
          "The payment order with its current status (a BACS payment turns `ACSC`/`ACCC` once the sandbox clock passes its settlement).",
        headers: ObHeaders,
        params: PaymentParams,
        response: { 200: obResponse("The payment order.", ObWriteDomesticResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment, consent } = await getPaymentOrderOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.DomesticPaymentId,
        kind: "domestic_payment",
      });
      return paymentOrderAnswer(app.db, payment, consent, issuer, "domestic_payment");
    },
  );

  app.get(
    "/domestic-payments/:DomesticPaymentId/payment-details",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetDomesticPaymentsDomesticPaymentIdPaymentDetails",
        tags: TAGS,
        summary: "Get Payment Details",
        description: "Each status the payment reached, with its reason when rejected.",
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
        paymentId: request.params.DomesticPaymentId,
        kind: "domestic_payment",
      });
      return paymentDetailsAnswer(payment, issuer, "domestic_payment");
    },
  );
};

export default pispDomestic;
