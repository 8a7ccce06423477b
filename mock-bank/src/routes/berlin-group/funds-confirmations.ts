import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Berlin Group NextGenPSD2 1.3.11: funds-confirmations. */
const fundsConfirmations: FastifyPluginAsyncZod = async () => {};

export default fundsConfirmations;
