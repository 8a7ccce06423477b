import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import pispDomestic from "./pisp-domestic";
import pispScheduled from "./pisp-scheduled";
import pispInternational from "./pisp-international";
import pispInternationalScheduled from "./pisp-international-scheduled";
import pispFile from "./pisp-file";

/**
 * UK Open Banking 4.0, Payment Initiation API (uk-ob-payment-initiation-4.0.yaml): domestic,
 * domestic scheduled, international, international scheduled and file payments. Standing orders
 * (domestic and international) are not offered: their paths answer 404, as the profile asks of an
 * endpoint a bank does not implement.
 *
 * The document requires the bank's detached signature (`x-jws-signature`) on every answer with a
 * body, refusals included: every route here declares `messageSigning: "always"`
 * (pisp-route-config.ts), and the surface's one signer signs them (routes/open-banking/index.ts).
 */
const pisp: FastifyPluginAsyncZod = async (app) => {
  await app.register(pispDomestic);
  await app.register(pispScheduled);
  await app.register(pispInternational);
  await app.register(pispInternationalScheduled);
  await app.register(pispFile);
};

export default pisp;
