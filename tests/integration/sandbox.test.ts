import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { PortalClient, sandbox } from "../support/portal-client";
import { expectProblem, loadContract } from "../support/contract";

// The sandbox controls and the Sandbox-Scenario header through the real gateway: the bank's
// behaviour as a developer sees it, every response checked against the published contract.
const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);

type Developer = Awaited<ReturnType<typeof PortalClient.newDeveloper>> & { app: Awaited<ReturnType<PortalClient["createApp"]>> };

async function developerWithApp(name: string): Promise<Developer> {
  const developer = await PortalClient.newDeveloper(portalUrl, name);
  return { ...developer, app: await developer.client.createApp(`${name}'s sandbox app`) };
}

let alice: Developer;
let bob: Developer;

beforeAll(async () => {
  [alice, bob] = await Promise.all([developerWithApp("Sandbox Alice"), developerWithApp("Sandbox Bob")]);
});

/** A fresh key of the app, so each block has its own rate-limit budget. */
async function newKey(developer: Developer): Promise<string> {
  const created = await developer.client.json("POST", `/api/apps/${developer.app.app.id}/keys`, { name: "sandbox suite" });
  expect(created.status).toBe(201);
  return created.body.secret as string;
}

async function call(key: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await sandbox(portalUrl, key, path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return response;
}

/** Calls, checks the answer against the contract, returns the parsed body. */
async function valid(
  key: string,
  method: string,
  template: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await call(key, method, path, options);
  const body = await response.json();
  contract.expectValid(method.toLowerCase(), template, response, body);
  return { response, body };
}

type Account = { id: string; type: string; status: string; identifiers: { account_number?: string } };

async function accounts(key: string): Promise<Account[]> {
  return (await valid(key, "GET", "/v1/accounts", "/v1/accounts?limit=100")).body.data;
}

const bookedOf = async (key: string, id: string) =>
  (await valid(key, "GET", "/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`)).body.booked.amount as string;

describe("sandbox controls through the gateway", () => {
  it("credits, advances the clock, then resets to the seed with the same ids", async () => {
    const key = await newKey(alice);
    const before = await accounts(key);
    const current = before.find((a) => a.identifiers.account_number === "41825937")!;
    const seededBalance = await bookedOf(key, current.id);

    const clock = await valid(key, "GET", "/v1/sandbox/clock", "/v1/sandbox/clock");
    expect(clock.response.status).toBe(200);
    expect(clock.body.offset_seconds).toBe(0);
    expect(Math.abs(Date.parse(clock.body.now) - Date.now())).toBeLessThan(60_000);

    const credit = await valid(key, "POST", "/v1/sandbox/transactions", "/v1/sandbox/transactions", {
      body: {
        account_id: current.id,
        amount: { amount: "250.00", currency: "GBP" },
        counterparty_name: "ACME ANALYTICS LTD",
        description: "BONUS",
        category: "salary",
      },
    });
    expect(credit.response.status).toBe(201);
    expect(credit.body).toMatchObject({
      account_id: current.id,
      amount: { amount: "250.00", currency: "GBP" },
      status: "booked",
      description: "ACME ANALYTICS LTD BONUS",
    });
    expect(Number(await bookedOf(key, current.id))).toBeCloseTo(Number(seededBalance) + 250, 2);

    const advanced = await valid(key, "POST", "/v1/sandbox/clock/advance", "/v1/sandbox/clock/advance", { body: { days: 3 } });
    expect(advanced.response.status).toBe(200);
    expect(advanced.body.advanced_by_seconds).toBe(3 * 86_400);
    expect(advanced.body.effects.transactions_booked).toBeGreaterThan(0);
    expect((await valid(key, "GET", "/v1/sandbox/clock", "/v1/sandbox/clock")).body.offset_seconds).toBe(3 * 86_400);
    const pending = await valid(
      key,
      "GET",
      "/v1/accounts/{account_id}/transactions",
      `/v1/accounts/${current.id}/transactions?status=pending`,
    );
    expect(pending.body.data).toEqual([]);

    const reset = await valid(key, "POST", "/v1/sandbox/reset", "/v1/sandbox/reset");
    expect(reset.response.status).toBe(200);
    expect(reset.body).toMatchObject({ customers: 6, accounts: 18 });
    expect((await accounts(key)).map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(await bookedOf(key, current.id)).toBe(seededBalance);
    expect((await valid(key, "GET", "/v1/sandbox/clock", "/v1/sandbox/clock")).body.offset_seconds).toBe(0);
    const latest = await valid(key, "GET", "/v1/accounts/{account_id}/transactions", `/v1/accounts/${current.id}/transactions?limit=5`);
    expect(latest.body.data.map((tx: { id: string }) => tx.id)).not.toContain(credit.body.id);
  });

  it("keeps apps apart: another app's account is 404, and a reset touches only its own sandbox", async () => {
    const [aliceKey, bobKey] = await Promise.all([newKey(alice), newKey(bob)]);
    const aliceSavings = (await accounts(aliceKey)).find((a) => a.type === "savings")!;
    const bobSavings = (await accounts(bobKey)).find((a) => a.type === "savings")!;
    const body = (id: string) => ({ account_id: id, amount: { amount: "5.00", currency: "GBP" }, counterparty_name: "J SMITH" });

    await expectProblem(await call(bobKey, "POST", "/v1/sandbox/transactions", { body: body(aliceSavings.id) }), 404, "resource_not_found");
    const bobCredit = await valid(bobKey, "POST", "/v1/sandbox/transactions", "/v1/sandbox/transactions", { body: body(bobSavings.id) });
    const bobBalance = await bookedOf(bobKey, bobSavings.id);
    await valid(bobKey, "POST", "/v1/sandbox/clock/advance", "/v1/sandbox/clock/advance", { body: { days: 1 } });

    await valid(aliceKey, "POST", "/v1/sandbox/reset", "/v1/sandbox/reset");
    expect(await bookedOf(bobKey, bobSavings.id)).toBe(bobBalance);
    expect((await valid(bobKey, "GET", "/v1/sandbox/clock", "/v1/sandbox/clock")).body.offset_seconds).toBe(86_400);
    const bobLatest = await valid(
      bobKey,
      "GET",
      "/v1/accounts/{account_id}/transactions",
      `/v1/accounts/${bobSavings.id}/transactions?limit=1`,
    );
    expect(bobLatest.body.data[0].id).toBe(bobCredit.body.id);
  });

  it("answers bad input with 400 and a pointer, and no key with 401", async () => {
    const key = await newKey(alice);
    const days = await expectProblem(await call(key, "POST", "/v1/sandbox/clock/advance", { body: { days: 0 } }), 400, "validation_failed");
    expect(days.errors.map((e) => e.pointer)).toEqual(["/body/days"]);
    const account = (await accounts(key))[0];
    const amount = await expectProblem(
      await call(key, "POST", "/v1/sandbox/transactions", {
        body: { account_id: account.id, amount: { amount: "-1.00", currency: "GBP" }, counterparty_name: "X" },
      }),
      400,
      "validation_failed",
    );
    expect(amount.errors.map((e) => e.pointer)).toEqual(["/body/amount/amount"]);
    for (const [method, path] of [
      ["POST", "/v1/sandbox/reset"],
      ["GET", "/v1/sandbox/clock"],
    ]) {
      await expectProblem(await sandbox(portalUrl, null, path, { method }), 401, "missing_api_key");
    }
  });
});

describe("the Sandbox-Scenario header through the gateway", () => {
  let key: string;
  beforeAll(async () => {
    key = await newKey(alice);
  });
  const withScenario = (scenario: string, path = "/v1/accounts?limit=1", init: { method?: string; body?: unknown } = {}) =>
    call(key, init.method ?? "GET", path, { body: init.body, headers: { "sandbox-scenario": scenario } });

  it("bank_unavailable → 502, rate_limited → 429 with Retry-After, internal_error → 500", async () => {
    await expectProblem(await withScenario("bank_unavailable"), 502, "bank_unavailable");
    const limited = await withScenario("rate_limited");
    await expectProblem(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("ratelimit")).toMatch(/^"sandbox";r=\d+;t=\d+$/);
    await expectProblem(await withScenario("internal_error", "/v1/sandbox/clock"), 500, "internal_error");
  });

  it("insufficient_funds → 422 on a payment, and nothing is paid", async () => {
    const list = await accounts(key);
    const from = list.find((a) => a.identifiers.account_number === "41825937")!;
    const to = list.find((a) => a.identifiers.account_number === "41825945")!;
    const before = await bookedOf(key, from.id);
    const response = await call(key, "POST", "/v1/payments", {
      body: { debtor_account_id: from.id, amount: { amount: "1.00", currency: "GBP" }, creditor: { type: "account", account_id: to.id } },
      headers: { "sandbox-scenario": "insufficient_funds", "idempotency-key": `scenario-${Date.now()}` },
    });
    await expectProblem(response, 422, "insufficient_funds");
    expect(await bookedOf(key, from.id)).toBe(before);
  });

  it("latency delays the answer; beyond the gateway's 10 s it is the gateway's 504", async () => {
    const started = Date.now();
    const slow = await withScenario("latency=600");
    expect(slow.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    await slow.arrayBuffer();
    await expectProblem(await withScenario("latency=11000"), 504, "bank_timeout");
  }, 30_000);

  it("refuses an unknown value with 400 at /headers/sandbox-scenario", async () => {
    const problem = await expectProblem(await withScenario("bank_down"), 400, "validation_failed");
    expect(problem.errors.map((e) => e.pointer)).toEqual(["/headers/sandbox-scenario"]);
  });
});

describe("the Berlin Group DECOUPLED control", () => {
  const TEMPLATE = "/v1/sandbox/berlin-group/authorisations/{authorisation_id}";

  /** A Berlin Group consent awaiting its DECOUPLED authorisation, and that authorisation's id. */
  async function decoupledConsent(key: string) {
    const response = await call(key, "POST", "/berlin-group/v1/consents", {
      headers: {
        "x-request-id": crypto.randomUUID(),
        "psu-ip-address": "192.0.2.10",
        "tpp-decoupled-preferred": "true",
        "psu-id": "user_good_credit",
      },
      body: {
        access: { allPsd2: "allAccounts" },
        recurringIndicator: false,
        validUntil: "2099-12-31",
        frequencyPerDay: 1,
        combinedServiceIndicator: false,
      },
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    return { consentId: body.consentId as string, authorisationId: String(body._links.scaStatus.href).split("/").pop()! };
  }

  it("approves as the customer's banking app, then refuses a second decision (409) and another app's key (404)", async () => {
    const key = await newKey(alice);
    const { consentId, authorisationId } = await decoupledConsent(key);
    const path = `/v1/sandbox/berlin-group/authorisations/${authorisationId}`;
    const decided = await valid(key, "POST", TEMPLATE, path, { body: { decision: "approve" } });
    expect(decided.response.status).toBe(200);
    expect(decided.body.resource).toEqual({ type: "consent", id: consentId, status: "valid" });
    await expectProblem(await call(key, "POST", path, { body: { decision: "deny" } }), 409, "conflict");
    await expectProblem(await call(await newKey(bob), "POST", path, { body: { decision: "deny" } }), 404, "resource_not_found");
  });

  it("denies, and refuses an unknown id (404) and a decision it does not know (400 at /body/decision)", async () => {
    const key = await newKey(alice);
    const { consentId, authorisationId } = await decoupledConsent(key);
    const denied = await valid(key, "POST", TEMPLATE, `/v1/sandbox/berlin-group/authorisations/${authorisationId}`, {
      body: { decision: "deny" },
    });
    expect(denied.body.resource).toEqual({ type: "consent", id: consentId, status: "rejected" });
    await expectProblem(
      await call(key, "POST", "/v1/sandbox/berlin-group/authorisations/auth_doesnotexist000000", { body: { decision: "approve" } }),
      404,
      "resource_not_found",
    );
    const problem = await expectProblem(
      await call(key, "POST", `/v1/sandbox/berlin-group/authorisations/${authorisationId}`, { body: { decision: "maybe" } }),
      400,
      "validation_failed",
    );
    expect(problem.errors.map((e) => e.pointer)).toEqual(["/body/decision"]);
  });
});

describe("custom customers, settings, snapshots and files through the gateway", () => {
  let key: string;
  beforeAll(async () => {
    key = await newKey(bob);
  });
  const once = () => ({ "idempotency-key": randomUUID() });

  it("creates a custom customer, reads it in the list and alone, changes its scenario, then deletes it", async () => {
    const document = {
      handle: "gateway_tester",
      identity: {
        given_name: "Gate",
        family_name: "Way",
        date_of_birth: "1991-05-04",
        address: { line1: "1 Bank Street", city: "London", postcode: "E14 5AB", country: "GB" },
      },
      kyc: { status: "approved" },
      credit: { score_band: "good", annual_income: "41000.00", existing_debts: [] },
      accounts: [
        {
          key: "current",
          type: "current",
          currency: "GBP",
          opening_balance: "900.00",
          history: { generate: { months: 2, salary: { amount: "2400.00", day_of_month: 20, employer: "ACME LTD" } } },
        },
      ],
    };
    const created = await valid(key, "POST", "/v1/sandbox/customers", "/v1/sandbox/customers", { body: document, headers: once() });
    expect(created.response.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.username).toBe("user_gateway_tester");

    const list = await valid(key, "GET", "/v1/sandbox/customers", "/v1/sandbox/customers");
    expect(list.body.data.map((customer: { id: string }) => customer.id)).toContain(id);
    const one = `/v1/sandbox/customers/${id}`;
    expect((await valid(key, "GET", "/v1/sandbox/customers/{customer_id}", one)).body.document.handle).toBe("gateway_tester");
    const patched = await valid(key, "PATCH", "/v1/sandbox/customers/{customer_id}", one, {
      body: { authentication_scenario: "one_time_code" },
    });
    expect(patched.body.authentication_scenario).toBe("one_time_code");
    expect((await valid(key, "DELETE", "/v1/sandbox/customers/{customer_id}", one)).response.status).toBe(200);
    expect((await valid(key, "GET", "/v1/sandbox/customers/{customer_id}", one)).response.status).toBe(404);
  });

  it("reads and changes the settings, and a bad rate is 400 at its field", async () => {
    expect((await valid(key, "GET", "/v1/sandbox/settings", "/v1/sandbox/settings")).body).toMatchObject({
      clock_rate: 1,
      live_activity: false,
    });
    const fast = await valid(key, "PATCH", "/v1/sandbox/settings", "/v1/sandbox/settings", { body: { clock_rate: 24 } });
    expect(fast.body.clock_rate).toBe(24);
    const problem = await expectProblem(
      await call(key, "PATCH", "/v1/sandbox/settings", { body: { clock_rate: 5000 } }),
      400,
      "validation_failed",
    );
    expect(problem.errors.map((error) => error.pointer)).toContain("/body/clock_rate");
    await valid(key, "PATCH", "/v1/sandbox/settings", "/v1/sandbox/settings", { body: { clock_rate: 1 } });
  });

  it("exports the sandbox and imports the file, larger than /v1's usual 256 KiB body limit", async () => {
    const exported = await valid(key, "GET", "/v1/sandbox/export", "/v1/sandbox/export");
    expect(exported.response.headers.get("content-disposition")).toMatch(/^attachment; filename="sandbox-/);
    const file = JSON.stringify(exported.body);
    expect(file.length).toBeGreaterThan(256 * 1024);
    const response = await sandbox(portalUrl, key, "/v1/sandbox/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: file,
    });
    const imported = await response.json();
    contract.expectValid("post", "/v1/sandbox/import", response, imported);
    expect(response.status).toBe(200);
    expect(imported.ids_remapped).toBe(false);
  });

  it("takes a named snapshot, reads, exports and restores it by name, then deletes it", async () => {
    const name = `gw-${randomUUID().slice(0, 8)}`;
    const taken = await valid(key, "POST", "/v1/sandbox/snapshots", "/v1/sandbox/snapshots", { body: { name }, headers: once() });
    expect(taken.response.status).toBe(201);
    expect(taken.body.id).toMatch(/^snap_/);
    const listed = await valid(key, "GET", "/v1/sandbox/snapshots", "/v1/sandbox/snapshots");
    expect(listed.body.data.map((snapshot: { name: string }) => snapshot.name)).toContain(name);
    expect((await valid(key, "GET", "/v1/sandbox/snapshots/{snapshot}", `/v1/sandbox/snapshots/${name}`)).body.id).toBe(taken.body.id);
    const file = await valid(key, "GET", "/v1/sandbox/snapshots/{snapshot}/export", `/v1/sandbox/snapshots/${taken.body.id}/export`);
    expect(file.body.format).toBe("openbank.sandbox-export");
    const restored = await valid(key, "POST", "/v1/sandbox/snapshots/{snapshot}/restore", `/v1/sandbox/snapshots/${name}/restore`);
    expect(restored.response.status).toBe(200);
    const deleted = await call(key, "DELETE", `/v1/sandbox/snapshots/${name}`);
    contract.expectValid("delete", "/v1/sandbox/snapshots/{snapshot}", deleted, undefined);
    expect(deleted.status).toBe(204);
    // Another app cannot see it by name either.
    expect((await call(await newKey(alice), "GET", `/v1/sandbox/snapshots/${name}`)).status).toBe(404);
  });

  it("answers a decision on an authentication no browser started with 404", async () => {
    const unknown = await valid(
      key,
      "POST",
      "/v1/sandbox/authentications/{authentication_id}",
      "/v1/sandbox/authentications/authn_0000000000000000000000",
      { body: { decision: "approve" } },
    );
    expect(unknown.response.status).toBe(404);
  });
});

describe("contract coverage", () => {
  // Runs last in this file: every sandbox operation of the published document has been
  // called through the gateway above and its responses validated.
  it("has exercised every documented /v1/sandbox operation", () => {
    const sandboxOperations = contract.validator.operations().filter((operation) => operation.includes(" /v1/sandbox"));
    expect(sandboxOperations.length).toBeGreaterThanOrEqual(4);
    // Operations of other areas are exercised (and checked) in their files: firing in
    // webhooks.test.ts, KYC reviews in customers.test.ts, sandbox consents (minted, expired) in consents.test.ts.
    const mine = contract.validator
      .unexercised()
      .filter(
        (operation) =>
          operation.includes(" /v1/sandbox") &&
          !operation.includes(" /v1/sandbox/webhooks") &&
          !operation.includes("/kyc-review") &&
          !operation.includes(" /v1/sandbox/consents"),
      );
    expect(mine).toEqual([]);
  });
});
