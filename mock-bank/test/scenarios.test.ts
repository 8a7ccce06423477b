import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scenarioCatalog } from "../src/domain/sandbox/sandbox-scenario";
import { bankClient, buildTestApp, expectProblemShape, TEST_SECRET, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
const slept: number[] = [];

/** Test-only routes inside the scenario hook: one that moves money, one that says it does not. */
const moneyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("onRequest", app.applySandboxScenario);
  app.post("/pay", { schema: { hide: true, body: z.object({ amount: z.string() }) } }, async (request) => ({ paid: request.body.amount }));
  app.post("/quote", { config: { movesMoney: false }, schema: { hide: true } }, async () => ({ quoted: true }));
};

beforeAll(async () => {
  t = await buildTestApp({
    now: () => NOW,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  await t.app.register(moneyRoutes, { prefix: "/v1/__test" });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());
beforeEach(() => {
  slept.length = 0;
});

const accounts = (scenario: string, tenant = "app_alpha") =>
  bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant, headers: { "sandbox-scenario": scenario } });

describe("Sandbox-Scenario failures", () => {
  it("bank_unavailable answers 502 bank_unavailable, as the gateway does when the bank is down", async () => {
    const reply = await accounts("bank_unavailable");
    expectProblemShape(reply, 502, "bank_unavailable");
    expect(reply.body.detail).toContain("Sandbox-Scenario");
  });

  it("rate_limited answers 429 rate_limited with Retry-After", async () => {
    const reply = await accounts("rate_limited");
    expectProblemShape(reply, 429, "rate_limited");
    expect(reply.headers["retry-after"]).toBe("1");
  });

  it("internal_error answers 500 internal_error", async () => {
    expectProblemShape(await accounts("internal_error"), 500, "internal_error");
  });

  it("fails before the tenant is seeded: a simulated failure changes nothing", async () => {
    expectProblemShape(await accounts("bank_unavailable", "app_never_seeded"), 502, "bank_unavailable");
    expect(await t.app.db.bankTenant.count({ where: { id: "app_never_seeded" } })).toBe(0);
  });

  it("insufficient_funds fails money-moving POSTs with 422 and nothing else", async () => {
    const pay = (scenario?: string) =>
      bank.request({
        method: "POST",
        url: "/v1/__test/pay",
        payload: JSON.stringify({ amount: "10.00" }),
        headers: { "content-type": "application/json", ...(scenario ? { "sandbox-scenario": scenario } : {}) },
      });
    expectProblemShape(await pay("insufficient_funds"), 422, "insufficient_funds");
    expect((await pay()).body).toEqual({ paid: "10.00" });
    expect((await accounts("insufficient_funds")).status).toBe(200);
    const quote = await bank.request({ method: "POST", url: "/v1/__test/quote", headers: { "sandbox-scenario": "insufficient_funds" } });
    expect(quote.body).toEqual({ quoted: true });
  });
});

describe("Sandbox-Scenario latency", () => {
  it("waits the given milliseconds, then answers normally", async () => {
    const reply = await accounts("latency=2000");
    expect(reply.status).toBe(200);
    expect(slept).toEqual([2000]);
  });

  it("waits past the gateway's 10 s upstream timeout (so latency=11000 shows its 504), capped at 12 s", async () => {
    expect((await accounts("latency=11000")).status).toBe(200);
    expect((await accounts("latency=60000")).status).toBe(200);
    expect(slept).toEqual([11_000, 12_000]);
  });

  it("waits, then fails, when combined with a failure (spaces allowed)", async () => {
    expectProblemShape(await accounts(" latency=1500 , bank_unavailable "), 502, "bank_unavailable");
    expect(slept).toEqual([1500]);
  });

  it("really waits with the default clock", async () => {
    const real = await buildTestApp({ now: () => NOW });
    try {
      const started = performance.now();
      const response = await real.app.inject({
        url: "/v1/accounts?limit=1",
        headers: { "x-internal-secret": TEST_SECRET, "x-tenant-id": "app_slow", "sandbox-scenario": "latency=250" },
      });
      expect(response.statusCode).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    } finally {
      await real.close();
    }
  });

  it("ignores an empty header and empty list items", async () => {
    expect((await accounts("")).status).toBe(200);
    expect((await accounts(" , ")).status).toBe(200);
    expect(slept).toEqual([]);
  });
});

describe("Sandbox-Scenario validation", () => {
  it.each([
    ["an unknown value", "bank_down"],
    ["a value in another case", "BANK_UNAVAILABLE"],
    ["a latency that is not a number", "latency=fast"],
    ["a negative latency", "latency=-5"],
    ["a latency above 60 s", "latency=60001"],
    ["latency twice", "latency=10,latency=20"],
    ["two failures", "bank_unavailable,internal_error"],
    // The document promises maxLength 200; only empty items could make a valid header that long.
    ["a header over 200 characters", `latency=5${",".repeat(192)}`],
  ])("refuses %s with 400 validation_failed at /headers/sandbox-scenario", async (_name, scenario) => {
    const reply = await accounts(scenario);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors).toEqual([{ pointer: "/headers/sandbox-scenario", detail: expect.any(String) }]);
    expect(slept).toEqual([]);
  });

  it("checks the internal secret first: no secret is 403 whatever the scenario", async () => {
    const reply = await bank.request({
      url: "/v1/accounts",
      template: "/v1/accounts",
      tenant: null,
      headers: { "x-tenant-id": "app_alpha", "sandbox-scenario": "latency=5000" },
    });
    expectProblemShape(reply, 403, "internal_auth_failed");
    expect(slept).toEqual([]);
  });
});

describe("Sandbox-Scenario in the OpenAPI document", () => {
  type Doc = {
    paths: Record<string, Record<string, { parameters?: { $ref?: string }[] }>>;
    components: { parameters: Record<string, { name: string; in: string; description: string }> };
  };

  it("is one reusable header parameter, referenced by every operation", async () => {
    const doc = t.app.swagger() as unknown as Doc;
    const parameter = doc.components.parameters.SandboxScenario;
    expect(parameter).toMatchObject({ name: "Sandbox-Scenario", in: "header" });
    for (const info of scenarioCatalog) expect(parameter.description).toContain(`\`${info.value}\``);
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.parameters?.filter((p) => p.$ref === "#/components/parameters/SandboxScenario")).toHaveLength(1);
    }
  });
});
