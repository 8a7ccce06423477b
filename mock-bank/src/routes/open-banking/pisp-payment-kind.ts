import type { BankConsent, PrismaClient } from "@prisma/client";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { confirmPaymentFunds } from "../../domain/open-banking/confirm-payment-funds";
import { createPaymentConsent } from "../../domain/open-banking/create-payment-consent";
import { createPaymentOrder } from "../../domain/open-banking/create-payment-order";
import {
  getPaymentConsentOrThrow,
  PAYMENT_KINDS,
  type PaymentConsentDetails,
  type PaymentKind,
  paymentConsentAnswer,
} from "../../domain/open-banking/payment-consents";
import {
  getPaymentOrderOrThrow,
  ORDER_ID_FIELDS,
  paymentDetailsAnswer,
  paymentOrderAnswer,
} from "../../domain/open-banking/payment-orders";
import { tenantNow } from "../../domain/tenants/tenant-now";
import type { CreatePaymentInput } from "../../schemas/payment";
import { ObHeaders, obCreateSchema, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import { ConsentIdParams, ObWriteFundsConfirmationResponse, ObWritePaymentDetailsResponse } from "../../schemas/open-banking/pis-domestic";
import { pisRoute } from "./pisp-route-config";

/**
 * The routes every UK payment kind has, written once: its consent (POST, GET), the consent's funds
 * confirmation, its payment order (POST, GET) and the order's payment-details. A kind is described
 * by its schemas, its documentation and what differs in its handling (checks, pricing, the one
 * domain's payment); the paths, operationIds, summaries and tag follow from the kind's name
 * (`PAYMENT_KINDS`), as the standard's document derives them.
 */

/** What the consent domain reads of a consent request, and the payment domain of a payment request. */
type ConsentBody = { Data: PaymentConsentDetails["Data"]; Risk?: Record<string, unknown> };
type PaymentBody = { Data: { ConsentId: string; Initiation: Record<string, unknown> }; Risk?: Record<string, unknown> };

/** A payment kind's consent routes (file payments have these too). */
export type ConsentRoutes<Consent extends z.ZodType<ConsentBody>> = {
  kind: PaymentKind;
  consent: { request: Consent; response: z.ZodType };
  docs: {
    /** `POST …-consents`: the description, and its 201's. */
    createConsent: { description: string; created: string };
    /** `GET …-consents/{ConsentId}`. */
    getConsent: string;
  };
  /** What the bank checks of the request before anything is stored (each throws an ObError). */
  checkConsent?: (body: z.output<Consent>, now: Date) => void;
  /** What the bank adds to the consent (an FX quote, charges), and the earlier cut-off that comes with it. */
  priceConsent?: (options: {
    db: PrismaClient;
    tenantId: string;
    now: Date;
    body: z.output<Consent>;
  }) => Promise<{ bank: PaymentConsentDetails["Bank"]; expiresAt: Date }>;
};

/** A payment kind with payment orders: its consent routes, funds confirmation, and payment routes. */
export type PaymentKindRoutes<Consent extends z.ZodType<ConsentBody>, Payment extends z.ZodType<PaymentBody>> = ConsentRoutes<Consent> & {
  kind: keyof typeof ORDER_ID_FIELDS;
  payment: { request: Payment; response: z.ZodType };
  docs: {
    /** `POST …-payments`: the description, and its 201's. */
    pay: { description: string; created: string };
    /** `GET …-payments/{Id}`: the description, and its 200's. */
    getPayment: { description: string; ok: string };
    /** `GET …-payments/{Id}/payment-details`. */
    paymentDetails: string;
  };
  /**
   * `GET …-consents/{ConsentId}/funds-confirmation` (a kind without it, domestic scheduled, has none):
   * its description, and what the consent's payment will debit given the debtor account's currency.
   */
  fundsConfirmation?: {
    description: string;
    required: (options: { db: PrismaClient; tenantId: string; consent: BankConsent }) => Promise<(currency: string) => bigint>;
  };
  /** The one domain's payment for this request from the consent's debtor account. */
  toPayment: (
    body: z.output<Payment>,
    from: { debtorAccountId: string; consent: BankConsent },
  ) => { input: CreatePaymentInput; executeAt?: Date };
  /** What the payment order's answers repeat of its consent (an FX rate and fee). */
  orderExtra?: (consent: BankConsent) => Record<string, unknown>;
};

/** The names the document gives a kind: `domestic scheduled payment` → `Domestic Scheduled Payment`, `DomesticScheduledPayment`. */
function kindNames(kind: PaymentKind) {
  const title = PAYMENT_KINDS[kind].label
    .split(" ")
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(" ");
  return { title, pascal: title.replaceAll(" ", ""), tags: [`${title}s`] };
}

const IN_FLIGHT = "`UK.OBIE.Header.Invalid`: a request with this x-idempotency-key is still running (after a wait of 5 s).";

const now = (app: FastifyInstance, request: FastifyRequest) => tenantNow(request.tenant!, app.now());
/** The consent of the customer's token (the pisRoute.readAsCustomer and pisRoute.pay routes take no other). */
export const tokenConsentOf = (request: FastifyRequest) =>
  (request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null)!;

/** Registers `POST /{kind}-consents` and `GET /{kind}-consents/{ConsentId}`. */
export function registerConsentRoutes<Consent extends z.ZodType<ConsentBody>>(app: FastifyInstance, definition: ConsentRoutes<Consent>) {
  const { kind, docs } = definition;
  const { title, pascal, tags } = kindNames(kind);
  const path = `/${PAYMENT_KINDS[kind].consents}`;
  const issuer = app.authorizationServer.issuer;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    path,
    {
      config: pisRoute.createConsent,
      schema: obCreateSchema({
        operationId: `Create${pascal}Consents`,
        tags,
        summary: `Create ${title} Consents`,
        description: docs.createConsent.description,
        body: definition.consent.request,
        created: docs.createConsent.created,
        resource: definition.consent.response,
      }),
    },
    async (request, reply) => {
      // The type provider cannot resolve a generic schema's output: the schema validated it as this.
      const body = request.body as z.output<Consent>;
      definition.checkConsent?.(body, now(app, request));
      const consent = await createOnce(request.idempotency, {
        get: (consentId) => getPaymentConsentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind }),
        create: async (idempotencyKeyId) => {
          const priced = await definition.priceConsent?.({ db: app.db, tenantId: request.tenantId, now: now(app, request), body });
          return createPaymentConsent({
            db: app.db,
            tenantId: request.tenantId,
            appId: request.appId!,
            now: now(app, request),
            kind,
            body,
            ...priced,
            idempotencyKeyId,
          });
        },
      });
      return reply.code(201).send(await paymentConsentAnswer(app.db, consent, now(app, request), issuer));
    },
  );

  routes.get(
    `${path}/:ConsentId`,
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: `Get${pascal}ConsentsConsentId`,
        tags,
        summary: `Get ${title} Consents`,
        description: docs.getConsent,
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", definition.consent.response), ...obErrorResponses() },
      },
    },
    async (request) => {
      const { tenantId, appId } = request;
      const consent = await getPaymentConsentOrThrow({ db: app.db, tenantId, appId, consentId: request.params.ConsentId, kind });
      return paymentConsentAnswer(app.db, consent, now(app, request), issuer);
    },
  );
}

/** The plugin of one payment kind: its consent, funds confirmation, payment and payment-details routes, in the document's order. */
export function paymentKindRoutes<Consent extends z.ZodType<ConsentBody>, Payment extends z.ZodType<PaymentBody>>(
  definition: PaymentKindRoutes<Consent, Payment>,
): FastifyPluginAsyncZod {
  const { kind, docs } = definition;
  const { title, pascal, tags } = kindNames(kind);
  const idField = ORDER_ID_FIELDS[kind];
  const path = `/${PAYMENT_KINDS[kind].payments}`;
  const PaymentParams = z.object({ [idField]: z.string().min(1).max(40).describe("The payment's id (`pay_…`).") });
  const paymentIdOf = (request: FastifyRequest) => (request.params as Record<string, string>)[idField];

  return async (app) => {
    const issuer = app.authorizationServer.issuer;
    const orderAnswer = (payment: Parameters<typeof paymentOrderAnswer>[1], consent: BankConsent) =>
      paymentOrderAnswer(app.db, payment, consent, issuer, kind, definition.orderExtra?.(consent));

    registerConsentRoutes(app, definition);

    const funds = definition.fundsConfirmation;
    if (funds)
      app.get(
        `/${PAYMENT_KINDS[kind].consents}/:ConsentId/funds-confirmation`,
        {
          config: pisRoute.readAsCustomer,
          schema: {
            operationId: `Get${pascal}ConsentsConsentIdFundsConfirmation`,
            tags,
            summary: `Get ${title} Consents Funds Confirmation`,
            description: funds.description,
            headers: ObHeaders,
            params: ConsentIdParams,
            response: { 200: obResponse("The answer.", ObWriteFundsConfirmationResponse), ...obErrorResponses() },
          },
        },
        async (request) => {
          const tokenConsent = tokenConsentOf(request);
          const { tenantId, appId } = request;
          const consent = await getPaymentConsentOrThrow({ db: app.db, tenantId, appId, consentId: request.params.ConsentId, kind });
          const required = await funds.required({ db: app.db, tenantId, consent });
          return confirmPaymentFunds({
            db: app.db,
            tenantId,
            now: now(app, request),
            issuer,
            tokenConsent,
            consentId: consent.id,
            kind,
            required,
          });
        },
      );

    app.post(
      path,
      {
        config: pisRoute.pay,
        schema: obCreateSchema({
          operationId: `Create${pascal}s`,
          tags,
          summary: `Create ${title}s`,
          description: docs.pay.description,
          body: definition.payment.request,
          created: docs.pay.created,
          resource: definition.payment.response,
          errors: { 409: IN_FLIGHT },
        }),
      },
      async (request, reply) => {
        const body = request.body as z.output<Payment>;
        const answer = await createOnce(request.idempotency, {
          get: async (paymentId) => {
            const found = await getPaymentOrderOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, paymentId, kind });
            return orderAnswer(found.payment, found.consent);
          },
          create: async (idempotencyKeyId) => {
            const tokenConsent = tokenConsentOf(request);
            const payment = await createPaymentOrder({
              db: app.db,
              tenantId: request.tenantId,
              now: now(app, request),
              kind,
              tokenConsent,
              body,
              idempotencyKeyId,
              toPayment: async (from) => definition.toPayment(body, from),
            });
            return orderAnswer(payment, tokenConsent);
          },
        });
        return reply.code(201).send(answer);
      },
    );

    app.get(
      `${path}/:${idField}`,
      {
        config: pisRoute.readAsApp,
        schema: {
          operationId: `Get${pascal}s${idField}`,
          tags,
          summary: `Get ${title}s`,
          description: docs.getPayment.description,
          headers: ObHeaders,
          params: PaymentParams,
          response: { 200: obResponse(docs.getPayment.ok, definition.payment.response), ...obErrorResponses() },
        },
      },
      async (request) => {
        const { tenantId, appId } = request;
        const { payment, consent } = await getPaymentOrderOrThrow({ db: app.db, tenantId, appId, paymentId: paymentIdOf(request), kind });
        return orderAnswer(payment, consent);
      },
    );

    app.get(
      `${path}/:${idField}/payment-details`,
      {
        config: pisRoute.readAsApp,
        schema: {
          operationId: `Get${pascal}s${idField}PaymentDetails`,
          tags,
          summary: "Get Payment Details",
          description: docs.paymentDetails,
          headers: ObHeaders,
          params: PaymentParams,
          response: { 200: obResponse("The payment's status history.", ObWritePaymentDetailsResponse), ...obErrorResponses() },
        },
      },
      async (request) => {
        const { tenantId, appId } = request;
        const { payment } = await getPaymentOrderOrThrow({ db: app.db, tenantId, appId, paymentId: paymentIdOf(request), kind });
        return paymentDetailsAnswer(payment, issuer, kind);
      },
    );
  };
}
