import { parse } from "yaml";
import { describe, expect, inject, it } from "vitest";
import { listOperations, type OpenApiDocumentLike } from "@/lib/docs/api-areas";
import { POSTMAN_SCHEMA, type PostmanCollection } from "@/lib/docs/postman-collection";

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
