import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOnce } from "../../domain/idempotency/create-once";
import { createFilePayment } from "../../domain/open-banking/create-file-payment";
import {
  filePaymentAnswer,
  filePaymentDetails,
  filePaymentReport,
  getFilePaymentOrThrow,
} from "../../domain/open-banking/file-payment-answers";
import { ObError } from "../../domain/open-banking/ob-errors";
import { getPaymentConsentOrThrow } from "../../domain/open-banking/payment-consents";
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
import { registerConsentRoutes, tokenConsentOf } from "./pisp-payment-kind";
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
  /** One of the app's file payment consents, or the UK "no such resource". */
  const getFileConsent = (request: FastifyRequest, consentId: string) =>
    getPaymentConsentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, consentId, kind: KIND });

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

  registerConsentRoutes(app, {
    kind: KIND,
    consent: { request: ObWriteFileConsent, response: ObWriteFileConsentResponse },
    docs: {
      createConsent: {
        description: `Stages a file payment: the file's type (\`${JSON_FILE_TYPE}\`), its base64 SHA-256 (\`FileHash\`) and, optionally, its count and total. The consent is \`AWUP\` until the file is uploaded (\`POST …/file\`), then \`AWAU\` for the customer to authorise. \`x-idempotency-key\` is required.`,
        created: "The consent, `AWUP`.",
      },
      getConsent: "The consent with its status: `AWUP` until its file is uploaded, then `AWAU`, `AUTH`, `COND` once paid, or `RJCT`.",
    },
    checkConsent: ({ Data: { Initiation } }, now) => {
      if (Initiation.FileType !== JSON_FILE_TYPE)
        throw new ObError(400, "UK.OBIE.Field.Invalid", `The sandbox reads ${JSON_FILE_TYPE} files.`, "Data.Initiation.FileType");
      domesticScheme(Initiation.LocalInstrument);
      if (Initiation.RequestedExecutionDateTime) checkExecutionDate(Initiation.RequestedExecutionDateTime, now);
    },
  });

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
      const consent = await getFileConsent(request, request.params.ConsentId);
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
      const consent = await getFileConsent(request, request.params.ConsentId);
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
          return createFilePayment({
            db: app.db,
            tenantId: request.tenantId,
            now: now(request),
            tokenConsent: tokenConsentOf(request),
            body: request.body,
            idempotencyKeyId,
          });
        },
      });
      const found = await getFilePaymentOrThrow({ db: app.db, tenantId: request.tenantId, appId: request.appId, filePaymentId });
      return reply.code(201).send(await filePaymentAnswer(app.db, found, issuer));
    },
  );

  /** A read of one of the app's file payments (the app's token): its document entry, and what it answers of it. */
  const readFilePayment = (
    suffix: string,
    doc: { operationId: string; summary: string; description: string; ok: string; response: z.ZodType },
    answer: (found: Awaited<ReturnType<typeof getFilePaymentOrThrow>>) => unknown,
  ) =>
    app.get(
      `/file-payments/:FilePaymentId${suffix}`,
      {
        config: pisRoute.readAsApp,
        schema: {
          operationId: doc.operationId,
          tags: TAGS,
          summary: doc.summary,
          description: doc.description,
          headers: ObHeaders,
          params: FilePaymentParams,
          response: { 200: obResponse(doc.ok, doc.response), ...obErrorResponses() },
        },
      },
      async (request) => {
        const { tenantId, appId } = request;
        return answer(await getFilePaymentOrThrow({ db: app.db, tenantId, appId, filePaymentId: request.params.FilePaymentId }));
      },
    );

  readFilePayment(
    "",
    {
      operationId: "GetFilePaymentsFilePaymentId",
      summary: "Get File Payments",
      description:
        "The file payment with its status: `PDNG` while payments wait for their date, then `INCO` (or `INFA` when none could be made).",
      ok: "The file payment.",
      response: ObWriteFileResponse,
    },
    (found) => filePaymentAnswer(app.db, found, issuer),
  );
  readFilePayment(
    "/payment-details",
    {
      operationId: "GetFilePaymentsFilePaymentIdPaymentDetails",
      summary: "Get Payment Details",
      description: "Each payment of the file (its `pay_…` id as PaymentTransactionId) with its current status.",
      ok: "The payments' statuses.",
      response: ObWritePaymentDetailsResponse,
    },
    (found) => filePaymentDetails(found, issuer),
  );
  readFilePayment(
    "/report-file",
    {
      operationId: "GetFilePaymentsFilePaymentIdReportFile",
      summary: "Get File Payments Report File",
      description: "A JSON report: each payment of the file in file order, its /v1 payment id, status and reason, and the totals.",
      ok: "The report.",
      response: ObFilePaymentReport,
    },
    filePaymentReport,
  );
};

export default pispFile;
