import { getSandboxReference } from "./get-sandbox-reference";
import { getOpenApiDocument } from "./get-openapi-document";
import type { OpenApiDocumentLike } from "./api-areas";
import type { ApiDocumentKey } from "./standard-references";
import { AppError } from "@openbank/contracts/errors";

/** An OpenAPI document (the sandbox API's by default), or null while the bank (which generates it) is unreachable. */
export async function getOpenApiDocumentOrNull(key: ApiDocumentKey = "sandbox"): Promise<OpenApiDocumentLike | null> {
  try {
    return await getOpenApiDocument(key);
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
