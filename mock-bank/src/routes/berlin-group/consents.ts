import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Berlin Group NextGenPSD2 1.3.11: consents. */
const consents: FastifyPluginAsyncZod = async () => {};

export default consents;
