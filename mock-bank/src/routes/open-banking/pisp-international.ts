import type { BankConsent } from "@prisma/client";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { confirmPaymentFunds } from "../../domain/open-banking/confirm-payment-funds";
import { createPaymentConsent, paymentConsentExpiry } from "../../domain/open-banking/create-payment-consent";
import { createPaymentOrder } from "../../domain/open-banking/create-payment-order";
import { consentDetails, getPaymentConsentOrThrow, paymentConsentAnswer } from "../../domain/open-banking/payment-consents";
import { getPaymentOrderOrThrow, paymentDetailsAnswer, paymentOrderAnswer } from "../../domain/open-banking/payment-orders";
import { internationalPaymentInput, priceInternationalPayment } from "../../domain/open-banking/price-international-payment";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { ObHeaders, ObIdempotentHeaders, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import { ConsentIdParams, ObWriteFundsConfirmationResponse, ObWritePaymentDetailsResponse } from "../../schemas/open-banking/pis-domestic";
import {
  ObWriteInternational,
  ObWriteInternationalConsent,
  ObWriteInternationalConsentResponse,
  ObWriteInternationalResponse,
} from "../../schemas/open-banking/pis-international";
import { pisRoute } from "./pisp-route-config";

const TAGS = ["International Payments"];
const KIND = "international_payment" as const;
const PaymentParams = z.object({ InternationalPaymentId: z.string().min(1).max(40).describe("The payment's id (`pay_…`).") });

/** The consent's FX rate and fee, which its payment answers repeat. */
const pricing = (consent: BankConsent) => {
  const bank = consentDetails(consent).Bank ?? {};
  return { ExchangeRateInformation: bank.ExchangeRateInformation, Charges: bank.Charges };
};

/**
 * International payments: each consent is priced with one of the sandbox's firm FX quotes (held
 * until the consent's cut-off), which its payment pays: a /v1 `international` payment.
 */
const pispInternational: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const issuer = app.authorizationServer.issuer;

  app.post(
    "/international-payment-consents",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateInternationalPaymentConsents",
        tags: TAGS,
        summary: "Create International Payment Consents",
        description:
          "Stages an international payment to a non-GB IBAN for the customer to authorise, priced at once with a firm FX quote of the sandbox (its rate in `ExchangeRateInformation`, `ContractIdentification` the quote's `fxq_…` id; its fee in `Charges`), held until the consent's `CutOffDateTime`. The debtor sells its account's currency (GBP unless `DebtorAccount` names another). `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteInternationalConsent,
        response: { 201: obResponse("The consent, `AWAU`, with its rate.", ObWriteInternationalConsentResponse), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      const consent = await createOnce(request.idempotency, {
        get: (consentId) =>
          getPaymentConsentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: KIND }),
        create: async (idempotencyKeyId) => {
          const expiresAt = paymentConsentExpiry(now(request), request.body.Data);
          const bank = await priceInternationalPayment({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            initiation: request.body.Data.Initiation,
            expiresAt,
          });
          return createPaymentConsent({
            db: app.db,
            tenantId: request.tenantId,
            appId: request.appId!,
            now: now(request),
            kind: KIND,
            body: request.body,
            bank,
            expiresAt,
            idempotencyKeyId,
          });
        },
      });
      return reply.code(201).send(await paymentConsentAnswer(app.db, consent, now(request), issuer));
    },
  );

  app.get(
    "/international-payment-consents/:ConsentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalPaymentConsentsConsentId",
        tags: TAGS,
        summary: "Get International Payment Consents",
        description: "The consent as staged, with its status, rate and fee and, once authorised, the debtor.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", ObWriteInternationalConsentResponse), ...obErrorResponses() },
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

  app.get(
    "/international-payment-consents/:ConsentId/funds-confirmation",
    {
      config: pisRoute.readAsCustomer,
      schema: {
        operationId: "GetInternationalPaymentConsentsConsentIdFundsConfirmation",
        tags: TAGS,
        summary: "Get International Payment Consents Funds Confirmation",
        description:
          "With the customer's token of this consent, once authorised: whether the debtor account's available balance covers what the payment debits (the quote's sell amount plus its fee).",
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
        kind: KIND,
      });
      const quote = await app.db.bankFxQuote.findFirst({
        where: { id: consentDetails(consent).Bank?.quoteId ?? "", tenantId: request.tenantId },
      });
      return confirmPaymentFunds({
        db: app.db,
        tenantId: request.tenantId,
        now: now(request),
        issuer,
        tokenConsent: tokenConsent!,
        consentId: consent.id,
        kind: KIND,
        // An account in another currency than the quote sells cannot pay it at all.
        required: (currency) => (quote && currency === quote.sellCurrency ? quote.sellAmount + quote.fee : BigInt(Number.MAX_SAFE_INTEGER)),
      });
    },
  );

  app.post(
    "/international-payments",
    {
      config: pisRoute.pay,
      schema: {
        operationId: "CreateInternationalPayments",
        tags: TAGS,
        summary: "Create International Payments",
        description:
          "Pays an authorised consent with the customer's token of that consent, at the consent's quoted rate: the debtor pays the quote's sell amount and fee; the payment settles a day later on the sandbox clock (`ACSP`, then `ACSC`). Refused once the consent's cut-off has passed. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteInternational,
        response: {
          201: obResponse("The payment order.", ObWriteInternationalResponse),
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
          return paymentOrderAnswer(app.db, found.payment, found.consent, issuer, KIND, pricing(found.consent));
        },
        create: async (idempotencyKeyId) => {
          const tokenConsent = request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null;
          const payment = await createPaymentOrder({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            kind: KIND,
            tokenConsent: tokenConsent!,
            body: request.body,
            idempotencyKeyId,
            toPayment: async ({ debtorAccountId, consent }) => ({
              input: internationalPaymentInput(request.body.Data.Initiation, debtorAccountId, consentDetails(consent).Bank!.quoteId!),
            }),
          });
          return paymentOrderAnswer(app.db, payment, tokenConsent!, issuer, KIND, pricing(tokenConsent!));
        },
      });
      return reply.code(201).send(answer);
    },
  );

  app.get(
    "/international-payments/:InternationalPaymentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalPaymentsInternationalPaymentId",
        tags: TAGS,
        summary: "Get International Payments",
        description: "The payment order with its current status: `ACSP` until it settles a day later on the sandbox clock, then `ACSC`.",
        headers: ObHeaders,
        params: PaymentParams,
        response: { 200: obResponse("The payment order.", ObWriteInternationalResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment, consent } = await getPaymentOrderOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.InternationalPaymentId,
        kind: KIND,
      });
      return paymentOrderAnswer(app.db, payment, consent, issuer, KIND, pricing(consent));
    },
  );

  app.get(
    "/international-payments/:InternationalPaymentId/payment-details",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalPaymentsInternationalPaymentIdPaymentDetails",
        tags: TAGS,
        summary: "Get Payment Details",
        description: "Each status the payment reached.",
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
        paymentId: request.params.InternationalPaymentId,
        kind: KIND,
      });
      return paymentDetailsAnswer(payment, issuer, KIND);
    },
  );
};

export default pispInternational;
