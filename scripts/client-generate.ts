import { writeFileSync } from "node:fs";
import { buildOpenApiDocument } from "../mock-bank/src/openapi-document";
import { loadEnvFiles } from "../mock-bank/src/load-env-files";
import { CLIENT_SCHEMA_PATH, renderClientSchema } from "../lib/docs/render-client-schema";

/** Regenerates the typed client's `schema.d.ts` from the same document `npm run openapi` prints. */
async function main() {
  loadEnvFiles();
  writeFileSync(CLIENT_SCHEMA_PATH, await renderClientSchema(await buildOpenApiDocument()));
  console.error(`wrote ${CLIENT_SCHEMA_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
