import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem, loadContract } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";

/**
 * KYC onboarding and account opening through the real gateway: a developer creates
 * customers (decisions driven by magic values), opens an account for an approved one, and
 * never reaches another app's customers. Every response is checked against the contract.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
let key: string;
let otherKey: string;

beforeAll(async () => {
  const [a, b] = await Promise.all([PortalClient.newDeveloper(portalUrl, "Erin"), PortalClient.newDeveloper(portalUrl, "Frank")]);
  [key, otherKey] = await Promise.all([
    a.client.createApp("Onboarding app").then((app) => app.secret),
    b.client.createApp("Other app").then((app) => app.secret),
  ]);
});

function post(path: string, body: unknown, apiKey = key, idempotencyKey: string | null = randomUUID()) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  return sandbox(portalUrl, apiKey, path, { method: "POST", headers, body: JSON.stringify(body) });
}

async function valid(response: Response, method: string, template: string) {
  const body = await response.json();
  contract.expectValid(method, template, response, body);
  return body;
}

const person = (familyName: string) => ({
  given_name: "Grace",
  family_name: familyName,
  date_of_birth: "1990-04-12",
  email: `grace.${familyName.toLowerCase()}@example.com`,
  address: { line1: "1 High Street", city: "London", postcode: "SW1A 1AA", country: "GB" },
});

describe("KYC onboarding through the gateway", () => {
  it("approves an ordinary customer and opens an account that shows in the list", async () => {
    const created = await post("/v1/customers", person("Hopper"));
    expect(created.status).toBe(201);
    const customer = await valid(created, "post", "/v1/customers");
    expect(customer.kyc.status).toBe("approved");

    const opened = await post("/v1/accounts", { customer_id: customer.id, type: "current", currency: "GBP" });
    expect(opened.status).toBe(201);
    const account = await valid(opened, "post", "/v1/accounts");
    expect(account.customer_id).toBe(customer.id);

    const fetched = await sandbox(portalUrl, key, `/v1/customers/${customer.id}`);
    expect((await valid(fetched, "get", "/v1/customers/{customer_id}")).id).toBe(customer.id);
    const list = await sandbox(portalUrl, key, `/v1/accounts?customer_id=${customer.id}`);
    expect((await valid(list, "get", "/v1/accounts")).data.map((a: { id: string }) => a.id)).toEqual([account.id]);
    const customers = await sandbox(portalUrl, key, "/v1/customers?kyc_status=approved&limit=100");
    expect((await valid(customers, "get", "/v1/customers")).data.some((c: { id: string }) => c.id === customer.id)).toBe(true);
  });

  it("sends the magic family name Review to review, and refuses it an account", async () => {
    const customer = await valid(await post("/v1/customers", person("Review")), "post", "/v1/customers");
    expect(customer.kyc.status).toBe("review");
    const refused = await post("/v1/accounts", { customer_id: customer.id, type: "savings", currency: "GBP" });
    await expectProblem(refused, 422, "kyc_not_approved");

    const review = `/v1/sandbox/customers/${customer.id}/kyc-review`;
    const approved = await valid(
      await post(review, { decision: "approved" }, key, null),
      "post",
      "/v1/sandbox/customers/{customer_id}/kyc-review",
    );
    expect(approved.kyc).toMatchObject({ status: "approved", reasons: [] });
    await expectProblem(await post(review, { decision: "rejected" }, key, null), 409, "kyc_not_in_review");
    await expectProblem(await post(review, { decision: "approved" }, otherKey, null), 404, "resource_not_found");
    const opened = await post("/v1/accounts", { customer_id: customer.id, type: "savings", currency: "GBP" });
    expect((await valid(opened, "post", "/v1/accounts")).customer_id).toBe(customer.id);
  });

  it("requires an Idempotency-Key and validates the body with pointers", async () => {
    await expectProblem(await post("/v1/customers", person("Keyless"), key, null), 400, "idempotency_key_required");
    const problem = await expectProblem(
      await post("/v1/customers", { ...person("Bad"), date_of_birth: "1990-13-40" }),
      400,
      "validation_failed",
    );
    expect(problem.errors.map((error) => error.pointer)).toContain("/body/date_of_birth");
  });

  it("keeps customers inside their app's sandbox", async () => {
    const customer = await valid(await post("/v1/customers", person("Private")), "post", "/v1/customers");
    await expectProblem(await sandbox(portalUrl, otherKey, `/v1/customers/${customer.id}`), 404, "resource_not_found");
    await expectProblem(
      await post("/v1/accounts", { customer_id: customer.id, type: "current", currency: "GBP" }, otherKey),
      404,
      "resource_not_found",
    );
  });

  it("has exercised every customers and account-opening operation", () => {
    const mine = contract.validator
      .unexercised()
      .filter(
        (operation) => operation.includes(" /v1/customers") || operation.includes("/kyc-review") || operation === "post /v1/accounts",
      );
    expect(mine).toEqual([]);
  });
});
