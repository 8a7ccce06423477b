import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** UK Open Banking 4.0, Account and Transaction API (uk-ob-account-info-4.0.yaml): account-access-consents, accounts and their resources. */
const aisp: FastifyPluginAsyncZod = async () => {};

export default aisp;
