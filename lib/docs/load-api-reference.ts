import { getSandboxReference } from "./get-sandbox-reference";
import { getOpenApiDocument } from "./get-openapi-document";
import type { OpenApiDocumentLike } from "./api-areas";
import { AppError } from "@openbank/contracts/errors";

/** The OpenAPI document, or null while the bank (which generates it) is unreachable. */
export async function getOpenApiDocumentOrNull(): Promise<OpenApiDocumentLike | null> {
  try {
    return await getOpenApiDocument();
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

/** Personas for "Authorise as persona"; the docs still render if the bank is down. */
export async function listDocsPersonas(): Promise<Array<{ key: string; display_name: string }>> {
  return getSandboxReference()
    .then((reference) => reference.personas.map((persona) => ({ key: persona.key, display_name: persona.display_name })))
    .catch(() => []);
}
