import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** Liveness for process managers and the portal's status checks; no secret needed. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    { config: { public: true }, schema: { hide: true, response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );
};

export default health;
