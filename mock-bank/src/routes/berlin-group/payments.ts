import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import { formatMinor } from "@openbank/contracts/money";
import { BgError } from "../../domain/berlin-group/bg-errors";
import { BG_BASE, readDetails } from "../../domain/berlin-group/bg-details";
import { bgPaymentStatus } from "../../domain/berlin-group/bg-payment-status";
import { cancelBgPayment } from "../../domain/berlin-group/cancel-bg-payment";
import { creationLinks } from "../../domain/berlin-group/consent-views";
import { findBgResourceOrThrow } from "../../domain/berlin-group/find-bg-resource";
import { initiateBgPayment, type PaymentService } from "../../domain/berlin-group/initiate-bg-payment";
import { readScaRequest } from "../../domain/berlin-group/sca-request";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { bgErrors, bgJson, PsuIpHeaders, ScaHeaders } from "../../schemas/berlin-group/common";
import {
  BulkPaymentInitiationBody,
  BulkPaymentWithStatus,
  PAYMENT_PRODUCTS,
  PaymentCancelResponse202,
  PaymentInitiationBody,
  PaymentInitiationResponse201,
  PaymentStatusResponse,
  PaymentWithStatus,
  type PaymentProduct,
} from "../../schemas/berlin-group/payments";
import { registerAuthorisationRoutes } from "./authorisation-routes";
import { notOffered } from "./not-offered";

const TAG = "Payment Initiation Service (PIS)";
const config = { standardAccess: { caller: "app", scope: "payments", standard: "berlin_group" } } as const;

const ServiceParams = z.object({
  paymentService: z
    .string()
    .min(1)
    .max(64)
    .describe("The document's {payment-service}: `payments` or `bulk-payments` (periodic payments are not offered)."),
  paymentProduct: z
    .string()
    .min(1)
    .max(64)
    .describe(`The document's {payment-product}: ${PAYMENT_PRODUCTS.join(", ")}.`),
});
const ResourceParams = ServiceParams.extend({ paymentId: z.string().min(1).max(64) });

type ServiceParamsInput = z.infer<typeof ServiceParams>;

/** The service and product of a path, or the standard's refusal. */
function serviceAndProduct(params: ServiceParamsInput): { service: PaymentService; product: PaymentProduct } {
  // The path's first segment may be another service (/card-accounts/{id}/balances reaches this route).
  if (!["payments", "bulk-payments", "periodic-payments"].includes(params.paymentService))
    throw notOffered(`/${params.paymentService}`) ?? new BgError(404, "SERVICE_INVALID", `No service ${params.paymentService} here.`);
  if (params.paymentService === "periodic-payments")
    throw new BgError(
      400,
      "SERVICE_INVALID",
      "Periodic payments (standing orders) are not offered: use payments or bulk-payments.",
      "payment-service",
    );
  if (!(PAYMENT_PRODUCTS as readonly string[]).includes(params.paymentProduct))
    throw new BgError(
      404,
      "PRODUCT_UNKNOWN",
      `The payment product ${params.paymentProduct} is not offered: use ${PAYMENT_PRODUCTS.join(", ")} (JSON).`,
      "payment-product",
    );
  return { service: params.paymentService as PaymentService, product: params.paymentProduct as PaymentProduct };
}

/** zod's complaints about a body, as /body pointers (written as NextGenPSD2 paths by bg-errors). */
function bodyProblem(error: z.ZodError): AppError {
  const errors = error.issues
    .slice(0, 50)
    .map((issue) => ({ pointer: `/body${issue.path.map((part) => `/${String(part)}`).join("")}`, detail: issue.message }));
  return new AppError("validation_failed", errors.map((e) => `${e.pointer.slice(6) || "body"}: ${e.detail}`).join("; "), { errors });
}

/**
 * Berlin Group NextGenPSD2 1.3.11: payment initiation. A payment resource is a BankConsent of kind
 * `payment` or `bulk_payment` (the body as accepted in its details), RCVD until the PSU authorises
 * it; then it executes through the one ledger (domain/payments/create-payment), each credit
 * transfer a BankPayment under the resource's id, visible in /v1/payments.
 */
const payments: FastifyPluginAsyncZod<{ portalUrl: string }> = async (app, options) => {
  const { portalUrl } = options;
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const load = async (request: FastifyRequest) => {
    const params = request.params as z.infer<typeof ResourceParams>;
    const { service, product } = serviceAndProduct(params);
    const resource = await findBgResourceOrThrow(app.db, {
      tenantId: request.tenantId,
      appId: request.appId ?? request.tenantId,
      id: params.paymentId,
      kind: service === "bulk-payments" ? "bulk_payment" : "payment",
    });
    if (readDetails(resource.details).state.resourcePath !== `/${service}/${product}`)
      throw new BgError(
        403,
        "RESOURCE_UNKNOWN",
        `No ${product} ${service === "bulk-payments" ? "bulk payment" : "payment"} ${params.paymentId} of this TPP.`,
        "paymentId",
      );
    return resource;
  };

  app.post(
    "/:paymentService/:paymentProduct",
    {
      config,
      // The body's schema depends on the service: checked in the handler, so the TPP hears which field is wrong.
      attachValidation: true,
      schema: {
        operationId: "initiatePayment",
        tags: [TAG],
        summary: "Payment initiation request",
        description:
          "Initiates a single payment (`payments`) or a bulk (`bulk-payments`) of SEPA, instant SEPA or cross-border credit transfers from one of the PSU's accounts, RCVD until authorised (the SCA approach as for consents). The sandbox's accounts hold GBP: a GB IBAN is paid in GBP (instant SEPA at once, the others the next sandbox day), a non-GB IBAN in its currency at the sandbox's FX rate. Refused at once: FUNDS_NOT_AVAILABLE (not enough available now), PRODUCT_UNKNOWN, FORMAT_ERROR. Magic values: amount 666.66 and creditor `AML HIT` are RJCT once authorised.",
        params: ServiceParams,
        headers: z.looseObject({ ...PsuIpHeaders, ...ScaHeaders }),
        body: z.union([PaymentInitiationBody, BulkPaymentInitiationBody]),
        response: {
          201: bgJson("The payment resource, RCVD, and the next step of its SCA.", PaymentInitiationResponse201),
          ...bgErrors([400, 401, 403, 404, 405, 409]),
        },
      },
    },
    async (request, reply) => {
      const { service, product } = serviceAndProduct(request.params);
      const parsed = (service === "bulk-payments" ? BulkPaymentInitiationBody : PaymentInitiationBody).safeParse(request.body);
      if (!parsed.success) throw bodyProblem(parsed.error);
      if (request.validationError) throw request.validationError;
      const at = now(request);
      const appId = request.appId ?? request.tenantId;
      const sca = await readScaRequest({ db: app.db, appId, headers: request.headers });
      const { consent, authorisation, routes, debtorCurrency } = await initiateBgPayment({
        db: app.db,
        tenantId: request.tenantId,
        appId,
        service,
        product,
        input: parsed.data,
        sca,
        tenantNow: at,
      });
      const self = `${BG_BASE}/${service}/${product}/${consent.id}`;
      const fee = routes.reduce((sum, route) => sum + (route.scheme === "international" ? route.fee : 0n), 0n);
      const converted = routes.some((route) => route.scheme === "international");
      const total = routes.reduce((sum, route) => sum + (route.scheme === "international" ? route.sellMinor + route.fee : route.minor), 0n);
      const money = (minor: bigint) => ({ currency: debtorCurrency, amount: formatMinor(minor, debtorCurrency) });
      return reply
        .code(201)
        .header("location", self)
        .header("aspsp-sca-approach", sca.approach)
        .send({
          transactionStatus: "RCVD" as const,
          paymentId: consent.id,
          ...(converted ? { currencyConversionFee: money(fee), estimatedTotalAmount: money(total) } : {}),
          transactionFeeIndicator: fee > 0n,
          ...(authorisation ? { scaStatus: authorisation.scaStatus as never } : {}),
          ...creationLinks({
            resource: consent,
            resourceHref: self,
            statusHref: `${self}/status`,
            authorisation,
            approach: sca.approach,
            psuId: sca.psuId,
            portalUrl,
          }),
        });
    },
  );

  app.get(
    "/:paymentService/:paymentProduct/:paymentId",
    {
      config,
      schema: {
        operationId: "getPaymentInformation",
        tags: [TAG],
        summary: "Get payment information",
        description: "The payment as accepted, with its transactionStatus now.",
        params: ResourceParams,
        response: {
          200: bgJson("The payment.", z.union([PaymentWithStatus, BulkPaymentWithStatus])),
          ...bgErrors([400, 401, 403, 404, 405]),
        },
      },
    },
    async (request) => {
      const resource = await load(request);
      const { body } = readDetails<Record<string, unknown>>(resource.details);
      const { transactionStatus } = await bgPaymentStatus(app.db, resource);
      return { ...body, transactionStatus } as never;
    },
  );

  app.get(
    "/:paymentService/:paymentProduct/:paymentId/status",
    {
      config,
      schema: {
        operationId: "getPaymentInitiationStatus",
        tags: [TAG],
        summary: "Payment initiation status request",
        description:
          "RCVD until authorised; then ACCC (credited to an account of this sandbox), ACSC (paid out of the bank), ACSP (a standard or cross-border payment, settled when the sandbox clock passes the next day), RJCT (refused: by the PSU, or by the bank with `fundsAvailable: false` or sanctions), CANC (cancelled), PART (a bulk partly refused).",
        params: ResourceParams,
        response: { 200: bgJson("The payment's status.", PaymentStatusResponse), ...bgErrors([400, 401, 403, 404, 405]) },
      },
    },
    async (request) => bgPaymentStatus(app.db, await load(request)),
  );

  app.delete(
    "/:paymentService/:paymentProduct/:paymentId",
    {
      config,
      schema: {
        operationId: "cancelPayment",
        tags: [TAG],
        summary: "Payment cancellation request",
        description:
          "Cancels a payment the PSU has not authorised yet (204; then CANC). An authorised payment has executed and cannot be cancelled: 405 CANCELLATION_INVALID.",
        params: ResourceParams,
        response: {
          204: z.null().describe("The payment is cancelled."),
          202: bgJson("Not given by this sandbox (no cancellation needs an authorisation).", PaymentCancelResponse202),
          ...bgErrors([400, 401, 403, 404, 405]),
        },
      },
    },
    async (request, reply) => {
      await cancelBgPayment({ db: app.db, consent: await load(request), tenantNow: now(request) });
      return reply.code(204).send(null);
    },
  );

  const authorisationOptions = {
    path: "/:paymentService/:paymentProduct/:paymentId",
    params: ResourceParams,
    tag: TAG,
    scope: "payments" as const,
    what: "payment",
    portalUrl,
    load,
  };
  registerAuthorisationRoutes(app, {
    ...authorisationOptions,
    purpose: "authorisation",
    operationIds: {
      start: "startPaymentAuthorisation",
      list: "getPaymentInitiationAuthorisation",
      get: "getPaymentInitiationScaStatus",
      update: "updatePaymentPsuData",
    },
    canStart: async (resource) =>
      resource.status === "awaiting_authorisation"
        ? null
        : new BgError(
            409,
            "STATUS_INVALID",
            `The payment is ${(await bgPaymentStatus(app.db, resource)).transactionStatus}: it needs no authorisation.`,
          ),
  });
  registerAuthorisationRoutes(app, {
    ...authorisationOptions,
    purpose: "cancellation",
    operationIds: {
      start: "startPaymentInitiationCancellationAuthorisation",
      list: "getPaymentInitiationCancellationAuthorisationInformation",
      get: "getPaymentCancellationScaStatus",
      update: "updatePaymentCancellationPsuData",
    },
    // DELETE cancels an unauthorised payment without an authorisation, and an executed one cannot be cancelled.
    canStart: async () =>
      new BgError(
        405,
        "CANCELLATION_INVALID",
        "No cancellation needs an authorisation here: DELETE cancels a payment until it is authorised, and an authorised payment has executed.",
      ),
  });
};

export default payments;
