import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadEnvFiles } from "./load-env-files";
import { buildOpenApiDocument } from "./openapi-document";

/**
 * Prints the OpenAPI document (or writes it with `--out file`) without starting a server
 * or touching the database: `npm run openapi -- --out docs/openapi.json`.
 */
async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  loadEnvFiles();
  const json = `${JSON.stringify(await buildOpenApiDocument(process.env), null, 2)}\n`;
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
