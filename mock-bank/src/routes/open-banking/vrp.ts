import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** UK Open Banking 4.0, Variable Recurring Payments (uk-ob-vrp-4.0.yaml): domestic-vrp-consents and domestic-vrps. */
const vrp: FastifyPluginAsyncZod = async () => {};

export default vrp;
