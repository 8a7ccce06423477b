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
import { checkExecutionDate } from "../../domain/open-banking/payment-initiations";
import { internationalPaymentInput, priceInternationalPayment } from "../../domain/open-banking/price-international-payment";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { ObHeaders, ObIdempotentHeaders, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import { ConsentIdParams, ObWriteFundsConfirmationResponse, ObWritePaymentDetailsResponse } from "../../schemas/open-banking/pis-domestic";
import {
  ObWriteInternationalScheduled,
  ObWriteInternationalScheduledConsent,
  ObWriteInternationalScheduledConsentResponse,
  ObWriteInternationalScheduledResponse,
} from "../../schemas/open-banking/pis-international";
import { pisRoute } from "./pisp-route-config";

const TAGS = ["International Scheduled Payments"];
const KIND = "international_scheduled_payment" as const;
const PaymentParams = z.object({ InternationalScheduledPaymentId: z.string().min(1).max(40).describe("The payment's id (`pay_…`).") });

/** The consent's FX rate and fee, which its payment answers repeat. */
const pricing = (consent: BankConsent) => {
  const bank = consentDetails(consent).Bank ?? {};
  return { ExchangeRateInformation: bank.ExchangeRateInformation, Charges: bank.Charges };
};

/**
 * International scheduled payments: priced as international payments are (a firm FX quote when the
 * consent is staged, paid when the payment is submitted), executed as scheduled payments are: the
 * money leaves on RequestedExecutionDateTime of the tenant's clock, then settles a day later.
 */
const pispInternationalScheduled: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const issuer = app.authorizationServer.issuer;

  app.post(
    "/international-scheduled-payment-consents",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateInternationalScheduledPaymentConsents",
        tags: TAGS,
        summary: "Create International Scheduled Payment Consents",
        description:
          "Stages a future-dated international payment to a non-GB IBAN for the customer to authorise: `RequestedExecutionDateTime` in the future of the sandbox clock, at most a year ahead. Priced at once with a firm FX quote of the sandbox (`ExchangeRateInformation`, its fee in `Charges`): the payment must be submitted by the consent's `CutOffDateTime`, and executes at that rate on its date. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteInternationalScheduledConsent,
        response: {
          201: obResponse("The consent, `AWAU`, with its rate.", ObWriteInternationalScheduledConsentResponse),
          ...obErrorResponses(),
        },
      },
    },
    async (request, reply) => {
      checkExecutionDate(request.body.Data.Initiation.RequestedExecutionDateTime, now(request));
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
    "/international-scheduled-payment-consents/:ConsentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalScheduledPaymentConsentsConsentId",
        tags: TAGS,
        summary: "Get International Scheduled Payment Consents",
        description: "The consent as staged, with its status, rate, fee and execution date and, once authorised, the debtor.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", ObWriteInternationalScheduledConsentResponse), ...obErrorResponses() },
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
    "/international-scheduled-payment-consents/:ConsentId/funds-confirmation",
    {
      config: pisRoute.readAsCustomer,
      schema: {
        operationId: "GetInternationalScheduledPaymentConsentsConsentIdFundsConfirmation",
        tags: TAGS,
        summary: "Get International Scheduled Payment Consents Funds Confirmation",
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
    "/international-scheduled-payments",
    {
      config: pisRoute.pay,
      schema: {
        operationId: "CreateInternationalScheduledPayments",
        tags: TAGS,
        summary: "Create International Scheduled Payments",
        description:
          "Schedules an authorised consent's payment with the customer's token of that consent, at the consent's quoted rate: `PDNG` until the sandbox clock reaches `RequestedExecutionDateTime`, when the quote's sell amount and fee leave the debtor account (`ACSP`, settled a day later: `ACSC`), or the payment is rejected if the account cannot pay then (`RJCT`, `AM04`). Refused once the consent's cut-off has passed. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteInternationalScheduled,
        response: {
          201: obResponse("The payment order.", ObWriteInternationalScheduledResponse),
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
              executeAt: new Date(request.body.Data.Initiation.RequestedExecutionDateTime),
            }),
          });
          return paymentOrderAnswer(app.db, payment, tokenConsent!, issuer, KIND, pricing(tokenConsent!));
        },
      });
      return reply.code(201).send(answer);
    },
  );

  app.get(
    "/international-scheduled-payments/:InternationalScheduledPaymentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalScheduledPaymentsInternationalScheduledPaymentId",
        tags: TAGS,
        summary: "Get International Scheduled Payments",
        description:
          "The scheduled payment with its current status: `PDNG` until its date, `ACSP` until it settles a day later, then `ACSC`; or `RJCT`.",
        headers: ObHeaders,
        params: PaymentParams,
        response: { 200: obResponse("The payment order.", ObWriteInternationalScheduledResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { payment, consent } = await getPaymentOrderOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        paymentId: request.params.InternationalScheduledPaymentId,
        kind: KIND,
      });
      return paymentOrderAnswer(app.db, payment, consent, issuer, KIND, pricing(consent));
    },
  );

  app.get(
    "/international-scheduled-payments/:InternationalScheduledPaymentId/payment-details",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetInternationalScheduledPaymentsInternationalScheduledPaymentIdPaymentDetails",
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
        paymentId: request.params.InternationalScheduledPaymentId,
        kind: KIND,
      });
      return paymentDetailsAnswer(payment, issuer, KIND);
    },
  );
};

export default pispInternationalScheduled;
