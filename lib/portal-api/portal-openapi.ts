import { portalUrl } from "@/lib/http/portal-url";
import { buildPortalOpenApiDocument } from "./openapi-document";
import { portalOperations } from "./operations";

let built: ReturnType<typeof buildPortalOpenApiDocument> | undefined;

/** The portal API's document for this deployment (built once per process: it only changes with the code). */
export function portalOpenApiDocument() {
  built ??= buildPortalOpenApiDocument(portalOperations, { portalUrl: portalUrl() });
  return built;
}
