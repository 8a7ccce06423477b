import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Berlin Group NextGenPSD2 1.3.11: accounts. */
const accounts: FastifyPluginAsyncZod = async () => {};

export default accounts;
