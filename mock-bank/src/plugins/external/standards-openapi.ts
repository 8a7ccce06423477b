import fastifySwagger from "@fastify/swagger";
import fp from "fastify-plugin";
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from "fastify-type-provider-zod";
import {
  finishStandardDocument,
  standardDocuments,
  standardOpenapiOptions,
  standardRouteTransform,
  type StandardKey,
} from "../../openapi/standard-documents";

declare module "fastify" {
  interface FastifyInstance {
    /** A standard's OpenAPI 3.1 document, generated from the routes under its prefix (cached after the first call). */
    standardDocument(key: StandardKey): Record<string, unknown>;
  }
}

/**
 * One @fastify/swagger per standard, beside the sandbox API's (plugins/external/swagger.ts): each
 * sees every route as it is registered and keeps those under its prefix, converted by the same
 * zod transform. One way in: the routes' schemas; nothing about an operation is written twice.
 * Registered before the routes, like the sandbox API's.
 */
export default fp(
  async function standardsOpenapi(app, options: { portalUrl: string }) {
    const zodTransform = createJsonSchemaTransform({}) as unknown as Parameters<typeof standardRouteTransform>[1];
    const transformObject = createJsonSchemaTransformObject({});
    for (const definition of standardDocuments) {
      await app.register(fastifySwagger, {
        decorator: definition.decorator,
        openapi: standardOpenapiOptions(definition, options.portalUrl) as never,
        transform: standardRouteTransform(definition, zodTransform) as never,
        transformObject: (document) => finishStandardDocument(definition, transformObject(document)),
      });
    }
    app.decorate("standardDocument", function standardDocument(key: StandardKey) {
      const definition = standardDocuments.find((candidate) => candidate.key === key);
      if (!definition) throw new Error(`No standard document "${key}".`);
      return (app as unknown as Record<string, () => Record<string, unknown>>)[definition.decorator]();
    });
  },
  { name: "standards-openapi" },
);
