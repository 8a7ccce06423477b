import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { createFilePayment } from "../../domain/open-banking/create-file-payment";
import { createPaymentConsent } from "../../domain/open-banking/create-payment-consent";
import {
  filePaymentAnswer,
  filePaymentDetails,
  filePaymentReport,
  getFilePaymentOrThrow,
} from "../../domain/open-banking/file-payment-answers";
import { ObError } from "../../domain/open-banking/ob-errors";
import { getPaymentConsentOrThrow, paymentConsentAnswer } from "../../domain/open-banking/payment-consents";
import { checkExecutionDate, domesticScheme } from "../../domain/open-banking/payment-initiations";
import { uploadPaymentFile } from "../../domain/open-banking/upload-payment-file";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { ObHeaders, ObIdempotentHeaders, obErrorResponses, obResponse } from "../../schemas/open-banking/pis-common";
import { ConsentIdParams, ObWritePaymentDetailsResponse } from "../../schemas/open-banking/pis-domestic";
import {
  FilePaymentParams,
  JSON_FILE_TYPE,
  ObFilePaymentReport,
  ObPaymentFile,
  ObWriteFile,
  ObWriteFileConsent,
  ObWriteFileConsentResponse,
  ObWriteFileResponse,
} from "../../schemas/open-banking/pis-file";
import { pisRoute } from "./pisp-route-config";

const TAGS = ["File Payments"];
const KIND = "file_payment" as const;

declare module "fastify" {
  interface FastifyRequest {
    /** The request body's exact text, where a route needs its bytes (a payment file's hash). */
    rawBody?: string;
  }
}

/** An answer with no body that the idempotency store can still replay (it keeps text bodies). */
const NO_BODY = "";

/**
 * File payments: a consent for a file of domestic payments (payroll, supplier runs), the file's
 * upload (its hash, count and total checked against the consent), and its payment: every payment
 * of the file through the ledger, each a /v1 payment, with a report of each one's outcome.
 */
const pispFile: FastifyPluginAsyncZod = async (app) => {
  const now = (request: FastifyRequest) => tenantNow(request.tenant!, app.now());
  const issuer = app.authorizationServer.issuer;

  // The file's hash is of its exact bytes: JSON bodies here keep their text.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = String(body);
    request.rawBody = text;
    try {
      done(null, text === "" ? undefined : JSON.parse(text));
    } catch {
      done(
        Object.assign(new Error("The request body must be valid JSON."), { statusCode: 400, code: "FST_ERR_CTP_INVALID_JSON_BODY" }),
        undefined,
      );
    }
  });

  app.post(
    "/file-payment-consents",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateFilePaymentConsents",
        tags: TAGS,
        summary: "Create File Payment Consents",
        description: `Stages a file payment: the file's type (\`${JSON_FILE_TYPE}\`), its base64 SHA-256 (\`FileHash\`) and, optionally, its count and total. The consent is \`AWUP\` until the file is uploaded (\`POST …/file\`), then \`AWAU\` for the customer to authorise. \`x-idempotency-key\` is required.`,
        headers: ObIdempotentHeaders,
        body: ObWriteFileConsent,
        response: { 201: obResponse("The consent, `AWUP`.", ObWriteFileConsentResponse), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      const initiation = request.body.Data.Initiation;
      if (initiation.FileType !== JSON_FILE_TYPE)
        throw new ObError(400, "UK.OBIE.Field.Invalid", `The sandbox reads ${JSON_FILE_TYPE} files.`, "Data.Initiation.FileType");
      domesticScheme(initiation.LocalInstrument);
      if (initiation.RequestedExecutionDateTime) checkExecutionDate(initiation.RequestedExecutionDateTime, now(request));
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
    "/file-payment-consents/:ConsentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetFilePaymentConsentsConsentId",
        tags: TAGS,
        summary: "Get File Payment Consents",
        description: "The consent with its status: `AWUP` until its file is uploaded, then `AWAU`, `AUTH`, `COND` once paid, or `RJCT`.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The consent.", ObWriteFileConsentResponse), ...obErrorResponses() },
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
    "/file-payment-consents/:ConsentId/file",
    {
      config: pisRoute.createConsent,
      schema: {
        operationId: "CreateFilePaymentConsentsConsentIdFile",
        tags: TAGS,
        summary: "Create File Payment Consents",
        description: `Uploads the consent's file, once, while it is \`AWUP\`: a \`${JSON_FILE_TYPE}\` JSON document (\`{"Data":{"DomesticPayments":[…]}}\`, at most 500 domestic payment initiations, no DebtorAccount: they leave the consent's). Its exact bytes must hash to FileHash; its count and total must match NumberOfTransactions and ControlSum when the consent gives them. 200 with no body. \`x-idempotency-key\` is required.`,
        headers: ObIdempotentHeaders,
        params: ConsentIdParams,
        body: ObPaymentFile,
        response: {
          // The standard's answer has no body; documented as an empty one (a response needs a media type here).
          200: {
            description: "The file is stored; the consent awaits authorisation. No body.",
            content: { "text/plain": { schema: z.string().max(0) } },
          },
          ...obErrorResponses(),
        },
      },
    },
    async (request, reply) => {
      const consent = await getPaymentConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: KIND,
      });
      if (!request.idempotency?.recoveredResourceId)
        await uploadPaymentFile({
          db: app.db,
          consent,
          raw: request.rawBody ?? "",
          now: now(request),
          idempotencyKeyId: request.idempotency?.id,
        });
      return reply.code(200).send(NO_BODY);
    },
  );

  app.get(
    "/file-payment-consents/:ConsentId/file",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetFilePaymentConsentsConsentIdFile",
        tags: TAGS,
        summary: "Get File Payment Consents",
        description: "The consent's file, exactly as uploaded.",
        headers: ObHeaders,
        params: ConsentIdParams,
        response: { 200: obResponse("The file.", ObPaymentFile), ...obErrorResponses() },
      },
    },
    async (request, reply) => {
      const consent = await getPaymentConsentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        consentId: request.params.ConsentId,
        kind: KIND,
      });
      if (consent.file === null) throw new ObError(400, "UK.OBIE.Resource.NotFound", `Consent ${consent.id} has no file yet.`, "ConsentId");
      // The bytes as uploaded (their hash is the consent's FileHash), not a re-serialisation.
      return reply.type("application/json; charset=utf-8").send(consent.file);
    },
  );

  app.post(
    "/file-payments",
    {
      config: pisRoute.pay,
      schema: {
        operationId: "CreateFilePayments",
        tags: TAGS,
        summary: "Create File Payments",
        description:
          "Pays an authorised file consent with the customer's token of that consent: every payment of the file from the chosen debtor account, at `RequestedExecutionDateTime` (or now), each a /v1 payment with its webhooks. A payment the account cannot cover is rejected on its own (`AM04`) and the others are made: `report-file` says what became of each. A payment the bank could never make refuses the whole file (400) and nothing moves. `x-idempotency-key` is required.",
        headers: ObIdempotentHeaders,
        body: ObWriteFile,
        response: {
          201: obResponse("The file payment.", ObWriteFileResponse),
          ...obErrorResponses({
            409: "`UK.OBIE.Header.Invalid`: a request with this x-idempotency-key is still running (after a wait of 5 s).",
          }),
        },
      },
    },
    async (request, reply) => {
      const filePaymentId = await createOnce(request.idempotency, {
        get: async (id) => id,
        create: (idempotencyKeyId) => {
          const tokenConsent = request.standardCaller!.kind === "consent" ? request.standardCaller!.consent : null;
          return createFilePayment({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            tokenConsent: tokenConsent!,
            body: request.body,
            idempotencyKeyId,
          });
        },
      });
      const found = await getFilePaymentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, filePaymentId });
      return reply.code(201).send(await filePaymentAnswer(app.db, found, issuer));
    },
  );

  app.get(
    "/file-payments/:FilePaymentId",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetFilePaymentsFilePaymentId",
        tags: TAGS,
        summary: "Get File Payments",
        description:
          "The file payment with its status: `PDNG` while payments wait for their date, then `INCO` (or `INFA` when none could be made).",
        headers: ObHeaders,
        params: FilePaymentParams,
        response: { 200: obResponse("The file payment.", ObWriteFileResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const found = await getFilePaymentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        filePaymentId: request.params.FilePaymentId,
      });
      return filePaymentAnswer(app.db, found, issuer);
    },
  );

  app.get(
    "/file-payments/:FilePaymentId/payment-details",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetFilePaymentsFilePaymentIdPaymentDetails",
        tags: TAGS,
        summary: "Get Payment Details",
        description: "Each payment of the file (its `pay_…` id as PaymentTransactionId) with its current status.",
        headers: ObHeaders,
        params: FilePaymentParams,
        response: { 200: obResponse("The payments' statuses.", ObWritePaymentDetailsResponse), ...obErrorResponses() },
      },
    },
    async (request) => {
      const found = await getFilePaymentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        filePaymentId: request.params.FilePaymentId,
      });
      return filePaymentDetails(found, issuer);
    },
  );

  app.get(
    "/file-payments/:FilePaymentId/report-file",
    {
      config: pisRoute.readAsApp,
      schema: {
        operationId: "GetFilePaymentsFilePaymentIdReportFile",
        tags: TAGS,
        summary: "Get File Payments Report File",
        description: "A JSON report: each payment of the file in file order, its /v1 payment id, status and reason, and the totals.",
        headers: ObHeaders,
        params: FilePaymentParams,
        response: { 200: obResponse("The report.", ObFilePaymentReport), ...obErrorResponses() },
      },
    },
    async (request) => {
      const found = await getFilePaymentOrThrow({
        db: app.db,
        tenantId: request.tenantId,
        appId: request.appId,
        filePaymentId: request.params.FilePaymentId,
      });
      return filePaymentReport(found);
    },
  );
};

export default pispFile;
