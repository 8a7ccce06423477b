import { describe, expect, it } from "vitest";
import { describeOperation, findOperation, pathMatches, sampleFromSchema, similarOperationIds, type OpenApiDocument } from "./openapi.js";

const document: OpenApiDocument = {
  paths: {
    "/v1/accounts/{account_id}": {
      parameters: [{ $ref: "#/components/parameters/AccountId" }],
      get: {
        operationId: "getAccount",
        summary: "Get an account",
        responses: {
          "200": { description: "The account.", content: { "application/json": { schema: { $ref: "#/components/schemas/Account" } } } },
          "404": { description: "No such account." },
        },
      },
    },
    "/v1/payments": {
      post: {
        operationId: "createPayment",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { amount: { type: "string", example: "10.00" }, reference: { type: "string" } } },
            },
          },
        },
        responses: { "201": { description: "Made.", content: { "application/json": { example: { id: "pay_1" } } } } },
      },
    },
  },
  components: {
    parameters: { AccountId: { name: "account_id", in: "path", required: true, schema: { type: "string", example: "acc_123" } } },
    schemas: {
      Account: {
        type: "object",
        properties: {
          id: { type: "string" },
          balance: { $ref: "#/components/schemas/Money" },
          opened: { type: "string", format: "date" },
          kind: { enum: ["current", "savings"] },
          tags: { type: "array", items: { type: "string" } },
        },
      },
      Money: {
        allOf: [
          { type: "object", properties: { amount: { type: "string", example: "1.00" } } },
          { type: "object", properties: { currency: { const: "GBP" } } },
        ],
      },
    },
  },
};

describe("finding an operation", () => {
  it("by id (any case), by method and template path, or by a concrete path", () => {
    expect(findOperation(document, { operationId: "getAccount" })?.path).toBe("/v1/accounts/{account_id}");
    expect(findOperation(document, { operationId: "GETACCOUNT" })?.method).toBe("GET");
    expect(findOperation(document, { method: "post", path: "/v1/payments" })?.operation.operationId).toBe("createPayment");
    expect(findOperation(document, { method: "GET", path: "/v1/accounts/acc_9" })?.operation.operationId).toBe("getAccount");
    expect(findOperation(document, { method: "DELETE", path: "/v1/accounts/acc_9" })).toBeNull();
    expect(findOperation(document, { operationId: "nope" })).toBeNull();
    expect(pathMatches("/v1/a/{id}", "/v1/a/b/c")).toBe(false);
    expect(similarOperationIds(document, "getAcount")).toEqual(["getAccount"]);
  });
});

describe("describing it", () => {
  it("resolves its parameters and builds examples from the schema where the document has none", () => {
    expect(sampleFromSchema(document, { $ref: "#/components/schemas/Account" })).toEqual({
      id: "string",
      balance: { amount: "1.00", currency: "GBP" },
      opened: "2026-01-01",
      kind: "current",
      tags: ["string"],
    });
    const described = describeOperation(document, findOperation(document, { operationId: "getAccount" })!, {
      api: "sandbox",
      baseUrl: "http://portal.test",
      credential: "sk_sandbox_…",
    });
    expect(described.parameters).toEqual([
      { name: "account_id", in: "path", required: true, description: null, schema: { type: "string", example: "acc_123" } },
    ]);
    expect(described.example_request).toBe(
      "curl -X GET 'http://portal.test/v1/accounts/acc_123' \\\n  -H 'Authorization: Bearer sk_sandbox_…'",
    );
    expect(described.example_response).toMatchObject({ status: "200", example: { balance: { currency: "GBP" } } });
    expect(described.responses).toEqual([
      { status: "200", description: "The account." },
      { status: "404", description: "No such account." },
    ]);

    const payment = describeOperation(document, findOperation(document, { operationId: "createPayment" })!, {
      api: "sandbox",
      baseUrl: "http://portal.test",
      credential: "k",
    });
    expect(payment.request_body).toMatchObject({ required: true, example: { amount: "10.00", reference: "string" } });
    expect(payment.example_request).toContain(`-d '{"amount":"10.00","reference":"string"}'`);
    expect(payment.example_response).toEqual({ status: "201", media_type: "application/json", example: { id: "pay_1" } });
  });
});
