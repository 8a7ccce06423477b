import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import { CLI_PORTAL_SCHEMA_PATH, CLIENT_SCHEMA_PATH, PORTAL_CLIENT_SCHEMA_PATH, renderClientSchema } from "./render-client-schema";

describe("the typed client's schema.d.ts", () => {
  it("is exactly what the current OpenAPI document generates (run `npm run client:generate` after an API change)", async () => {
    const expected = await renderClientSchema(await buildOpenApiDocument());
    const committed = readFileSync(CLIENT_SCHEMA_PATH, "utf8");
    // toBe would print two 7,000-line strings; a boolean keeps the failure readable.
    expect(committed === expected, "packages/sandbox-client/schema.d.ts is stale: run `npm run client:generate`").toBe(true);
  });

  it("types every path and operation of the document", async () => {
    const document = (await buildOpenApiDocument()) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const committed = readFileSync(CLIENT_SCHEMA_PATH, "utf8");
    for (const [path, item] of Object.entries(document.paths)) {
      expect(committed).toContain(`"${path}": {`);
      for (const operation of Object.values(item))
        expect(committed, `${path}`).toContain(`${operation.operationId ?? "(no operationId)"}: {`);
    }
  });

  it("changes when the document changes", async () => {
    const document = (await buildOpenApiDocument()) as { paths: Record<string, unknown> };
    const changed = {
      ...document,
      paths: { ...document.paths, "/v1/new-thing": { get: { operationId: "newThing", responses: { 200: { description: "ok" } } } } },
    };
    expect(await renderClientSchema(changed)).not.toBe(await renderClientSchema(document));
  });
});

describe("the portal client's schema.d.ts", () => {
  it("is exactly what the portal API's document generates (run `npm run client:generate` after an API change)", async () => {
    const { buildPortalOpenApiDocument } = await import("@/lib/portal-api/openapi-document");
    const { portalOperations } = await import("@/lib/portal-api/operations");
    const expected = await renderClientSchema(
      buildPortalOpenApiDocument(portalOperations, { portalUrl: "http://localhost:3000" }),
      "portal",
    );
    for (const path of [PORTAL_CLIENT_SCHEMA_PATH, CLI_PORTAL_SCHEMA_PATH])
      expect(readFileSync(path, "utf8") === expected, `${path} is stale: run \`npm run client:generate\``).toBe(true);
  });
});
