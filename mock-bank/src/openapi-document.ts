import { buildApp } from "./app";
import { parseBankEnv } from "./env";
import type { StandardKey } from "./openapi/standard-documents";

/**
 * The bank's OpenAPI documents, built from the schemas that validate its requests, without
 * starting a server or touching the database: the sandbox API's, or (`standard`) one standard's.
 * The documents do not depend on the internal secret, so none is demanded just to print them;
 * `source` is the settings to build them with (PORTAL_URL names the server), defaults when absent.
 */
export async function buildOpenApiDocument(
  source: Record<string, string | undefined> = {},
  options: { standard?: StandardKey } = {},
): Promise<Record<string, unknown>> {
  const env = parseBankEnv({ ...source, BANK_INTERNAL_SECRET: source.BANK_INTERNAL_SECRET || "x".repeat(32) });
  const app = await buildApp({ env, logger: false, db: {} as never });
  try {
    await app.ready();
    return options.standard ? app.standardDocument(options.standard) : (app.swagger() as unknown as Record<string, unknown>);
  } finally {
    await app.close();
  }
}
