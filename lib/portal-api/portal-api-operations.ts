import { z } from "zod";
import { defineOperation } from "./define-operation";

export const healthOperation = defineOperation({
  method: "GET",
  path: "/api/health",
  operationId: "getHealth",
  tag: "Platform",
  summary: "Liveness",
  description: "For load balancers and monitors. Touches no database: cheap by design.",
  access: "public",
  success: { status: 200, description: "The portal process is up.", schema: z.object({ status: z.literal("ok") }) },
});

export const portalOpenApiOperation = defineOperation({
  method: "GET",
  path: "/api/openapi.json",
  operationId: "getPortalOpenApiDocument",
  tag: "Platform",
  summary: "This document",
  description: "The OpenAPI 3.1 document of the portal's own API, generated from the schemas that validate it.",
  access: "public",
  success: { status: 200, description: "The document.", schema: z.looseObject({ openapi: z.literal("3.1.0") }) },
});

export const portalApiOperations = [healthOperation, portalOpenApiOperation];
