import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** UK Open Banking 4.0, Confirmation of Funds (uk-ob-confirmation-funds-4.0.yaml): funds-confirmation-consents and funds-confirmations. */
const cbpii: FastifyPluginAsyncZod = async () => {};

export default cbpii;
