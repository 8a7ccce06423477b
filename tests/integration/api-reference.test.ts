import { parse } from "yaml";
import { describe, expect, inject, it } from "vitest";
import { listOperations, type OpenApiDocumentLike } from "@/lib/docs/api-areas";
import { POSTMAN_SCHEMA, type PostmanCollection } from "@/lib/docs/postman-collection";
import { STANDARD_REFERENCES } from "@/lib/docs/standard-references";

const portalUrl = inject("portalUrl");
const get = (path: string) => fetch(new URL(path, portalUrl));

describe("API reference downloads", () => {
  it("serve the OpenAPI document as YAML that parses to the same object as the JSON", async () => {
    const [json, yaml] = await Promise.all([get("/openapi.json"), get("/openapi.yaml")]);
    expect(json.status).toBe(200);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get("content-type")).toContain("application/yaml");
    expect(parse(await yaml.text())).toEqual(await json.json());
  });

  it("serve a Postman v2.1 collection with every operation once and {{baseUrl}} set to the portal", async () => {
    const document = (await (await get("/openapi.json")).json()) as OpenApiDocumentLike;
    const response = await get("/postman_collection.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const collection = (await response.json()) as PostmanCollection;
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
    expect(collection.item.flatMap((folder) => folder.item)).toHaveLength(listOperations(document).length);
    expect(collection.variable.find((variable) => variable.key === "baseUrl")?.value).toBe(portalUrl.replace(/\/$/, ""));
    expect(collection.auth.bearer[0].value).toBe("{{sandboxKey}}");
  });

  it("narrow the JSON document to one area with ?area=, and answer 404 problem+json for an unknown area", async () => {
    const document = (await (await get("/openapi.json?area=fx")).json()) as OpenApiDocumentLike;
    expect(listOperations(document).map((operation) => operation.operationId)).toEqual(["createFxQuote"]);
    const missing = await get("/openapi.json?area=nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("API reference pages", () => {
  it("the overview lists every area with its operation count and the downloads", async () => {
    const html = await (await get("/docs/api")).text();
    for (const slug of [
      "customers",
      "accounts",
      "transactions",
      "payments",
      "fx",
      "products",
      "investments",
      "insurance",
      "rewards",
      "lending",
      "consents",
      "sandbox",
    ]) {
      expect(html).toContain(`href="/docs/api/${slug}"`);
    }
    expect(html).toContain("3 operations");
    expect(html).toContain('href="/postman_collection.json"');
    expect(html).toContain('href="/openapi.yaml"');
  });

  it("an area page server-renders its operations with deep links; an unknown area is a 404", async () => {
    const response = await get("/docs/api/payments");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="#/Payments/createPayment"');
    expect(html).toContain("/v1/payments/{payment_id}");
    expect(html).not.toContain("createLoanApplication");
    expect((await get("/docs/api/not-an-area")).status).toBe(404);
  });
});

describe("the standards' references", () => {
  it("serve each standard's document as JSON and YAML, its server this portal under the standard's prefix, and 404 for anything else", async () => {
    for (const [standard, prefix] of [
      [STANDARD_REFERENCES[0], "/open-banking/v4.0"],
      [STANDARD_REFERENCES[1], "/berlin-group"],
    ] as const) {
      const [json, yaml] = await Promise.all([get(standard.openapiHref), get(standard.yamlHref)]);
      expect(json.status).toBe(200);
      expect(yaml.headers.get("content-type")).toContain("application/yaml");
      const document = (await json.json()) as OpenApiDocumentLike;
      expect(parse(await yaml.text())).toEqual(document);
      expect(document.openapi).toBe("3.1.0");
      expect(document.servers?.[0]?.url).toBe(`${portalUrl.replace(/\/$/, "")}${prefix}`);
      // Nothing of /v1 in a standard's document.
      expect(
        listOperations(document).filter(
          (operation) => operation.path.startsWith("/v1/sandbox") || operation.operationId === "listAccounts",
        ),
      ).toEqual([]);
    }
    const missing = await get("/openapi/not-a-standard.json");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });

  it("download a Postman v2.1 collection per standard, {{baseUrl}} the portal, the flow's folders in order", async () => {
    for (const standard of STANDARD_REFERENCES) {
      const response = await get(standard.postmanHref);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toContain(`filename="${standard.postmanFile}"`);
      const collection = (await response.json()) as {
        info: { schema: string };
        variable: { key: string; value: string }[];
        item: { name: string }[];
      };
      expect(collection.info.schema).toBe(POSTMAN_SCHEMA);
      expect(collection.variable.find((variable) => variable.key === "baseUrl")?.value).toBe(portalUrl.replace(/\/$/, ""));
      expect(collection.item.map((folder) => folder.name)[0]).toMatch(/^1 · /);
    }
    expect((await get("/postman/nope.postman_collection.json")).status).toBe(404);
  });

  it("render a page per standard, listed on the API reference, and put the standards' operations in the docs search", async () => {
    const overview = await (await get("/docs/api")).text();
    for (const standard of STANDARD_REFERENCES) {
      expect(overview).toContain(`href="${standard.docsHref}"`);
      const page = await get(standard.docsHref);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(standard.title);
      expect(html).toContain(`href="${standard.postmanHref}"`);
    }
    const items = (await (await get("/docs/search/endpoints.json")).json()) as { href: string; path: string }[];
    const standardItems = items.filter((item) => STANDARD_REFERENCES.some((standard) => item.href.startsWith(`${standard.docsHref}#`)));
    const documented = await Promise.all(
      STANDARD_REFERENCES.map(
        async (standard) => listOperations((await (await get(standard.openapiHref)).json()) as OpenApiDocumentLike).length,
      ),
    );
    expect(standardItems).toHaveLength(documented.reduce((total, count) => total + count, 0));
    for (const item of standardItems) expect(item.path).toMatch(/^\/(open-banking\/v4\.0|berlin-group)\//);
  });
});
