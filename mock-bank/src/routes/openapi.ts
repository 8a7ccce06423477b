import type { FastifyPluginAsync } from "fastify";
import { standardDocuments } from "../openapi/standard-documents";

/**
 * The generated OpenAPI documents; the portal fetches them and sets `servers` to its own origin.
 * The standards' documents are public too, at paths of their own: their prefixes belong to the
 * standards' route plugins, with their auth hooks.
 */
const openapi: FastifyPluginAsync = async (app) => {
  app.get("/openapi.json", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.header("cache-control", "no-cache");
    return app.swagger();
  });
  for (const definition of standardDocuments) {
    app.get(definition.url, { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
      reply.header("cache-control", "no-cache");
      return app.standardDocument(definition.key);
    });
  }
};

export default openapi;
