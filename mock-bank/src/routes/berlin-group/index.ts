import type { FastifyError, FastifyPluginAsync } from "fastify";
import { AppError } from "@openbank/contracts/errors";
import { bgErrorHasBody, bgServiceOf } from "@openbank/contracts/berlin-group-errors";
import { BgError, bgErrorAnswer } from "../../domain/berlin-group/bg-errors";
import { toAppError } from "../../plugins/app/problem-errors";
import consents from "./consents";
import accounts from "./accounts";
import cardAccounts from "./card-accounts";
import payments from "./payments";
import fundsConfirmations from "./funds-confirmations";
import { notOffered } from "./not-offered";

/** The TPP's request id, as the gateway passes it (`x-bg-request-id`): a UUID, required. */
const REQUEST_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

declare module "fastify" {
  interface FastifyRequest {
    /** Berlin Group: the TPP's X-Request-ID, echoed on the answer. */
    bgRequestId: string | null;
  }
}

/**
 * Berlin Group NextGenPSD2 1.3.11, under /berlin-group/v1 (its own /v1/accounts and /v1/consents
 * never meet ours), for one tenant as /v1 is. The TPP is the app (its API key or its
 * client-credentials token stands in for the eIDAS certificate; an app holding a test certificate
 * from the portal's sandbox CA has its Digest and Signature verified by the gateway before a request
 * gets here: lib/gateway/tpp-signature). Every answer echoes the TPP's
 * `X-Request-ID`; every error is `tppMessages` (domain/berlin-group/bg-errors.ts).
 */
const berlinGroup: FastifyPluginAsync<{ portalUrl: string }> = async (app, options) => {
  app.decorateRequest("bgRequestId", null);

  app.addHook("onRequest", async (request, reply) => {
    const given = request.headers["x-bg-request-id"];
    request.bgRequestId = typeof given === "string" && REQUEST_ID.test(given) ? given : null;
    if (request.bgRequestId) reply.header("x-request-id", request.bgRequestId);
    else throw new BgError(400, "FORMAT_ERROR", "X-Request-ID: a UUID is required on every request.", "X-Request-ID");
  });
  // problem-errors sets x-request-id to the bank's own id on every answer; here it is the TPP's.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.bgRequestId) reply.header("x-request-id", request.bgRequestId);
    return payload;
  });
  app.addHook("onRequest", app.requireTenantHeader);
  app.addHook("onRequest", app.applySandboxScenario);
  app.addHook("preHandler", app.loadTenant);
  app.addHook("preHandler", app.authorizeStandardCall);

  app.setErrorHandler((error: FastifyError | BgError, request, reply) => {
    const known = error instanceof BgError ? error : toAppError(error as FastifyError);
    if (known.status >= 500) request.log.error({ err: error }, "request failed");
    const answer = bgErrorAnswer(known);
    reply.code(answer.status).headers(answer.headers);
    // The document gives some statuses no body (408, 415, 5xx; 406 and 429 outside account information).
    if (!bgErrorHasBody(answer.status, bgServiceOf(request.url))) return reply.send();
    return reply.type("application/json").send(answer.body);
  });
  app.setNotFoundHandler(async (request) => {
    const path = request.url.split("?")[0];
    throw notOffered(path) ?? new AppError("not_found", `No route ${request.method} ${path}.`);
  });

  const portalUrl = options.portalUrl.replace(/\/$/, "");
  await app.register(consents, { portalUrl });
  await app.register(accounts);
  await app.register(cardAccounts);
  await app.register(payments, { portalUrl });
  await app.register(fundsConfirmations);
};

export default berlinGroup;
