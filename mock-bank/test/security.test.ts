import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import fc from "fast-check";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTED_APPS_PATH, signConnectedAppsLink } from "@openbank/contracts/connected-apps-link";
import { bg, consentBody, EMBEDDED, expectTpp, personaAccounts } from "./berlin-group-fixture";
import { bankClient, buildTestApp, expectProblemShape, gatewayHeaders, TEST_SECRET, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
let aliceAccount: string;

/** Routes that exist only in this test, to reach the body parser and the 500 path. */
const testRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/echo",
    {
      schema: { hide: true, body: z.object({ amount: z.string().regex(/^\d+\.\d{2}$/), nested: z.object({ a: z.number() }).optional() }) },
    },
    async (request) => request.body,
  );
  app.get("/boom", { schema: { hide: true } }, async () => {
    throw new Error("database password is hunter2 at /srv/secret.ts:12:3");
  });
};

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  await t.app.register(testRoutes, { prefix: "/v1/__test" });
  bank = await bankClient(t.app);
  aliceAccount = (await bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant: "app_alice" })).body.data[0].id;
});
afterAll(() => t.close());

/** Every documented operation, with a real path for it. */
const operations = () =>
  bank.contract.operations().map((operation) => {
    const [method, template] = operation.split(" ");
    return {
      method,
      template,
      url: template
        .replace("{account_id}", aliceAccount)
        .replace(/\{(\w+?)_id\}/g, (_, name: string) => `${name.slice(0, 3)}_0000000000000000000000`),
    };
  });

describe("internal authentication (every /v1 route)", () => {
  it("covers every documented operation", () => {
    expect(
      operations()
        .map((o) => `${o.method} ${o.template}`)
        .sort(),
    ).toEqual(
      [
        "delete /v1/consents/{consent_id}",
        "get /v1/accounts",
        "get /v1/accounts/{account_id}",
        "get /v1/accounts/{account_id}/balances",
        "get /v1/accounts/{account_id}/transactions",
        "get /v1/bnpl/plans",
        "get /v1/bnpl/plans/{plan_id}",
        "get /v1/consents",
        "get /v1/consents/{consent_id}",
        "get /v1/customers",
        "get /v1/customers/{customer_id}",
        "get /v1/loans",
        "get /v1/loans/applications/{application_id}",
        "get /v1/loans/{loan_id}",
        "get /v1/payments",
        "get /v1/payments/{payment_id}",
        "get /v1/sandbox/clock",
        "post /v1/accounts",
        "post /v1/bnpl/plans",
        "post /v1/customers",
        "post /v1/fx/quotes",
        "post /v1/loans/applications",
        "post /v1/loans/offers/{offer_id}/accept",
        "post /v1/loans/{loan_id}/repayments",
        "post /v1/payments",
        "post /v1/sandbox/clock/advance",
        "post /v1/sandbox/customers/{customer_id}/kyc-review",
        "post /v1/sandbox/consents",
        "post /v1/sandbox/consents/{consent_id}/expire",
        "post /v1/sandbox/reset",
        "post /v1/sandbox/transactions",
        "get /v1/products",
        "get /v1/products/{product_id}",
        "get /v1/investments/funds",
        "get /v1/investments/funds/{fund_id}",
        "get /v1/investments/recommendations",
        "post /v1/insurance/quotes",
        "get /v1/insurance/quotes/{quote_id}",
        "post /v1/insurance/policies",
        "get /v1/insurance/policies",
        "get /v1/insurance/policies/{policy_id}",
        "post /v1/insurance/policies/{policy_id}/cancel",
        "get /v1/accounts/{account_id}/rewards",
        "post /v1/accounts/{account_id}/rewards/redemptions",
        "post /v1/sandbox/webhooks/fire",
        "post /v1/sandbox/berlin-group/authorisations/{authorisation_id}",
        "post /v1/sandbox/authentications/{authentication_id}",
        "post /v1/sandbox/customers",
        "get /v1/sandbox/customers",
        "get /v1/sandbox/customers/{customer_id}",
        "patch /v1/sandbox/customers/{customer_id}",
        "delete /v1/sandbox/customers/{customer_id}",
        "get /v1/sandbox/settings",
        "patch /v1/sandbox/settings",
        "get /v1/sandbox/export",
        "post /v1/sandbox/import",
        "post /v1/sandbox/snapshots",
        "get /v1/sandbox/snapshots",
        "get /v1/sandbox/snapshots/{snapshot}",
        "get /v1/sandbox/snapshots/{snapshot}/export",
        "post /v1/sandbox/snapshots/{snapshot}/restore",
        "delete /v1/sandbox/snapshots/{snapshot}",
      ].sort(),
    );
  });

  const wrongSecrets: [string, Record<string, string>][] = [
    ["no secret", {}],
    ["an empty secret", { "x-internal-secret": "" }],
    ["a wrong secret of the same length", { "x-internal-secret": TEST_SECRET.replace(/.$/, "!") }],
    ["a prefix of the secret", { "x-internal-secret": TEST_SECRET.slice(0, 20) }],
    ["the secret plus a suffix", { "x-internal-secret": `${TEST_SECRET}x` }],
    ["the secret as a bearer token", { authorization: `Bearer ${TEST_SECRET}` }],
  ];

  it.each(wrongSecrets)("refuses %s with 403 internal_auth_failed, before seeding anything", async (_name, headers) => {
    for (const { method, template, url } of operations()) {
      const reply = await bank.request({ method, url, template, tenant: null, headers: { "x-tenant-id": "app_mallory", ...headers } });
      expectProblemShape(reply, 403, "internal_auth_failed");
    }
    expect(await t.app.db.bankTenant.count({ where: { id: "app_mallory" } })).toBe(0);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["too long", "a".repeat(65)],
    ["a path", "../app_alice"],
    ["with spaces", "app alice"],
    ["non-ASCII", "app_ålice"],
  ])("refuses a %s x-tenant-id with 400 validation_failed", async (_name, tenant) => {
    for (const { method, template, url } of operations()) {
      const headers: Record<string, string> = { "x-internal-secret": TEST_SECRET };
      if (tenant !== undefined) headers["x-tenant-id"] = tenant;
      const reply = await bank.request({ method, url, template, tenant: null, headers });
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors).toEqual([{ pointer: "/headers/x-tenant-id", detail: expect.any(String) }]);
    }
  });

  it("refuses unknown routes without the secret too (nothing to probe), and 404s them with it", async () => {
    expectProblemShape(await bank.request({ url: "/v1/secret-admin", tenant: null }), 403, "internal_auth_failed");
    expectProblemShape(await bank.request({ url: "/admin", tenant: null }), 403, "internal_auth_failed");
    const unknown = await bank.request({ url: "/v1/mortgages?x=1" });
    expectProblemShape(unknown, 404, "not_found");
    expect(unknown.body.detail).toBe("No route GET /v1/mortgages.");
    expectProblemShape(await bank.request({ method: "DELETE", url: "/v1/accounts" }), 404, "not_found");
  });

  it("serves /health and /openapi.json without any header", async () => {
    const health = await t.app.inject({ url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const doc = await t.app.inject({ url: "/openapi.json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().info.title).toBe("Open Bank Sandbox API");
  });
});

describe("tenant isolation", () => {
  it("gives each tenant its own accounts: lists never overlap", async () => {
    const alice = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_alice" })).body.data.map(
      (a: { id: string }) => a.id,
    );
    const bob = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_bob" })).body.data.map(
      (a: { id: string }) => a.id,
    );
    expect(alice).toHaveLength(18);
    expect(bob).toHaveLength(18);
    expect(alice.filter((id: string) => bob.includes(id))).toEqual([]);
  });

  it("answers 404 to tenant B for each of tenant A's account ids, exactly like an unknown id", async () => {
    const alice = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_alice" })).body.data;
    for (const account of alice.slice(0, 6)) {
      for (const { template, url } of operations().filter((o) => o.method === "get" && o.template.includes("{account_id}"))) {
        const foreign = await bank.get(template, url.replace(aliceAccount, account.id), { tenant: "app_bob" });
        expectProblemShape(foreign, 404, "resource_not_found");
        const unknown = await bank.get(template, url.replace(aliceAccount, "acc_0000000000000000000000"), { tenant: "app_bob" });
        expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
      }
    }
    const customer = alice[0].customer_id;
    expect((await bank.get("/v1/accounts", `/v1/accounts?customer_id=${customer}`, { tenant: "app_bob" })).body.data).toEqual([]);
  });

  it("refuses tenant A's cursors in tenant B", async () => {
    const page = await bank.get("/v1/accounts", "/v1/accounts?limit=2", { tenant: "app_alice" });
    const reply = await bank.get("/v1/accounts", `/v1/accounts?limit=2&cursor=${page.body.next_cursor}`, { tenant: "app_bob" });
    expectProblemShape(reply, 400, "validation_failed");
  });
});

describe("request ids", () => {
  it("uses the gateway's x-request-id in the response header and problem body", async () => {
    const ok = await bank.get("/v1/accounts", "/v1/accounts?limit=1", {
      tenant: "app_alice",
      headers: { "x-request-id": "req_fromGateway123" },
    });
    expect(ok.headers["x-request-id"]).toBe("req_fromGateway123");
    const bad = await bank.get("/v1/accounts", "/v1/accounts?limit=0", {
      tenant: "app_alice",
      headers: { "x-request-id": "req_fromGateway456" },
    });
    expect(bad.body.request_id).toBe("req_fromGateway456");
  });

  it("replaces a missing or unsafe request id with a new req_ id", async () => {
    for (const id of [undefined, "has spaces", "x".repeat(200), "<script>"]) {
      const reply = await bank.get("/v1/accounts", "/v1/accounts?limit=0", {
        tenant: "app_alice",
        headers: id ? { "x-request-id": id } : {},
      });
      expect(reply.body.request_id).toMatch(/^req_[0-9A-Za-z]{22}$/);
    }
  });
});

describe("client input never becomes a 500", () => {
  it("answers malformed JSON with 400 malformed_json, and body errors with /body pointers", async () => {
    const post = (payload: string, contentType = "application/json") =>
      bank.request({ method: "POST", url: "/v1/__test/echo", payload, headers: { "content-type": contentType } });
    expectProblemShape(await post("{bad json"), 400, "malformed_json");
    expectProblemShape(await post(""), 400, "malformed_json");
    expectProblemShape(await post("amount=1", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
    const invalid = await post(JSON.stringify({ amount: "12.5", nested: { a: "x" }, extra: 1 }));
    expectProblemShape(invalid, 400, "validation_failed");
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/amount", "/body/nested/a"]);
    const big = await post(JSON.stringify({ amount: "1.00", pad: "x".repeat(1_100_000) }));
    expectProblemShape(big, 413, "payload_too_large");
    expect((await post(JSON.stringify({ amount: "12.50" }))).body).toEqual({ amount: "12.50" });
  });

  it("hides unexpected errors behind a plain 500 internal_error", async () => {
    const reply = await bank.request({ url: "/v1/__test/boom" });
    expectProblemShape(reply, 500, "internal_error");
    expect(JSON.stringify(reply.body)).not.toMatch(/hunter2|secret\.ts/);
  });

  it("answers 200 or 400, never anything else, to arbitrary query strings", async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom("booked", "pending", "current", "", "null", "[]", "%00"),
    );
    const query = fc.dictionary(fc.constantFrom("limit", "cursor", "from", "to", "status", "type", "customer_id", "x"), value, {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (params, transactions) => {
        const search = new URLSearchParams(params).toString();
        const [template, path] = transactions
          ? ["/v1/accounts/{account_id}/transactions", `/v1/accounts/${aliceAccount}/transactions`]
          : ["/v1/accounts", "/v1/accounts"];
        const reply = await bank.get(template, `${path}?${search}`, { tenant: "app_alice" });
        expect([200, 400]).toContain(reply.status);
      }),
      { numRuns: 60 },
    );
  });
});

/** A bank whose log lines land in `lines`. */
async function loggedBank() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logged: await buildTestApp({ now: () => NOW, logger: { stream } }) };
}

describe("logging", () => {
  it("logs the request id and tenant but never the internal secret, authorization or cookies", async () => {
    const { lines, logged } = await loggedBank();
    try {
      const response = await logged.app.inject({
        url: "/v1/accounts?limit=0",
        headers: {
          ...gatewayHeaders("app_logs"),
          authorization: "Bearer sk_sandbox_supersecret",
          cookie: "session=abc123",
          "x-request-id": "req_logtest",
        },
      });
      expect(response.statusCode).toBe(400);
    } finally {
      await logged.close();
    }
    const text = lines.join("");
    expect(text).toContain("req_logtest");
    expect(text).toContain("app_logs");
    expect(text).toContain("[redacted]");
    for (const secret of [TEST_SECRET, "sk_sandbox_supersecret", "abc123"]) expect(text).not.toContain(secret);
  });

  it("logs a connected-apps link with its signature redacted: the tenant and expiry stay, the capability does not", async () => {
    const { lines, logged } = await loggedBank();
    const query = signConnectedAppsLink({ internalSecret: TEST_SECRET, tenantId: "app_logs", appName: "Log app", now: new Date() });
    const sig = query.get("sig")!;
    try {
      const page = await logged.app.inject({
        url: `${CONNECTED_APPS_PATH}?${query}`,
        headers: { "x-internal-secret": TEST_SECRET, "x-request-id": "req_linklog" },
      });
      // The real page: the link was accepted (the login form carries it on), so the logged URL is the signed one.
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`name="sig" value="${sig}"`);
    } finally {
      await logged.close();
    }
    const entry = lines.map((line) => JSON.parse(line)).find((line) => line.request_id === "req_linklog" && line.req)!;
    expect(entry.req.url).toBe(`${CONNECTED_APPS_PATH}?tenant=app_logs&app=Log+app&exp=${query.get("exp")}&sig=[redacted]`);
    expect(lines.join("")).not.toContain(sig);
  });

  it("never logs a Berlin Group PSU's password or one-time password (EMBEDDED), right or wrong", async () => {
    const { lines, logged } = await loggedBank();
    const wrongPassword = `typo-${randomUUID()}`;
    const wrongOtp = randomUUID().slice(0, 8);
    try {
      const { current } = await personaAccounts(logged.app, "app_bglogs");
      const created = await bg(logged.app, {
        method: "POST",
        url: "/consents",
        tenant: "app_bglogs",
        headers: { ...EMBEDDED, "psu-id": "user_good_credit" },
        body: consentBody([current.iban!]),
      });
      const url = created.body._links.scaStatus.href.replace("/berlin-group/v1", "");
      const put = (body: unknown) => bg(logged.app, { method: "PUT", url, tenant: "app_bglogs", body });
      expectTpp(await put({ psuData: { password: wrongPassword } }), 401, "PSU_CREDENTIALS_INVALID");
      expect((await put({ psuData: { password: "pass_good_credit" } })).status).toBe(200);
      expect((await put({ authenticationMethodId: "sms-otp" })).status).toBe(200);
      expectTpp(await put({ scaAuthenticationData: wrongOtp }), 400, "SCA_INVALID");
      expect((await put({ scaAuthenticationData: "123456" })).body.scaStatus).toBe("finalised");
    } finally {
      await logged.close();
    }
    const text = lines.join("");
    // The PUTs were logged (method, URL, request id), their bodies were not.
    expect(lines.filter((line) => /"method":"PUT"/.test(line) && line.includes("/authorisations/sca_")).length).toBe(5);
    for (const secret of [wrongPassword, "pass_good_credit", wrongOtp, '"123456"', "psuData", "scaAuthenticationData"])
      expect(text, secret).not.toContain(secret);
  });
});
