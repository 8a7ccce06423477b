import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "@openbank/contracts/errors";
import { buildTestApp, PORTAL_URL, type TestApp } from "./helpers";
import { createOpenApiValidator } from "./openapi-validator";

type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, { description: string; content: Record<string, { schema: unknown }> }>;
};

let t: TestApp;
let doc: {
  openapi: string;
  info: Record<string, string>;
  servers: { url: string }[];
  security: unknown;
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
};

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  doc = t.app.swagger() as unknown as typeof doc;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with title, version, description, server, tags and a bearer security scheme applied globally", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Open Bank Sandbox API", version: "1.0.0" });
    expect(doc.info.description.length).toBeGreaterThan(50);
    expect(doc.servers).toEqual([expect.objectContaining({ url: PORTAL_URL })]);
    expect(doc.components.securitySchemes.api_key).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: expect.stringContaining("sk_sandbox_"),
    });
    expect(doc.security).toEqual([{ api_key: [] }]);
    expect(doc.tags.map((tag) => tag.name)).toEqual([
      "Customers",
      "Accounts",
      "Transactions",
      "Payments",
      "FX",
      "Products",
      "Investments",
      "Insurance",
      "Rewards",
      "Lending",
      "Consents",
      "Sandbox",
    ]);
  });

  it("documents every operation: id, summary, description, tag, success and error responses", () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.sort()).toEqual([
      "acceptLoanOffer",
      "advanceSandboxClock",
      "cancelInsurancePolicy",
      "completeKycReview",
      "createBnplPlan",
      "createCustomer",
      "createFxQuote",
      "createInsurancePolicy",
      "createInsuranceQuote",
      "createLoanApplication",
      "createPayment",
      "createSandboxConsent",
      "createSandboxCustomer",
      "createSandboxSnapshot",
      "decideBerlinGroupAuthorisation",
      "decideSandboxAuthentication",
      "deleteSandboxCustomer",
      "deleteSandboxSnapshot",
      "expireSandboxConsent",
      "exportSandbox",
      "exportSandboxSnapshot",
      "fireSandboxEvent",
      "getAccount",
      "getAccountBalances",
      "getAccountRewards",
      "getBnplPlan",
      "getConsent",
      "getCustomer",
      "getFund",
      "getInsurancePolicy",
      "getInsuranceQuote",
      "getInvestmentRecommendation",
      "getLoan",
      "getLoanApplication",
      "getPayment",
      "getProduct",
      "getSandboxClock",
      "getSandboxCustomer",
      "getSandboxSettings",
      "getSandboxSnapshot",
      "importSandbox",
      "listAccountTransactions",
      "listAccounts",
      "listBnplPlans",
      "listConsents",
      "listCustomers",
      "listFunds",
      "listInsurancePolicies",
      "listLoans",
      "listPayments",
      "listProducts",
      "listSandboxCustomers",
      "listSandboxSnapshots",
      "openAccount",
      "redeemAccountRewards",
      "repayLoan",
      "resetSandbox",
      "restoreSandboxSnapshot",
      "revokeConsent",
      "simulateIncomingTransaction",
      "updateSandboxCustomer",
      "updateSandboxSettings",
    ]);
    for (const { path, operation } of operations()) {
      expect([operation.summary, operation.description], operation.operationId).toEqual([
        expect.stringMatching(/\S/),
        expect.stringMatching(/\S/),
      ]);
      // One known tag; minting and expiring a consent are filed under Consents first and are also sandbox controls.
      const tags = ["createSandboxConsent", "expireSandboxConsent"].includes(operation.operationId)
        ? ["Consents", "Sandbox"]
        : [expect.toBeOneOf(doc.tags.map((tag) => tag.name))];
      expect(operation.tags, operation.operationId).toEqual(tags);
      const statuses = Object.keys(operation.responses);
      // One success status: 200, or 201 for operations that create something, or 204 for a delete that answers nothing.
      const success = statuses.filter((s) => s.startsWith("2"));
      expect(success.length === 1 && ["200", "201", "204"].includes(success[0])).toBe(true);
      expect(statuses).toEqual(
        expect.arrayContaining(["400", "401", "403", "429", "500", "default", ...(path.includes("{") ? ["404"] : [])]),
      );
      expect(operation.responses[success[0]].description).not.toBe("Default Response");
      if (success[0] === "204") expect(operation.responses[success[0]].content, operation.operationId).toBeUndefined();
      else expect(Object.keys(operation.responses[success[0]].content)).toEqual(["application/json"]);
      for (const status of statuses.filter((s) => s !== success[0])) {
        expect(operation.responses[status].content).toEqual({
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        });
      }
    }
  });

  it("documents the gateway's headers on every response: the request id, the quota, and Retry-After on 429", () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, { headers?: Record<string, unknown> }>)) {
        const names = Object.keys(response.headers ?? {});
        expect(names, `${method} ${path} ${status}`).toEqual([
          "X-Request-Id",
          "RateLimit",
          "RateLimit-Policy",
          ...(status === "429" ? ["Retry-After"] : []),
        ]);
      }
    }
  });

  it("bounds every string, array and integer it describes (OWASP API4: the limits validation and serialization enforce)", () => {
    const unbounded: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}/${i}`));
      if (!node || typeof node !== "object") return;
      const schema = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(schema.type ?? []);
      if (types.includes("string") && schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined)
        unbounded.push(`${at}: string without maxLength`);
      if (types.includes("array") && schema.maxItems === undefined) unbounded.push(`${at}: array without maxItems`);
      if (types.includes("integer")) {
        // int32 with both bounds: `.int()` alone would state ±2^53, which no field of this API needs.
        if (schema.format !== "int32" || typeof schema.minimum !== "number" || typeof schema.maximum !== "number")
          unbounded.push(`${at}: integer ${JSON.stringify(schema)}`);
      }
      for (const [key, child] of Object.entries(schema))
        if (!["example", "examples", "enum", "const", "x-example-run"].includes(key)) walk(child, `${at}/${key}`);
    };
    walk(doc.paths, "#/paths");
    walk(doc.components, "#/components");
    expect(unbounded).toEqual([]);
  });

  it("keeps the gateway's internal headers out of the public document", () => {
    const text = JSON.stringify(doc).toLowerCase();
    for (const header of ["x-internal-secret", "x-tenant-id", "x-app-id", "x-consent-token", "x-app-redirect-uris"])
      expect(text).not.toContain(header);
    // The only header parameter a developer sends besides Authorization is Idempotency-Key.
    for (const { operation } of operations())
      expect((operation.parameters ?? []).filter((p) => p.in === "header" && p.name !== "idempotency-key")).toEqual([]);
    expect(doc.paths["/health"]).toBeUndefined();
    expect(doc.paths["/openapi.json"]).toBeUndefined();
  });

  it("lists every catalogued error code in the Problem schema", () => {
    const problem = doc.components.schemas.Problem as { properties: { code: { enum: string[] } } };
    expect(problem.properties.code.enum.sort()).toEqual(Object.keys(catalog).sort());
  });

  it("has examples that are valid against their own schemas (docs never lie)", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: doc.components });
    let checked = 0;
    const walk = (schema: unknown, pointer: string) => {
      if (!schema || typeof schema !== "object") return;
      const node = schema as Record<string, unknown>;
      if (Array.isArray(node.examples) && !("$ref" in node)) {
        const validate = ajv.getSchema(`doc#${pointer}`)!;
        for (const example of node.examples) {
          expect(validate(example), `${pointer}: ${JSON.stringify(validate.errors)}`).toBe(true);
          checked++;
        }
      }
      if (node.properties) for (const [name, child] of Object.entries(node.properties)) walk(child, `${pointer}/properties/${name}`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) walk(schema, `/components/schemas/${name}`);
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it("is what GET /openapi.json serves", async () => {
    const served = await t.app.inject({ url: "/openapi.json" });
    expect(served.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("createOpenApiValidator", () => {
  it("accepts matching responses and explains mismatches", () => {
    const contract = createOpenApiValidator(doc);
    const money = { amount: "1.00", currency: "GBP" };
    const balances = {
      account_id: "acc_1",
      currency: "GBP",
      booked: money,
      available: money,
      pending: money,
      overdraft_limit: null,
      credit_limit: money,
      as_of: "2026-11-21T10:30:00.000Z",
    };
    const path = "/v1/accounts/{account_id}/balances";
    expect(
      contract.validateResponse({ method: "GET", path, status: 200, contentType: "application/json; charset=utf-8", body: balances }),
    ).toEqual({ valid: true });

    const wrong = contract.validateResponse({
      method: "get",
      path,
      status: 200,
      contentType: "application/json",
      body: { ...balances, booked: { amount: 1 }, extra: true },
    });
    expect(wrong.valid).toBe(false);
    expect(!wrong.valid && wrong.errors.join("\n")).toMatch(/booked/);
    expect(contract.validateResponse({ method: "get", path, status: 200, contentType: "text/html", body: balances }).valid).toBe(false);
    expect(contract.validateResponse({ method: "get", path: "/v1/nope", status: 200, body: {} }).valid).toBe(false);

    const problem = {
      type: "http://x/docs/errors#internal_auth_failed",
      title: "t",
      status: 403,
      detail: "d",
      code: "internal_auth_failed",
    };
    // 403 is not listed, so it falls to `default`.
    expect(
      contract.validateResponse({ method: "get", path, status: 403, contentType: "application/problem+json", body: problem }).valid,
    ).toBe(true);
    expect(contract.validateResponse({ method: "get", path, status: 403, contentType: "application/json", body: problem }).valid).toBe(
      false,
    );
    expect(() =>
      contract.assertResponse({ method: "get", path, status: 404, contentType: "application/problem+json", body: { code: "nope" } }),
    ).toThrow(/does not match/);
    expect(contract.validateComponent("Problem", problem)).toEqual({ valid: true });
    expect(contract.unexercised().filter((operation) => operation.includes(" /v1/accounts"))).toEqual([
      "post /v1/accounts",
      "get /v1/accounts",
      "get /v1/accounts/{account_id}",
      "get /v1/accounts/{account_id}/transactions",
      "get /v1/accounts/{account_id}/rewards",
      "post /v1/accounts/{account_id}/rewards/redemptions",
    ]);
  });
});
