import { beforeAll, describe, expect, inject, it } from "vitest";
import { eventually, PortalClient, sandbox } from "../support/portal-client";
import { expectProblem, loadContract } from "../support/contract";

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);

type Developer = Awaited<ReturnType<typeof PortalClient.newDeveloper>> & { app: Awaited<ReturnType<PortalClient["createApp"]>> };

async function developerWithApp(name: string): Promise<Developer> {
  const developer = await PortalClient.newDeveloper(portalUrl, name);
  return { ...developer, app: await developer.client.createApp(`${name}'s app`) };
}

let alice: Developer;
let bob: Developer;

beforeAll(async () => {
  [alice, bob] = await Promise.all([developerWithApp("Alice"), developerWithApp("Bob")]);
});

async function getJson(key: string, path: string) {
  const response = await sandbox(portalUrl, key, path);
  const body = await response.json();
  return { response, body };
}

describe("first call through the gateway", () => {
  it("lists the app's seeded accounts with a request id and rate-limit headers", async () => {
    const { response, body } = await getJson(alice.app.secret, "/v1/accounts?limit=100");
    expect(response.status).toBe(200);
    contract.expectValid("get", "/v1/accounts", response, body);
    expect(body.data.length).toBeGreaterThanOrEqual(15);
    expect(new Set(body.data.map((a: { type: string }) => a.type))).toEqual(new Set(["current", "savings", "credit_card"]));
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9A-Za-z]{22}$/);
    expect(response.headers.get("ratelimit-policy")).toMatch(/^"sandbox";q=\d+;w=\d+$/);
    expect(response.headers.get("ratelimit")).toMatch(/^"sandbox";r=\d+;t=\d+$/);
  });

  it("serves one account, its balances and its transactions, all valid against the contract", async () => {
    const { body: accounts } = await getJson(alice.app.secret, "/v1/accounts?type=current");
    const id = accounts.data[0].id;
    const account = await getJson(alice.app.secret, `/v1/accounts/${id}`);
    expect(account.response.status).toBe(200);
    contract.expectValid("get", "/v1/accounts/{account_id}", account.response, account.body);
    expect(account.body.id).toBe(id);

    const balances = await getJson(alice.app.secret, `/v1/accounts/${id}/balances`);
    expect(balances.response.status).toBe(200);
    contract.expectValid("get", "/v1/accounts/{account_id}/balances", balances.response, balances.body);
    expect(balances.body.booked.amount).toMatch(/^-?\d+\.\d{2}$/);

    const transactions = await getJson(alice.app.secret, `/v1/accounts/${id}/transactions?limit=5`);
    expect(transactions.response.status).toBe(200);
    contract.expectValid("get", "/v1/accounts/{account_id}/transactions", transactions.response, transactions.body);
    expect(transactions.body.data).toHaveLength(5);
  });

  it("says Cache-Control: private, no-store on the tenant's answers (the bank's, passed through) and on the gateway's own problems", async () => {
    const { body: accounts } = await getJson(alice.app.secret, "/v1/accounts?type=current");
    const calls = [
      await sandbox(portalUrl, alice.app.secret, "/v1/accounts"),
      await sandbox(portalUrl, alice.app.secret, `/v1/accounts/${accounts.data[0].id}/balances`),
      await sandbox(portalUrl, alice.app.secret, "/v1/accounts/acc_0000000000000000000000"),
      await sandbox(portalUrl, alice.app.secret, "/v1/sandbox/reset", { method: "POST" }),
      await fetch(`${portalUrl}/v1/accounts`),
    ];
    expect(calls.map((response) => Math.floor(response.status / 100) * 100)).toEqual([200, 200, 400, 200, 400]);
    for (const response of calls) expect(response.headers.get("cache-control"), response.url).toBe("private, no-store");
  });
});

describe("credentials", () => {
  it("refuses a call without a key: 401 missing_api_key as problem+json", async () => {
    const response = await sandbox(portalUrl, null, "/v1/accounts");
    await expectProblem(response, 401, "missing_api_key");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("refuses malformed, unknown and checksum-broken keys alike with 401 invalid_api_key", async () => {
    const flipped = alice.app.secret.slice(0, -1) + (alice.app.secret.endsWith("a") ? "b" : "a");
    for (const authorization of [
      "Basic dXNlcjpwYXNz",
      "Bearer",
      `Bearer ${flipped}`,
      "Bearer sk_sandbox_" + "A".repeat(36),
      `Bearer ${alice.app.secret.replace("sk_sandbox_", "sk_live_")}`,
    ]) {
      const response = await fetch(`${portalUrl}/v1/accounts`, { headers: { authorization } });
      await expectProblem(response, 401, "invalid_api_key");
    }
  });

  it("stops a revoked key on the very next call while other keys keep working", async () => {
    const created = await alice.client.json("POST", `/api/apps/${alice.app.app.id}/keys`, { name: "to revoke" });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^sk_sandbox_/);
    expect((await sandbox(portalUrl, created.body.secret, "/v1/accounts")).status).toBe(200);

    const revoked = await alice.client.json("DELETE", `/api/apps/${alice.app.app.id}/keys/${created.body.key.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");

    await expectProblem(await sandbox(portalUrl, created.body.secret, "/v1/accounts"), 401, "revoked_api_key");
    expect((await sandbox(portalUrl, alice.app.secret, "/v1/accounts")).status).toBe(200);
  });

  it("never lets one developer revoke another's key", async () => {
    const attempt = await bob.client.json("DELETE", `/api/apps/${alice.app.app.id}/keys/${alice.app.key.id}`);
    expect(attempt.status).toBe(404);
    expect((await sandbox(portalUrl, alice.app.secret, "/v1/accounts")).status).toBe(200);
  });
});

describe("tenant isolation", () => {
  it("gives every app its own bank: no shared ids, and another app's ids are 404", async () => {
    const [a, b] = await Promise.all([
      getJson(alice.app.secret, "/v1/accounts?limit=100"),
      getJson(bob.app.secret, "/v1/accounts?limit=100"),
    ]);
    const aliceIds = a.body.data.map((account: { id: string }) => account.id);
    const bobIds = new Set(b.body.data.map((account: { id: string }) => account.id));
    expect(aliceIds.filter((id: string) => bobIds.has(id))).toEqual([]);
    expect(b.body.data.length).toBe(a.body.data.length);

    for (const path of [
      `/v1/accounts/${aliceIds[0]}`,
      `/v1/accounts/${aliceIds[0]}/balances`,
      `/v1/accounts/${aliceIds[0]}/transactions`,
    ]) {
      const response = await sandbox(portalUrl, bob.app.secret, path);
      await expectProblem(response, 404, "resource_not_found");
    }
  });
});

describe("pagination and filters", () => {
  it("walks every transaction exactly once with cursors", async () => {
    const { body: accounts } = await getJson(alice.app.secret, "/v1/accounts?type=current");
    const id = accounts.data[0].id;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const { response, body } = await getJson(alice.app.secret, `/v1/accounts/${id}/transactions?${query}`);
      expect(response.status).toBe(200);
      contract.expectValid("get", "/v1/accounts/{account_id}/transactions", response, body);
      seen.push(...body.data.map((t: { id: string }) => t.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(50);

    const { body: all } = await getJson(alice.app.secret, `/v1/accounts/${id}/transactions?limit=100`);
    expect(seen.slice(0, all.data.length)).toEqual(all.data.map((t: { id: string }) => t.id));
  });

  it("filters by date range, inclusive", async () => {
    const { body: accounts } = await getJson(alice.app.secret, "/v1/accounts?type=current");
    const id = accounts.data[0].id;
    const { body: recent } = await getJson(alice.app.secret, `/v1/accounts/${id}/transactions?limit=1`);
    const day = recent.data[0].transacted_at.slice(0, 10);
    const { response, body } = await getJson(alice.app.secret, `/v1/accounts/${id}/transactions?from=${day}&to=${day}&limit=100`);
    expect(response.status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((t: { transacted_at: string }) => t.transacted_at.startsWith(day))).toBe(true);
  });

  it("answers bad query parameters with 400 and a pointer per field", async () => {
    const { body: accounts } = await getJson(alice.app.secret, "/v1/accounts");
    const id = accounts.data[0].id;
    for (const [query, pointer] of [
      ["limit=0", "/query/limit"],
      ["limit=1000", "/query/limit"],
      ["from=2026-13-01", "/query/from"],
      ["cursor=not-a-cursor", "/query/cursor"],
    ] as const) {
      const response = await sandbox(portalUrl, alice.app.secret, `/v1/accounts/${id}/transactions?${query}`);
      const problem = await expectProblem(response, 400, "validation_failed");
      expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });
});

describe("gateway edges", () => {
  it("answers an unknown route with a 404 problem", async () => {
    await expectProblem(await sandbox(portalUrl, alice.app.secret, "/v1/no-such-thing"), 404, "not_found");
  });

  it("never answers a malformed body with a 500", async () => {
    const response = await sandbox(portalUrl, alice.app.secret, "/v1/accounts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("logs each call for the dashboard, with the request id and no secret", async () => {
    const response = await sandbox(portalUrl, alice.app.secret, "/v1/accounts?limit=2");
    const requestId = response.headers.get("x-request-id");
    const logs = await eventually(async () => {
      const { body } = await alice.client.json("GET", `/api/apps/${alice.app.app.id}/requests`);
      return body.data.some((row: { id: string }) => row.id === requestId) ? body.data : undefined;
    });
    const row = logs.find((entry: { id: string }) => entry.id === requestId);
    expect(row).toMatchObject({ method: "GET", path: "/v1/accounts?limit=2", status: 200, key_prefix: alice.app.key.prefix });
    expect(JSON.stringify(logs)).not.toContain(alice.app.secret);
  });

  it("records when a key was last used, without slowing the call", async () => {
    await sandbox(portalUrl, alice.app.secret, "/v1/accounts?limit=1");
    const key = await eventually(async () => {
      const { body } = await alice.client.json("GET", `/api/apps/${alice.app.app.id}/keys`);
      const found = body.data.find((k: { id: string }) => k.id === alice.app.key.id);
      return found?.last_used_at ? found : undefined;
    }, 8_000);
    expect(Date.parse(key.last_used_at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("rate limits", () => {
  it("admits the burst, then 429 with Retry-After and RateLimit headers", async () => {
    const { limit } = inject("rateLimit");
    const created = await alice.client.json("POST", `/api/apps/${alice.app.app.id}/keys`, { name: "rate limit probe" });
    const key = created.body.secret as string;
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: limit + 10 }, () => sandbox(portalUrl, key, "/v1/accounts?limit=1")));
    const elapsedSeconds = (Date.now() - started) / 1000;
    const limited = responses.filter((r) => r.status === 429);
    const admitted = responses.length - limited.length;
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit + Math.ceil(elapsedSeconds) + 1);
    expect(limited.length).toBeGreaterThan(0);
    const problem = await expectProblem(limited[0], 429, "rate_limited");
    expect(problem.detail).toContain("Retry after");
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited[0].headers.get("ratelimit")).toMatch(/r=0;/);
    // Another key of the same app is unaffected.
    expect((await sandbox(portalUrl, alice.app.secret, "/v1/accounts?limit=1")).status).toBe(200);
  });
});

describe("contract coverage", () => {
  // Runs last in this file: every accounts operation of the published document has been
  // called through the gateway above and its responses validated. Other areas' suites
  // make the same check for their own operations.
  it("has exercised every documented accounts operation", () => {
    // Card rewards (/v1/accounts/{account_id}/rewards) are checked in products.test.ts.
    expect(
      contract.validator.unexercised().filter((operation) => operation.startsWith("get /v1/accounts") && !operation.includes("/rewards")),
    ).toEqual([]);
  });
});
