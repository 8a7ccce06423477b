import { buildApp } from "./app";
import { parseBankEnv } from "./env";

/**
 * The bank's OpenAPI document, built from the schemas that validate its requests, without
 * starting a server or touching the database. The document does not depend on the internal
 * secret, so none is demanded just to print it; `source` is the settings to build it with
 * (PORTAL_URL names the server), defaults when absent.
 */
export async function buildOpenApiDocument(source: Record<string, string | undefined> = {}): Promise<Record<string, unknown>> {
  const env = parseBankEnv({ ...source, BANK_INTERNAL_SECRET: source.BANK_INTERNAL_SECRET || "x".repeat(32) });
  const app = await buildApp({ env, logger: false, db: {} as never });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
