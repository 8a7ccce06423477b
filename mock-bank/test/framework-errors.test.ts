import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, gatewayHeaders, type TestApp } from "./helpers";

/**
 * Found by the reliability suite's schema fuzzer: an id longer than the router's parameter
 * limit was answered by Fastify itself (414, its own JSON), outside the problem+json contract.
 */
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});

afterAll(async () => {
  await t.close();
});

it("answers an over-long path parameter with a 400 problem, not Fastify's own 414", async () => {
  const reply = await t.app.inject({ method: "GET", url: `/v1/accounts/acc_${"A".repeat(5_000)}`, headers: gatewayHeaders() });
  expect(reply.statusCode).toBe(400);
  expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(reply.headers["x-request-id"]).toMatch(/^req_[0-9A-Za-z]{22}$/);
  expect(reply.json()).toMatchObject({
    status: 400,
    code: "validation_failed",
    errors: [{ pointer: "/params" }],
    request_id: reply.headers["x-request-id"],
  });
});

it("still answers an over-long parameter without the internal secret as a problem (nothing is looked up)", async () => {
  const reply = await t.app.inject({ method: "GET", url: `/v1/payments/${"x".repeat(300)}` });
  expect(reply.statusCode).toBe(400);
  expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(reply.json()).toMatchObject({
    status: 400,
    code: "validation_failed",
    errors: [{ pointer: "/params" }],
    request_id: reply.headers["x-request-id"],
  });
});

it("sends the router's problems with the same headers as every other problem (one serialiser)", async () => {
  const fromRouter = await t.app.inject({ method: "GET", url: `/v1/accounts/acc_${"A".repeat(5_000)}`, headers: gatewayHeaders() });
  const fromHandler = await t.app.inject({ method: "GET", url: "/v1/accounts/acc_unknown", headers: gatewayHeaders() });
  expect(fromHandler.statusCode).toBe(404);
  expect(fromRouter.headers["content-type"]).toBe(fromHandler.headers["content-type"]);
  for (const reply of [fromRouter, fromHandler]) {
    expect(reply.headers["content-type"]).toMatch(/^application\/problem\+json\b/);
    expect(reply.headers["cache-control"]).toBe("private, no-store");
    expect(reply.headers["x-request-id"]).toBe(reply.json().request_id);
  }
});

it("holds a problem to the bounds the document states, however invalid the body", async () => {
  const { createOpenApiValidator } = await import("./openapi-validator");
  const contract = createOpenApiValidator(t.app.swagger());
  // 60 unknown keys, one of them as long as a body may carry: 60 field errors, one absurd pointer.
  const body = Object.fromEntries([[`k${"x".repeat(5_000)}`, 1], ...Array.from({ length: 59 }, (_, i) => [`extra_${i}`, i])]);
  const reply = await t.app.inject({
    method: "POST",
    url: "/v1/sandbox/clock/advance",
    headers: { ...gatewayHeaders(), "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
  expect(reply.statusCode).toBe(400);
  const problem = reply.json();
  expect(problem.errors).toHaveLength(50);
  expect(problem.errors[0].pointer).toHaveLength(1024);
  expect(problem.detail).toMatch(/\(and \d+ more invalid fields\)$/);
  expect(
    contract.validateResponse({
      method: "post",
      path: "/v1/sandbox/clock/advance",
      status: 400,
      contentType: reply.headers["content-type"] as string,
      body: problem,
    }),
  ).toEqual({ valid: true });
});
