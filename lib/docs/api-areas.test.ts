import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/mock-bank/src/openapi-document";
import {
  areaSlug,
  filterDocumentByTag,
  findApiArea,
  findAreaOfOperation,
  listApiAreas,
  listOperations,
  operationHref,
  type OpenApiDocumentLike,
} from "./api-areas";

let document: OpenApiDocumentLike;
beforeAll(async () => {
  document = (await buildOpenApiDocument()) as OpenApiDocumentLike;
}, 60_000);

describe("areaSlug", () => {
  it("lowercases the tag and turns every run of non-alphanumerics into one dash", () => {
    expect(areaSlug("Accounts")).toBe("accounts");
    expect(areaSlug("FX")).toBe("fx");
    expect(areaSlug("Sandbox controls & time")).toBe("sandbox-controls-time");
    expect(areaSlug("  KYC/AML ")).toBe("kyc-aml");
  });
});

describe("operationHref", () => {
  it("links to the area page with Swagger UI's deep-link fragment", () => {
    expect(operationHref("Accounts", "listAccounts")).toBe("/docs/api/accounts#/Accounts/listAccounts");
    expect(operationHref("Sandbox controls", "reset")).toBe("/docs/api/sandbox-controls#/Sandbox%20controls/reset");
  });
});

describe("listApiAreas over the bank's document", () => {
  it("has one area per tag, in the document's order, with the expected slugs", () => {
    expect(listApiAreas(document).map((area) => area.slug)).toEqual([
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
    ]);
  });

  it("files every operation exactly once, under its first tag, with a one-sentence summary per area", () => {
    const areas = listApiAreas(document);
    const filed = areas.flatMap((area) => area.operations.map((operation) => operation.operationId));
    expect(filed.sort()).toEqual(
      listOperations(document)
        .map((operation) => operation.operationId)
        .sort(),
    );
    expect(new Set(filed).size).toBe(filed.length);
    for (const area of areas) {
      expect(area.summary.length).toBeGreaterThan(10);
      expect(area.summary).toMatch(/[.!?]$/);
      expect(area.summary).not.toContain("`");
    }
    expect(findApiArea(document, "payments")?.operations.map((operation) => operation.operationId)).toEqual([
      "listPayments",
      "createPayment",
      "getPayment",
    ]);
  });

  it("finds the area of a logged call by method and route template, and nothing for an unknown one", () => {
    expect(findAreaOfOperation(document, "GET", "/v1/accounts/{account_id}/transactions")?.slug).toBe("transactions");
    expect(findAreaOfOperation(document, "post", "/v1/payments")?.slug).toBe("payments");
    expect(findAreaOfOperation(document, "GET", "/v1/nothing")).toBeUndefined();
    expect(findApiArea(document, "nope")).toBeUndefined();
  });
});

describe("filterDocumentByTag", () => {
  it("keeps only the tag's operations and tag, and the components they reference", () => {
    const filtered = filterDocumentByTag(document, "Payments");
    const operations = listOperations(filtered);
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(["createPayment", "getPayment", "listPayments"]);
    expect(filtered.tags?.map((tag) => tag.name)).toEqual(["Payments"]);
    const schemas = Object.keys(filtered.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(["Payment", "Problem", "Money"]));
    expect(schemas).not.toContain("Loan");
    expect(Object.keys(filtered.components?.securitySchemes ?? {})).toEqual(["api_key", "consent_token"]);
  });

  it("shows an operation filed under more tags in its first tag's area only, under that tag", () => {
    const consents = listOperations(filterDocumentByTag(document, "Consents"));
    expect(consents.map((operation) => operation.operationId).sort()).toEqual([
      "createSandboxConsent",
      "expireSandboxConsent",
      "getConsent",
      "listConsents",
      "revokeConsent",
    ]);
    const minted = filterDocumentByTag(document, "Consents").paths!["/v1/sandbox/consents"].post as { tags: string[] };
    expect(minted.tags).toEqual(["Consents"]);
    expect(listOperations(filterDocumentByTag(document, "Sandbox")).map((operation) => operation.operationId)).not.toContain(
      "createSandboxConsent",
    );
    expect((document.paths!["/v1/sandbox/consents"].post as { tags: string[] }).tags).toEqual(["Consents", "Sandbox"]);
  });

  it("leaves no dangling reference and does not change the original document", () => {
    const before = JSON.stringify(document);
    for (const area of listApiAreas(document)) {
      const filtered = filterDocumentByTag(document, area.tag);
      const references = [...JSON.stringify(filtered).matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)].map(
        ([, kind, name]) => `${kind}/${name}`,
      );
      // Every area's operations answer problems, so each filtered document references something.
      expect(references, area.tag).toContain("schemas/Problem");
      expect(
        references.filter((reference) => {
          const [kind, name] = reference.split("/");
          return filtered.components?.[kind]?.[name] === undefined;
        }),
        area.tag,
      ).toEqual([]);
    }
    expect(JSON.stringify(document)).toBe(before);
  });

  it("keeps the path's shared parameters with its operations, and drops paths left without any", () => {
    const small: OpenApiDocumentLike = {
      tags: [{ name: "A" }, { name: "B" }],
      paths: {
        "/a": { parameters: [{ name: "x", in: "query" }], get: { tags: ["A"], operationId: "a" }, post: { tags: ["B"], operationId: "b" } },
        "/b": { get: { tags: ["B"], operationId: "c" } },
      },
    };
    expect(filterDocumentByTag(small, "A").paths).toEqual({
      "/a": { parameters: [{ name: "x", in: "query" }], get: { tags: ["A"], operationId: "a" } },
    });
    expect(listApiAreas(small).map((area) => [area.slug, area.operations.length])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });
});
