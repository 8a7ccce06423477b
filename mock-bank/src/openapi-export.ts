import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadEnvFiles } from "./load-env-files";
import { buildOpenApiDocument } from "./openapi-document";
import { findStandardDocument, standardDocuments } from "./openapi/standard-documents";

/**
 * Prints the OpenAPI document (or writes it with `--out file`) without starting a server
 * or touching the database: `npm run openapi -- --out docs/openapi.json`; a standard's with
 * `--standard uk-open-banking` or `--standard berlin-group`.
 */
async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" }, standard: { type: "string" } } });
  const standard = values.standard === undefined ? undefined : findStandardDocument(values.standard)?.key;
  if (values.standard !== undefined && !standard)
    throw new Error(`--standard must be one of: ${standardDocuments.map((definition) => definition.key).join(", ")}`);
  loadEnvFiles();
  const json = `${JSON.stringify(await buildOpenApiDocument(process.env, { standard }), null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, json);
    console.error(`wrote ${values.out}`);
  } else {
    process.stdout.write(json);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
