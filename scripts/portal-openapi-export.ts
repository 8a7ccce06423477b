import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildPortalOpenApiDocument } from "../lib/portal-api/openapi-document";
import { portalOperations } from "../lib/portal-api/operations";

/**
 * Prints the portal API's OpenAPI document (or writes it with `--out file`) without starting the
 * portal: `npm run openapi:portal -- --out portal-api.json`. Its server is PORTAL_URL.
 */
function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const portalUrl = new URL(process.env.PORTAL_URL ?? "http://localhost:3000").origin;
  const json = `${JSON.stringify(buildPortalOpenApiDocument(portalOperations, { portalUrl }), null, 2)}\n`;
  if (values.out) {
    writeFileSync(values.out, json);
    console.error(`wrote ${values.out}`);
  } else {
    process.stdout.write(json);
  }
}

main();
