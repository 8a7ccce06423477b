import type { FastifyPluginAsync } from "fastify";

/** The generated OpenAPI document; the portal fetches it and sets `servers` to its own origin. */
const openapi: FastifyPluginAsync = async (app) => {
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.header("cache-control", "no-cache");
    return app.swagger();
  });
};

export default openapi;
