import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { signDetached } from "../../domain/open-banking/sign-message";
import pispDomestic from "./pisp-domestic";
import pispScheduled from "./pisp-scheduled";
import pispInternational from "./pisp-international";
import pispFile from "./pisp-file";
import pispInternationalScheduled from "./pisp-international-scheduled";

/**
 * UK Open Banking 4.0, Payment Initiation API (uk-ob-payment-initiation-4.0.yaml): domestic,
 * domestic scheduled, international, international scheduled and file payments. Standing orders
 * (domestic and international) are not offered: their paths answer 404, as the profile asks of an
 * endpoint a bank does not implement.
 *
 * The document requires the bank's detached signature (`x-jws-signature`) on every answer with a
 * body, refusals included: each one is signed here with the authorization server's key.
 */
const pisp: FastifyPluginAsyncZod = async (app) => {
  app.addHook("onSend", async (_request, reply, payload) => {
    if ((typeof payload === "string" || Buffer.isBuffer(payload)) && payload.length > 0 && !reply.hasHeader("x-jws-signature"))
      reply.header(
        "x-jws-signature",
        signDetached({ key: app.bankSigningKey, issuer: app.authorizationServer.issuer, payload, now: new Date() }),
      );
    return payload;
  });

  await app.register(pispDomestic);
  await app.register(pispScheduled);
  await app.register(pispInternational);
  await app.register(pispInternationalScheduled);
  await app.register(pispFile);
};

export default pisp;
