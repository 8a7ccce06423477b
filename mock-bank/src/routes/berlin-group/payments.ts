import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Berlin Group NextGenPSD2 1.3.11: payments. */
const payments: FastifyPluginAsyncZod<{ portalUrl: string }> = async () => {};

export default payments;
