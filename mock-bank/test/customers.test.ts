import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageOn, decideKyc } from "../src/domain/customers/decide-kyc";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, expectProblemShape, type Reply, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const CREATE = "/v1/customers";
const ONE = "/v1/customers/{customer_id}";
let keys = 0;
const newKey = () => `cus-key-${++keys}-${Math.random().toString(36).slice(2)}`;

type Body = Record<string, unknown>;
const person = (overrides: Body = {}): Body => ({
  given_name: "Ada",
  family_name: "Lovelace",
  date_of_birth: "1990-12-10",
  email: "ada@example.com",
  address: { line1: "12 Analytical Row", city: "London", postcode: "N1 9GU", country: "GB" },
  ...overrides,
});

function onboard(body: Body, options: { tenant?: string; key?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.key !== null) headers["idempotency-key"] = options.key ?? newKey();
  return bank.request({ method: "POST", url: CREATE, template: CREATE, tenant: options.tenant, headers, payload: JSON.stringify(body) });
}

describe("KYC rules (pure)", () => {
  it("counts whole years on the given day", () => {
    expect(ageOn("2008-11-21", NOW)).toBe(18);
    expect(ageOn("2008-11-22", NOW)).toBe(17);
    expect(ageOn("2008-12-01", NOW)).toBe(17);
  });

  it("lets a rejection win over review", () => {
    expect(decideKyc({ givenName: "Ada", familyName: "Review", dateOfBirth: "2015-01-01", now: NOW }).status).toBe("rejected");
    expect(decideKyc({ givenName: "Ada", familyName: "Lovelace", dateOfBirth: "1990-01-01", now: NOW })).toMatchObject({
      status: "approved",
      reasons: [],
      screening: { status: "clear" },
    });
  });
});

describe("POST /v1/customers", () => {
  it("approves a clean customer, writes kyc.decided, and GET returns the same", async () => {
    const tenant = "app_kyc_ok";
    const reply = await onboard(person({ national_id: "QQ123456C" }), { tenant });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      given_name: "Ada",
      family_name: "Lovelace",
      date_of_birth: "1990-12-10",
      address: { line1: "12 Analytical Row", city: "London", postcode: "N1 9GU", country: "GB" },
      national_id: "QQ123456C",
      persona: null,
      kyc: { status: "approved", reasons: [], screening: { status: "clear", matched_entry: null } },
      created_at: NOW.toISOString(),
    });
    expect(reply.body.id).toMatch(/^cus_[0-9A-Za-z]{22}$/);
    expect(reply.headers.location).toBe(`/v1/customers/${reply.body.id}`);
    expect((await bank.get(ONE, `/v1/customers/${reply.body.id}`, { tenant })).body).toEqual(reply.body);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant } });
    expect(events.map((e) => e.type)).toEqual(["kyc.decided"]);
    expect(JSON.parse(events[0].payload).object).toEqual(reply.body);
  });

  it.each([
    ["family name Review", { family_name: "Review" }, "review", ["manual_review_requested"]],
    ["family name Reject", { family_name: "Reject" }, "rejected", ["identity_not_verified"]],
    ["under 18 (17 years and 364 days)", { date_of_birth: "2008-11-22" }, "rejected", ["under_age"]],
    ["a sanctioned name, any order, case or accents", { given_name: "SANCTIONOV", family_name: "Ívan" }, "rejected", ["sanctions_match"]],
    ["a near match of a sanctioned name", { given_name: "Ivan", family_name: "Sanctionof" }, "review", ["possible_sanctions_match"]],
  ])("decides %s", async (_name, overrides, status, codes) => {
    const reply = await onboard(person(overrides), { tenant: "app_kyc_paths" });
    expect(reply.status).toBe(201);
    expect(reply.body.kyc.status).toBe(status);
    expect(reply.body.kyc.reasons.map((r: { code: string }) => r.code)).toEqual(codes);
  });

  it("puts the matched list entry and score in the screening", async () => {
    const exact = await onboard(person({ given_name: "Ivan", family_name: "Sanctionov" }), { tenant: "app_kyc_paths" });
    expect(exact.body.kyc.screening).toEqual({
      status: "match",
      score: 1,
      matched_entry: { id: "sx_001", name: "Ivan Sanctionov", list: "Sandbox Consolidated List" },
    });
    const near = await onboard(person({ given_name: "Ivan", family_name: "Sanctionof" }), { tenant: "app_kyc_paths" });
    expect(near.body.kyc.screening).toMatchObject({ status: "potential_match", score: 0.93, matched_entry: { id: "sx_001" } });
  });

  it("keeps the seeded personas approved", async () => {
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_kyc_seed" })).body.data as {
      customer_id: string;
    }[];
    const ids = [...new Set(accounts.map((a) => a.customer_id))];
    expect(ids).toHaveLength(6);
    for (const id of ids) {
      const customer = await bank.get(ONE, `/v1/customers/${id}`, { tenant: "app_kyc_seed" });
      expect(customer.body).toMatchObject({
        persona: expect.any(String),
        address: null,
        kyc: { status: "approved", reasons: [], screening: null },
      });
    }
  });

  it("answers validation errors with a pointer per field", async () => {
    const reply = await onboard(
      person({ email: "nope", date_of_birth: "1990-13-01", address: { line1: "x", postcode: "N1", country: "gb" }, extra: 1 }),
      { tenant: "app_kyc_bad" },
    );
    expectProblemShape(reply, 400, "validation_failed");
    const pointers = reply.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/email", "/body/date_of_birth", "/body/address/country"]));
    const missing = await onboard({ given_name: "Ada" }, { tenant: "app_kyc_bad" });
    expectProblemShape(missing, 400, "validation_failed");
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(["/body/family_name", "/body/address"]),
    );
  });

  it("refuses control characters in names and addresses (they would reach statements, logs and exports)", async () => {
    const reply = await onboard(
      person({ given_name: "Ada\u0007", address: { line1: "1 High St\r\nX-Injected: 1", postcode: "N1 9GU", country: "GB" } }),
      { tenant: "app_kyc_bad" },
    );
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/address/line1", "/body/given_name"]);
    // Letters of any script are text, not control characters.
    expect((await onboard(person({ given_name: "Zoë", family_name: "Ñúñez" }), { tenant: "app_kyc_bad" })).status).toBe(201);
  });

  it("requires an Idempotency-Key and replays a retry", async () => {
    expectProblemShape(await onboard(person(), { tenant: "app_kyc_idem", key: null }), 400, "idempotency_key_required");
    const key = newKey();
    const first = await onboard(person(), { tenant: "app_kyc_idem", key });
    const again = await onboard(person(), { tenant: "app_kyc_idem", key });
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await t.app.db.bankCustomer.count({ where: { tenantId: "app_kyc_idem", persona: null } })).toBe(1);
    expectProblemShape(await onboard(person({ given_name: "Grace" }), { tenant: "app_kyc_idem", key }), 422, "idempotency_key_reused");
  });

  it("answers 404 to another tenant for a customer id, exactly like an unknown id", async () => {
    const created = await onboard(person(), { tenant: "app_kyc_a" });
    const other = await bank.get(ONE, `/v1/customers/${created.body.id}`, { tenant: "app_kyc_b" });
    expectProblemShape(other, 404, "resource_not_found");
    expectProblemShape(await bank.get(ONE, "/v1/customers/cus_0000000000000000000000", { tenant: "app_kyc_b" }), 404, "resource_not_found");
  });

  it("is not refused by Sandbox-Scenario: insufficient_funds (it moves no money)", async () => {
    const reply = await onboard(person(), { tenant: "app_kyc_scenario" });
    expect(reply.status).toBe(201);
    const headers = { "content-type": "application/json", "idempotency-key": newKey(), "sandbox-scenario": "insufficient_funds" };
    const scenario = await bank.request({
      method: "POST",
      url: CREATE,
      template: CREATE,
      tenant: "app_kyc_scenario",
      headers,
      payload: JSON.stringify(person()),
    });
    expect(scenario.status).toBe(201);
    const open = await bank.request({
      method: "POST",
      url: "/v1/accounts",
      template: "/v1/accounts",
      tenant: "app_kyc_scenario",
      headers: { ...headers, "idempotency-key": newKey() },
      payload: JSON.stringify({ customer_id: reply.body.id, type: "current" }),
    });
    expect(open.status).toBe(201);
  });

  it("refuses a call without the internal secret before creating anything", async () => {
    const reply = await bank.request({
      method: "POST",
      url: CREATE,
      template: CREATE,
      tenant: null,
      headers: { "x-tenant-id": "app_kyc_mallory", "content-type": "application/json", "idempotency-key": newKey() },
      payload: JSON.stringify(person()),
    });
    expectProblemShape(reply, 403, "internal_auth_failed");
    expect(await t.app.db.bankCustomer.count({ where: { tenantId: "app_kyc_mallory" } })).toBe(0);
  });
});

describe("POST /v1/accounts", () => {
  const OPEN = "/v1/accounts";
  function open(body: Body, options: { tenant?: string; key?: string | null } = {}): Promise<Reply> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.key !== null) headers["idempotency-key"] = options.key ?? newKey();
    return bank.request({ method: "POST", url: OPEN, template: OPEN, tenant: options.tenant, headers, payload: JSON.stringify(body) });
  }

  it("opens a zero-balance account with fresh identifiers for an approved customer; it is listed and announced", async () => {
    const tenant = "app_open_ok";
    const customer = (await onboard(person(), { tenant })).body;
    const reply = await open({ customer_id: customer.id, type: "current", currency: "GBP" }, { tenant });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      customer_id: customer.id,
      type: "current",
      currency: "GBP",
      status: "active",
      interest_rate: null,
      opened_on: "2026-11-21",
      created_at: NOW.toISOString(),
    });
    expect(reply.body.identifiers.sort_code).toBe("990020");
    expect(reply.body.identifiers.iban).toBe(
      `GB${reply.body.identifiers.iban.slice(2, 4)}OBSX990020${reply.body.identifiers.account_number}`,
    );
    expect(reply.headers.location).toBe(`/v1/accounts/${reply.body.id}`);
    const balances = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${reply.body.id}/balances`, { tenant });
    expect(balances.body.booked).toEqual({ amount: "0.00", currency: "GBP" });
    const listed = await bank.get("/v1/accounts", `/v1/accounts?customer_id=${customer.id}`, { tenant });
    expect(listed.body.data).toEqual([reply.body]);
    const savings = await open({ customer_id: customer.id, type: "savings", currency: "EUR" }, { tenant });
    expect(savings.body.identifiers.account_number).not.toBe(reply.body.identifiers.account_number);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: tenant, type: "account.opened" } });
    expect(events.map((e) => JSON.parse(e.payload).object.id).sort()).toEqual([reply.body.id, savings.body.id].sort());
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("opens accounts for seeded personas (approved)", async () => {
    const seeded = (await bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant: "app_open_seed" })).body.data[0];
    const reply = await open({ customer_id: seeded.customer_id, type: "savings" }, { tenant: "app_open_seed" });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ customer_id: seeded.customer_id, type: "savings", currency: "GBP" });
  });

  it.each([
    ["review", "Review"],
    ["rejected", "Reject"],
  ])("refuses a customer in %s with 422 kyc_not_approved, opening nothing", async (status, familyName) => {
    const tenant = `app_open_${status}`;
    const customer = (await onboard(person({ family_name: familyName }), { tenant })).body;
    expect(customer.kyc.status).toBe(status);
    const reply = await open({ customer_id: customer.id, type: "current", currency: "GBP" }, { tenant });
    expectProblemShape(reply, 422, "kyc_not_approved");
    expect(reply.body.errors).toEqual([{ pointer: "/body/customer_id", detail: `KYC status is ${status}` }]);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: tenant, customerId: customer.id } })).toBe(0);
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant, type: "account.opened" } })).toBe(0);
  });

  it("answers 404 for another tenant's customer, exactly like an unknown id", async () => {
    const customer = (await onboard(person(), { tenant: "app_open_a" })).body;
    expectProblemShape(await open({ customer_id: customer.id, type: "current" }, { tenant: "app_open_b" }), 404, "resource_not_found");
    expectProblemShape(
      await open({ customer_id: "cus_0000000000000000000000", type: "current" }, { tenant: "app_open_b" }),
      404,
      "resource_not_found",
    );
    expect(await t.app.db.bankAccount.count({ where: { tenantId: "app_open_b", customerId: customer.id } })).toBe(0);
  });

  it("validates the body with pointers, requires an Idempotency-Key and replays a retry", async () => {
    const bad = await open({ customer_id: "cus_x", type: "credit_card", currency: "gbp" }, { tenant: "app_open_misc" });
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/currency", "/body/type"]);
    const customer = (await onboard(person(), { tenant: "app_open_misc" })).body;
    expectProblemShape(
      await open({ customer_id: customer.id, type: "current" }, { tenant: "app_open_misc", key: null }),
      400,
      "idempotency_key_required",
    );
    const key = newKey();
    const first = await open({ customer_id: customer.id, type: "current" }, { tenant: "app_open_misc", key });
    const again = await open({ customer_id: customer.id, type: "current" }, { tenant: "app_open_misc", key });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await t.app.db.bankAccount.count({ where: { tenantId: "app_open_misc", customerId: customer.id } })).toBe(1);
  });

  it("refuses a call without the internal secret", async () => {
    const reply = await bank.request({
      method: "POST",
      url: OPEN,
      template: OPEN,
      tenant: null,
      headers: { "x-tenant-id": "app_open_mallory", "content-type": "application/json", "idempotency-key": newKey() },
      payload: JSON.stringify({ customer_id: "cus_x", type: "current" }),
    });
    expectProblemShape(reply, 403, "internal_auth_failed");
  });
});

describe("POST /v1/sandbox/customers/{customer_id}/kyc-review", () => {
  const REVIEW = "/v1/sandbox/customers/{customer_id}/kyc-review";
  const decide = (customerId: string, body: Body, tenant: string, headers: Record<string, string> = {}) =>
    bank.request({
      method: "POST",
      url: REVIEW.replace("{customer_id}", customerId),
      template: REVIEW,
      tenant,
      headers: { "content-type": "application/json", ...headers },
      payload: JSON.stringify(body),
    });
  const decidedEvents = (tenant: string, customerId: string) =>
    t.app.db.bankEvent
      .findMany({ where: { tenantId: tenant, type: "kyc.decided" }, orderBy: { id: "asc" } })
      .then((events) => events.map((e) => JSON.parse(e.payload).object).filter((o) => o.id === customerId));

  it("approves a customer in review: reasons cleared, kyc.decided written, and the customer can then open an account", async () => {
    const tenant = "app_review_ok";
    const customer = (await onboard(person({ family_name: "Review" }), { tenant })).body;
    const reply = await decide(customer.id, { decision: "approved" }, tenant);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: customer.id, kyc: { status: "approved", reasons: [] } });
    expect((await bank.get(ONE, `/v1/customers/${customer.id}`, { tenant })).body).toEqual(reply.body);
    // Both events carry the same sandbox time; their ids are random, so compare them as a set.
    expect((await decidedEvents(tenant, customer.id)).map((o) => o.kyc.status).sort()).toEqual(["approved", "review"]);
    const opened = await bank.request({
      method: "POST",
      url: "/v1/accounts",
      template: "/v1/accounts",
      tenant,
      headers: { "content-type": "application/json", "idempotency-key": newKey() },
      payload: JSON.stringify({ customer_id: customer.id, type: "current" }),
    });
    expect(opened.status).toBe(201);
  });

  it("rejects a customer in review with the reviewer's note as a review_rejected reason", async () => {
    const tenant = "app_review_reject";
    const customer = (await onboard(person({ family_name: "Review" }), { tenant })).body;
    const reply = await decide(customer.id, { decision: "rejected", note: "Proof of address does not match." }, tenant, {
      "sandbox-scenario": "insufficient_funds",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.kyc.status).toBe("rejected");
    expect(reply.body.kyc.reasons.map((r: { code: string }) => r.code)).toEqual(["manual_review_requested", "review_rejected"]);
    expect(reply.body.kyc.reasons[1].message).toBe("Proof of address does not match.");
  });

  it("refuses a customer that is not in review with 409 kyc_not_in_review, changing nothing", async () => {
    const tenant = "app_review_conflict";
    for (const familyName of ["Lovelace", "Reject"]) {
      const customer = (await onboard(person({ family_name: familyName }), { tenant })).body;
      expectProblemShape(await decide(customer.id, { decision: "approved" }, tenant), 409, "kyc_not_in_review");
      expect((await bank.get(ONE, `/v1/customers/${customer.id}`, { tenant })).body.kyc).toEqual(customer.kyc);
      expect(await decidedEvents(tenant, customer.id)).toHaveLength(1);
    }
  });

  it("lets only one of two concurrent decisions win", async () => {
    const tenant = "app_review_race";
    const customer = (await onboard(person({ family_name: "Review" }), { tenant })).body;
    const replies = await Promise.all([
      decide(customer.id, { decision: "approved" }, tenant),
      decide(customer.id, { decision: "rejected" }, tenant),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await decidedEvents(tenant, customer.id)).toHaveLength(2);
  });

  it("validates the body with pointers and answers another tenant's id with 404 like an unknown id", async () => {
    const customer = (await onboard(person({ family_name: "Review" }), { tenant: "app_review_a" })).body;
    const bad = await decide(customer.id, { decision: "maybe", note: "", extra: 1 }, "app_review_a");
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/decision", "/body/extra", "/body/note"]);
    expectProblemShape(await decide(customer.id, { decision: "approved" }, "app_review_b"), 404, "resource_not_found");
    expectProblemShape(await decide("cus_0000000000000000000000", { decision: "approved" }, "app_review_b"), 404, "resource_not_found");
    expect((await bank.get(ONE, `/v1/customers/${customer.id}`, { tenant: "app_review_a" })).body.kyc.status).toBe("review");
  });
});

describe("GET /v1/customers", () => {
  const LIST = "/v1/customers";
  it("pages through seeded and onboarded customers with a cursor, filters by KYC status, and keeps tenants apart", async () => {
    const tenant = "app_list_cus";
    const review = (await onboard(person({ family_name: "Review" }), { tenant })).body;
    await onboard(person(), { tenant });
    const seen: string[] = [];
    let url = `${LIST}?limit=3`;
    for (;;) {
      const page = await bank.get(LIST, url, { tenant });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((c: { id: string }) => c.id));
      if (!page.body.next_cursor) break;
      url = `${LIST}?limit=3&cursor=${encodeURIComponent(page.body.next_cursor)}`;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect((await bank.get(LIST, `${LIST}?kyc_status=review`, { tenant })).body.data.map((c: { id: string }) => c.id)).toEqual([review.id]);
    const other = (await bank.get(LIST, `${LIST}?limit=100`, { tenant: "app_list_other" })).body.data.map((c: { id: string }) => c.id);
    expect(other).toHaveLength(6);
    expect(other).not.toContain(review.id);
    expectProblemShape(await bank.get(LIST, `${LIST}?kyc_status=maybe`, { tenant }), 400, "validation_failed");
  });
});
