import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadGuides } from "../lib/guides/load-guides";
import { MACHINE_DOCS_DIR, ORIGIN_PLACEHOLDER, renderMachineDocs } from "../lib/llms/machine-docs-files";
import { buildPortalOpenApiDocument } from "../lib/portal-api/openapi-document";
import { portalOperations } from "../lib/portal-api/operations";
import { buildOpenApiDocument } from "../mock-bank/src/openapi-document";

/**
 * `npm run docs:build` (part of `npm run build`): /llms.txt, /llms-full.txt and every guide's
 * Markdown, generated from the guides and both OpenAPI documents (the sandbox's from the bank's
 * schemas, the portal API's from its operations) into .machine-docs/, which the portal serves
 * with its own origin and settings filled in (lib/llms/machine-docs-files.ts).
 */
async function main() {
  const docs = renderMachineDocs({
    guides: loadGuides(),
    sandbox: await buildOpenApiDocument(),
    portal: buildPortalOpenApiDocument(portalOperations, { portalUrl: ORIGIN_PLACEHOLDER }),
  });
  rmSync(MACHINE_DOCS_DIR, { recursive: true, force: true });
  for (const [name, text] of docs) {
    const file = path.join(MACHINE_DOCS_DIR, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  console.error(`wrote ${docs.size} machine docs to ${MACHINE_DOCS_DIR}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
