import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";
import { storedRows } from "../support/stored-rows";
import { CREDENTIAL_FORMATS, isWholeCredential } from "@openbank/contracts/credential-formats";

/** A JSON column as read back: text on SQLite, already parsed (jsonb) on PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes are checked by the assertions
const parsed = (value: unknown): any => (typeof value === "string" ? JSON.parse(value) : value);

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");

type Developer = Awaited<ReturnType<typeof PortalClient.newDeveloper>> & { app: Awaited<ReturnType<PortalClient["createApp"]>> };
type Log = { id: string; method: string; path: string; route: string | null; status: number; key_id: string | null; created_at: string };

async function developerWithApp(name: string, options: { verified?: boolean } = {}): Promise<Developer> {
  const developer = await PortalClient.newDeveloper(portalUrl, name, options);
  return { ...developer, app: await developer.client.createApp(`${name}'s app`) };
}

async function logs(developer: Developer, query = ""): Promise<{ data: Log[]; next_cursor: string | null }> {
  const { status, body } = await developer.client.json("GET", `/api/apps/${developer.app.app.id}/requests${query ? `?${query}` : ""}`);
  expect(status).toBe(200);
  return body;
}

/** Waits until the app's logs hold at least `count` rows (they are written behind the response). */
async function waitForLogs(developer: Developer, count: number) {
  return eventually(async () => {
    const page = await logs(developer, "limit=100");
    return page.data.length >= count && page;
  });
}

let dana: Developer;
let eve: Developer;

beforeAll(async () => {
  [dana, eve] = await Promise.all([developerWithApp("Dana"), developerWithApp("Eve")]);
});

describe("log masking", () => {
  it("stores no key, token, secret, password or full personal identifier from real calls in any row", async () => {
    const secondKey = await dana.client.json("POST", `/api/apps/${dana.app.app.id}/keys`, { name: "second" });
    expect(secondKey.status).toBe(201);
    const secrets = {
      key: dana.app.secret,
      keyBody: dana.app.secret.slice("sk_sandbox_".length),
      secondKey: secondKey.body.secret as string,
      password: `hunter2-${randomBytes(6).toString("hex")}`,
      clientSecret: `cs_${randomBytes(12).toString("hex")}`,
      refreshToken: `rt_${randomBytes(12).toString("hex")}`,
      cookie: `session-${randomBytes(12).toString("hex")}`,
      jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ${randomBytes(6).toString("hex")}.c2lnbmF0dXJl${randomBytes(6).toString("hex")}`,
      email: `masking.${randomBytes(4).toString("hex")}@example.com`,
      iban: "GB33BUKB20201555555555",
      nationalId: "QQ123456C",
      accountNumber: "31926819",
    };
    const headers = {
      "x-client-secret": secrets.clientSecret,
      cookie: `next-auth.session-token=${secrets.cookie}`,
      "user-agent": `masking-test token=${secrets.jwt}`,
    };
    const calls = [
      sandbox(portalUrl, secrets.key, `/v1/accounts?limit=2&access_token=${secrets.refreshToken}`, { headers }),
      sandbox(portalUrl, secrets.secondKey, "/v1/accounts", { headers: { "x-refresh-token": secrets.refreshToken } }),
      sandbox(portalUrl, secrets.key, "/v1/customers", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomBytes(8).toString("hex") },
        body: JSON.stringify({
          given_name: "Grace",
          family_name: "Masking",
          date_of_birth: "1990-04-12",
          email: secrets.email,
          national_id: secrets.nationalId,
          password: secrets.password,
          address: { line1: "1 High Street", city: "London", postcode: "SW1A 1AA", country: "GB" },
        }),
      }),
      sandbox(portalUrl, secrets.key, "/v1/payments", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomBytes(8).toString("hex") },
        body: JSON.stringify({
          debtor_account_id: "acc_unknown",
          amount: { amount: "1.00", currency: "GBP" },
          creditor: { type: "iban", name: "Jo Bloggs", iban: secrets.iban },
          reference: `pay ${secrets.key}`,
          client_secret: secrets.clientSecret,
        }),
      }),
      sandbox(portalUrl, secrets.key, "/v1/payments", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomBytes(8).toString("hex") },
        body: JSON.stringify({
          debtor_account_id: "acc_unknown",
          amount: { amount: "1.00", currency: "GBP" },
          creditor: { type: "sort_code", name: "Jo Bloggs", sort_code: "601613", account_number: secrets.accountNumber },
        }),
      }),
      sandbox(portalUrl, secrets.key, "/v1/sandbox/reset", {
        method: "POST",
        body: `password=${secrets.password}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    ];
    const responses = await Promise.all(calls);
    expect(responses.every((response) => response.status < 500)).toBe(true);
    await waitForLogs(dana, calls.length);

    const rows = (await storedRows(databaseUrl, "RequestLog")).filter((row) => row.appId === dana.app.app.id);
    expect(rows.length).toBeGreaterThanOrEqual(calls.length);
    for (const row of rows) {
      const stored = JSON.stringify(row);
      for (const [name, value] of Object.entries(secrets)) {
        expect(stored.includes(value), `${name} leaked into stored log ${row.id}`).toBe(false);
      }
    }
    // What is kept is still useful: schemes, masked shapes, ids, problem codes.
    const customer = rows.find((row) => row.path === "/v1/customers")!;
    expect(parsed(customer.requestHeaders).authorization).toBe("Bearer [REDACTED]");
    const body = parsed(customer.requestBody);
    expect(body).toMatchObject({
      password: "[REDACTED]",
      national_id: "*******6C",
      email: expect.stringMatching(/^m\*\*\*@example\.com$/),
      date_of_birth: "1990-**-**",
    });
    const iban = rows.find((row) => String(row.requestBody ?? "").includes("iban"))!;
    expect(parsed(iban.requestBody).creditor.iban).toBe("GB33 **** 5555");
  });

  it("stores none of the platform's credential formats in clear, in a query value, a custom header or an ordinary body field (issue 21)", async () => {
    // Real credentials of the developer's app where the portal issues them, a credential of the
    // format for the rest: every format of @openbank/contracts/credential-formats.
    const frank = await developerWithApp("Frank");
    const appId = frank.app.app.id;
    const rotated = await frank.client.json("POST", `/api/apps/${appId}/oauth-client/secret`);
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(201);
    const endpoint = await frank.client.json("POST", `/api/apps/${appId}/webhooks`, {
      url: "http://127.0.0.1:9/hooks",
      description: "Masking",
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const minted = await sandbox(portalUrl, frank.app.secret, "/v1/sandbox/consents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "good_credit", permissions: ["accounts:read"] }),
    });
    expect(minted.status).toBe(201);
    const consent = await minted.json();
    const issued: Record<string, string> = {
      api_key: frank.app.secret,
      oauth_client_secret: rotated.body.client_secret,
      webhook_signing_secret: endpoint.body.secret,
      consent_access_token: consent.access_token,
      consent_refresh_token: consent.refresh_token,
    };
    const credentials = CREDENTIAL_FORMATS.map((format) => {
      const value =
        issued[format.kind] ??
        `${format.prefix}${randomBytes(48)
          .toString("base64")
          .replace(/[^0-9A-Za-z]/g, "")
          .slice(0, format.length)}`;
      expect(isWholeCredential(format, value), `${format.kind}: ${value}`).toBe(true);
      return { kind: format.kind, prefix: format.prefix, value };
    });

    const query = credentials.map(({ value }, i) => `note${i}=${encodeURIComponent(value)}`).join("&");
    const headers = Object.fromEntries(credentials.map(({ value }, i) => [`x-partner-reference-${i}`, value]));
    const calls = [
      sandbox(portalUrl, frank.app.secret, `/v1/accounts?limit=1&${query}`, { headers }),
      sandbox(portalUrl, frank.app.secret, "/v1/payments", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomBytes(8).toString("hex") },
        body: JSON.stringify({
          debtor_account_id: "acc_unknown",
          amount: { amount: "1.00", currency: "GBP" },
          reference: credentials.map(({ value }) => `see ${value}`).join(", "),
          ...Object.fromEntries(credentials.map(({ value }, i) => [`description${i}`, value])),
        }),
      }),
      sandbox(portalUrl, frank.app.secret, "/v1/sandbox/reset", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(credentials.map(({ value }, i) => [`memo${i}`, value])).toString(),
      }),
    ];
    expect((await Promise.all(calls)).every((response) => response.status < 500)).toBe(true);
    const rows = await eventually(async () => {
      const stored = (await storedRows(databaseUrl, "RequestLog")).filter(
        (row) => row.appId === appId && ["/v1/accounts", "/v1/payments", "/v1/sandbox/reset"].includes(String(row.path).split("?")[0]),
      );
      return stored.length >= calls.length && stored;
    }, 10_000);

    const leaks: string[] = [];
    for (const row of rows) {
      const stored = JSON.stringify(row);
      for (const { kind, prefix, value } of credentials) {
        const secret = value.slice(prefix.length);
        if (stored.includes(secret) || stored.includes(encodeURIComponent(secret))) leaks.push(`${kind} in the log of ${row.path}`);
      }
    }
    expect(leaks).toEqual([]);
    // Masked, the log still says what kind of credential was there.
    const list = rows.find((row) => String(row.path).startsWith("/v1/accounts"))!;
    expect(parsed(list.requestHeaders)["x-partner-reference-0"]).toBe(`${credentials[0].prefix}[REDACTED]`);
  });
});

describe("request log filters", () => {
  let statuses: number[];

  beforeAll(async () => {
    const key = eve.app.secret;
    const responses = [
      await sandbox(portalUrl, key, "/v1/accounts"),
      await sandbox(portalUrl, key, "/v1/accounts?type=current"),
      await sandbox(portalUrl, key, "/v1/accounts/acc_does_not_exist"),
      await sandbox(portalUrl, key, "/v1/payments", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      await sandbox(portalUrl, key, "/v1/sandbox/clock"),
    ];
    statuses = responses.map((response) => response.status);
    await waitForLogs(eve, responses.length);
  });

  it("filters by status class, exact status, method, path and key", async () => {
    expect(statuses.filter((status) => status >= 400).length).toBeGreaterThanOrEqual(2);
    const clientErrors = await logs(eve, "status=4xx");
    expect(clientErrors.data.length).toBe(statuses.filter((status) => status >= 400 && status < 500).length);
    expect(clientErrors.data.every((log) => log.status >= 400 && log.status < 500)).toBe(true);
    expect((await logs(eve, "status=404")).data.map((log) => log.path)).toEqual(["/v1/accounts/acc_does_not_exist"]);
    expect((await logs(eve, "method=POST")).data.map((log) => log.path)).toEqual(["/v1/payments"]);
    const accounts = await logs(eve, "path=/v1/accounts");
    expect(accounts.data).toHaveLength(3);
    expect(accounts.data.find((log) => log.path === "/v1/accounts/acc_does_not_exist")!.route).toBe("/v1/accounts/{account_id}");
    expect((await logs(eve, `key=${eve.app.key.id}`)).data).toHaveLength(5);
    expect((await logs(eve, "key=key_someoneelse")).data).toHaveLength(0);
  });

  it("filters by time and pages with a cursor, newest first, without gaps or repeats", async () => {
    expect((await logs(eve, "since=1h")).data).toHaveLength(5);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await logs(eve, `from=${future}`)).data).toHaveLength(0);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Log[]; next_cursor: string | null } = await logs(eve, `limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      sizes.push(page.data.length);
      seen.push(...page.data.map((log) => log.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    const all = (await logs(eve)).data.map((log) => log.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(5);
  });

  it("answers 400 with a pointer per invalid filter", async () => {
    const response = await eve.client.request("GET", `/api/apps/${eve.app.app.id}/requests?status=9xx&limit=0`);
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors!.map((error) => error.pointer)).toEqual(["/query/status", "/query/limit"]);
  });

  it("shows one call's masked detail, and nothing of another developer's app", async () => {
    const [latest] = (await logs(eve, "method=POST")).data;
    const detail = await eve.client.json("GET", `/api/apps/${eve.app.app.id}/requests/${latest.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: latest.id, route: "/v1/payments", request: { body: "{}" } });
    expect(detail.body.request.headers.authorization).toBe("Bearer [REDACTED]");
    expect(detail.body.response.headers["content-type"]).toContain("problem+json");
    expect(JSON.parse(detail.body.response.body).request_id).toBe(latest.id);

    await expectProblem(await dana.client.request("GET", `/api/apps/${eve.app.app.id}/requests`), 404, "resource_not_found");
    await expectProblem(await dana.client.request("GET", `/api/apps/${dana.app.app.id}/requests/${latest.id}`), 404, "resource_not_found");
  });

  it("aggregates the same calls into usage analytics by route template", async () => {
    const { status, body } = await eve.client.json("GET", `/api/apps/${eve.app.app.id}/usage?range=24h`);
    expect(status).toBe(200);
    expect(body.totals.requests).toBe(5);
    expect(body.totals.errors).toBe(statuses.filter((s) => s >= 400).length);
    expect(body.series).toHaveLength(24);
    const accounts = body.endpoints.find((e: { route: string; method: string }) => e.method === "GET" && e.route === "/v1/accounts");
    expect(accounts.requests).toBe(2);
    expect(body.endpoints.some((e: { route: string }) => e.route === "/v1/accounts/{account_id}")).toBe(true);
    expect(accounts.p50_ms).toBeGreaterThan(0);
  });
});

describe("admin: suspend an app", () => {
  it("is a 404 for developers who are not platform admins", async () => {
    await expectProblem(
      await dana.client.request("POST", `/api/admin/apps/${eve.app.app.id}/suspend`, { reason: "Not yours to suspend" }),
      404,
      "not_found",
    );
    expect((await dana.client.request("GET", "/admin")).status).toBe(404);
  });

  it("refuses the next gateway call with 403 app_suspended, and works again once reinstated", async () => {
    const admin = new PortalClient(portalUrl);
    await admin.signIn("admin@example.com", "Programme-Review-2026");
    expect((await admin.request("GET", "/admin")).status).toBe(200);
    // Warm the key cache first: suspension must not wait for it to expire.
    expect((await sandbox(portalUrl, dana.app.secret, "/v1/accounts")).status).toBe(200);
    // And the app's standing as its consent tokens see it (cached per app since issue 20).
    const minted = await (
      await fetch(`${portalUrl}/v1/sandbox/consents`, {
        method: "POST",
        headers: { authorization: `Bearer ${dana.app.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ persona: "good_credit", permissions: ["accounts:read"] }),
      })
    ).json();
    const token = minted.access_token as string;
    expect((await sandbox(portalUrl, token, "/v1/accounts")).status).toBe(200);

    const suspended = await admin.json("POST", `/api/admin/apps/${dana.app.app.id}/suspend`, { reason: "Unusual traffic pattern" });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: "suspended", suspended_reason: "Unusual traffic pattern" });

    const refused = await sandbox(portalUrl, dana.app.secret, "/v1/accounts");
    const problem = await expectProblem(refused, 403, "app_suspended");
    expect(problem.request_id).toMatch(/^req_/);
    // Every key of the app and the docs' session credential are refused too.
    await expectProblem(await sandbox(portalUrl, dana.app.secret, "/v1/sandbox/clock"), 403, "app_suspended");
    const viaDocs = await dana.client.request("GET", "/v1/accounts", undefined, { "x-portal-key-id": dana.app.key.id });
    await expectProblem(viaDocs, 403, "app_suspended");
    await expectProblem(await sandbox(portalUrl, token, "/v1/accounts"), 403, "app_suspended");
    // Another app is unaffected.
    expect((await sandbox(portalUrl, eve.app.secret, "/v1/sandbox/clock")).status).toBe(200);
    // The refusal is in the team's logs.
    await eventually(async () => (await logs(dana, "status=403")).data.length >= 2);

    await expectProblem(
      await admin.request("POST", `/api/admin/apps/${dana.app.app.id}/suspend`, { reason: "" }),
      400,
      "validation_failed",
    );
    const reinstated = await admin.json("POST", `/api/admin/apps/${dana.app.app.id}/reinstate`);
    expect(reinstated.body).toMatchObject({ status: "active", suspended_reason: null });
    expect((await sandbox(portalUrl, dana.app.secret, "/v1/accounts")).status).toBe(200);
    expect((await sandbox(portalUrl, token, "/v1/accounts")).status).toBe(200);
  });
});

describe("go-live workflow", () => {
  it("needs computed sandbox evidence, takes one open request, and is decided by an admin with a note", async () => {
    // Requesting go-live needs a verified address: Frank opens the link he was mailed.
    const frank = await developerWithApp("Frank", { verified: true });
    const checklist = {
      contact_name: "Frank Ops",
      contact_email: "frank.ops@example.com",
      use_case: "A budgeting app that reads balances and transactions to categorise spending for consumers.",
      data_protection: {
        data_controller: "Frank Ltd",
        purpose: "Budget insights for the account holder",
        retention_days: 90,
        dpo_email: "dpo@example.com",
        encrypts_credentials: true,
        accepts_terms: true,
      },
    };
    await expectProblem(
      await frank.client.request("POST", `/api/apps/${frank.app.app.id}/go-live`, checklist),
      422,
      "go_live_evidence_missing",
    );
    const invalid = await frank.client.request("POST", `/api/apps/${frank.app.app.id}/go-live`, {
      ...checklist,
      data_protection: { ...checklist.data_protection, accepts_terms: false },
    });
    expect((await expectProblem(invalid, 400, "validation_failed")).errors!.map((e) => e.pointer)).toContain(
      "/body/data_protection/accepts_terms",
    );

    const key = frank.app.secret;
    const accounts = await (await sandbox(portalUrl, key, "/v1/accounts?type=current")).json();
    for (const path of ["/v1/accounts", `/v1/accounts/${accounts.data[0].id}`, `/v1/accounts/${accounts.data[0].id}/balances`]) {
      expect((await sandbox(portalUrl, key, path)).status).toBe(200);
    }
    const submitted = await eventually(async () => {
      const attempt = await frank.client.json("POST", `/api/apps/${frank.app.app.id}/go-live`, checklist);
      return attempt.status === 201 && attempt;
    });
    expect(submitted.body).toMatchObject({ status: "pending", evidence: { passed: true, required_endpoints: 3 } });
    expect(submitted.body.evidence.endpoints.map((e: { route: string }) => e.route)).toContain("/v1/accounts/{account_id}/balances");
    await expectProblem(await frank.client.request("POST", `/api/apps/${frank.app.app.id}/go-live`, checklist), 409, "conflict");

    await expectProblem(
      await frank.client.request("POST", `/api/admin/go-live/${submitted.body.id}/decision`, { decision: "approve" }),
      404,
      "not_found",
    );
    const admin = new PortalClient(portalUrl);
    await admin.signIn("admin@example.com", "Programme-Review-2026");
    await expectProblem(
      await admin.request("POST", `/api/admin/go-live/${submitted.body.id}/decision`, { decision: "reject", note: "" }),
      400,
      "validation_failed",
    );
    const approved = await admin.json("POST", `/api/admin/go-live/${submitted.body.id}/decision`, {
      decision: "approve",
      note: "Welcome aboard",
    });
    expect(approved.body).toMatchObject({ status: "approved", review_note: "Welcome aboard" });
    await expectProblem(
      await admin.request("POST", `/api/admin/go-live/${submitted.body.id}/decision`, { decision: "reject", note: "Changed my mind" }),
      409,
      "conflict",
    );

    const status = await frank.client.json("GET", `/api/apps/${frank.app.app.id}/go-live`);
    expect(status.body.data[0]).toMatchObject({ status: "approved", review_note: "Welcome aboard" });
  });
});
