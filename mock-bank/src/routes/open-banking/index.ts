import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyPluginAsync } from "fastify";
import { AppError } from "@openbank/contracts/errors";
import { obErrorAnswer, ObError } from "../../domain/open-banking/ob-errors";
import { toAppError } from "../../plugins/app/problem-errors";
import aisp from "./aisp";
import pisp from "./pisp";
import vrp from "./vrp";
import cbpii from "./cbpii";

const INTERACTION_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * UK Open Banking Read/Write API 4.0, under /open-banking/v4.0 (aisp, pisp, cbpii), for one
 * tenant as /v1 is: the same hooks, then who is calling (`config.standardAccess`). Every answer
 * carries `x-fapi-interaction-id` (the client's, else one made here), and every error is an
 * OBErrorResponse1 (domain/open-banking/ob-errors.ts).
 */
const openBanking: FastifyPluginAsync<{ portalUrl: string }> = async (app, options) => {
  const docsUrl = `${options.portalUrl}/docs/guides/uk-open-banking#errors`;

  app.addHook("onRequest", async (request, reply) => {
    const given = request.headers["x-fapi-interaction-id"];
    reply.header("x-fapi-interaction-id", typeof given === "string" && INTERACTION_ID.test(given) ? given : randomUUID());
  });
  app.addHook("onRequest", app.requireTenantHeader);
  app.addHook("onRequest", app.applySandboxScenario);
  app.addHook("preHandler", app.loadTenant);
  app.addHook("preHandler", app.authorizeStandardCall);
  // Response signing (x-jws-signature over the exact body bytes): always where the operation's
  // document requires it (`config.messageSigning`), and on every route when the gateway says the
  // app turned message signing on (it verified the request's signature itself). Answers without a
  // body (204, and the bodyless 401 and 404) carry none. Added here, before any route's own onSend
  // (the idempotency store), so a replayed answer is signed afresh.
  app.addHook("onSend", async (request, reply, payload) => {
    const wanted = request.routeOptions.config?.messageSigning === "always" || request.headers["x-ob-message-signing"] === "on";
    const bodyless = reply.statusCode === 204 || reply.statusCode === 304;
    if (!wanted || bodyless || !(typeof payload === "string" || Buffer.isBuffer(payload)) || payload.length === 0) return payload;
    reply.header("x-jws-signature", app.messageSigner.sign(payload, app.now()));
    return payload;
  });

  app.setErrorHandler((error: FastifyError | ObError, request, reply) => {
    const known = error instanceof ObError ? error : toAppError(error as FastifyError);
    if (known.status >= 500) request.log.error({ err: error }, "request failed");
    const answer = obErrorAnswer(known, { requestId: request.id, docsUrl });
    reply.code(answer.status).headers(answer.headers);
    return answer.body ? reply.type("application/json; charset=utf-8").send(answer.body) : reply.send();
  });
  app.setNotFoundHandler(async (request) => {
    throw new AppError("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`);
  });

  await app.register(aisp, { prefix: "/aisp", portalUrl: options.portalUrl });
  await app.register(pisp, { prefix: "/pisp" });
  await app.register(vrp, { prefix: "/pisp" });
  await app.register(cbpii, { prefix: "/cbpii" });
};

export default openBanking;
