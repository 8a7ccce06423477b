import { writeFileSync } from "node:fs";
import { buildOpenApiDocument } from "../mock-bank/src/openapi-document";
import { loadEnvFiles } from "../mock-bank/src/load-env-files";
import {
  CLI_PORTAL_SCHEMA_PATH,
  CLIENT_SCHEMA_PATH,
  PORTAL_CLIENT_SCHEMA_PATH,
  renderClientSchema,
} from "../lib/docs/render-client-schema";
import { buildPortalOpenApiDocument } from "../lib/portal-api/openapi-document";
import { portalOperations } from "../lib/portal-api/operations";

/**
 * Regenerates the typed clients' schemas: the sandbox client's from the document
 * `npm run openapi` prints, the portal's own (lib/portal-api, and the CLI's copy) from `npm run openapi:portal`'s.
 */
async function main() {
  loadEnvFiles();
  writeFileSync(CLIENT_SCHEMA_PATH, await renderClientSchema(await buildOpenApiDocument()));
  console.error(`wrote ${CLIENT_SCHEMA_PATH}`);
  const portalDocument = buildPortalOpenApiDocument(portalOperations, { portalUrl: "http://localhost:3000" });
  const portalSchema = await renderClientSchema(portalDocument, "portal");
  for (const path of [PORTAL_CLIENT_SCHEMA_PATH, CLI_PORTAL_SCHEMA_PATH]) {
    writeFileSync(path, portalSchema);
    console.error(`wrote ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
