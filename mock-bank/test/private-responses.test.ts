import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";

/** Issue 21 (finding 6): a tenant's answers said nothing to caches; every one now says `private, no-store`. */
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

it.each([
  ["a /v1 list", "/v1/accounts"],
  ["a /v1 read", "/v1/customers?limit=1"],
  ["a /v1 problem", "/v1/accounts/acc_0000000000000000000000"],
  ["a UK Open Banking read", "/open-banking/v4.0/aisp/accounts"],
])("%s says Cache-Control: private, no-store", async (_, url) => {
  const reply = await t.app.inject({ method: "GET", url, headers: gatewayHeaders() });
  expect(reply.headers["cache-control"], `${reply.statusCode} ${reply.body.slice(0, 200)}`).toBe("private, no-store");
});

it("a 200 /v1 write says it too", async () => {
  const reply = await t.app.inject({ method: "POST", url: "/v1/sandbox/reset", headers: gatewayHeaders() });
  expect(reply.statusCode, reply.body).toBeLessThan(300);
  expect(reply.headers["cache-control"]).toBe("private, no-store");
});

it("leaves a route's own choice alone (the public OpenAPI document revalidates)", async () => {
  const reply = await t.app.inject({ method: "GET", url: "/openapi.json" });
  expect(reply.statusCode).toBe(200);
  expect(reply.headers["cache-control"]).toBe("no-cache");
});
