import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** UK Open Banking 4.0, Payment Initiation API (uk-ob-payment-initiation-4.0.yaml): domestic, scheduled, international and file payments. */
const pisp: FastifyPluginAsyncZod = async () => {};

export default pisp;
