import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { requestHash, reserveIdempotencyKey } from "../src/domain/idempotency/idempotency-store";
import { parseBankEnv } from "../src/env";
import { settleDuePayments } from "../src/domain/payments/settle-due-payments";
import { CreatePaymentBody } from "../src/schemas/payment";
import { bankClient, buildTestApp, expectProblemShape, gatewayHeaders, type Reply, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const HOUR = 3_600_000;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const CREATE = "/v1/payments";
const ONE = "/v1/payments/{payment_id}";
let keys = 0;
const newKey = () => `key-${++keys}-${Math.random().toString(36).slice(2)}`;

type Body = Record<string, unknown>;

function pay(body: Body, options: { tenant?: string; key?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.key !== null) headers["idempotency-key"] = options.key ?? newKey();
  return bank.request({ method: "POST", url: CREATE, template: CREATE, tenant: options.tenant, headers, payload: JSON.stringify(body) });
}

async function account(tenant: string, accountNumberOrType: string) {
  const list = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as {
    id: string;
    customer_id: string;
    type: string;
    identifiers: Record<string, string>;
  }[];
  return list.find((a) => a.identifiers.account_number === accountNumberOrType)!;
}
/** Booked balance in pence. */
const pence = async (tenant: string, id: string) => Math.round(Number(await balance(tenant, id)) * 100);
const balance = async (tenant: string, id: string) =>
  (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${id}/balances`, { tenant })).body.booked.amount as string;
const events = (tenant: string) => t.app.db.bankEvent.findMany({ where: { tenantId: tenant }, orderBy: { id: "asc" } });
const gbp = (amount: string) => ({ amount, currency: "GBP" });

// good_credit: current 41825937 (3,842.17, overdraft 1,500), savings 41825945; frozen_account current 96341702.
const CURRENT = "41825937";
const SAVINGS = "41825945";
const FROZEN = "96341702";

describe("POST /v1/payments: happy paths", () => {
  it("moves money between two of the tenant's accounts at once: balances, statement lines, events, ledger", async () => {
    const tenant = "app_pay_internal";
    const from = await account(tenant, CURRENT);
    const to = await account(tenant, SAVINGS);
    const saved = await pence(tenant, to.id);
    const reply = await pay(
      { debtor_account_id: from.id, amount: gbp("125.50"), creditor: { type: "account", account_id: to.id }, reference: "Rainy day" },
      { tenant },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: "completed",
      scheme: "instant",
      debtor_account_id: from.id,
      amount: gbp("125.50"),
      creditor: { type: "account", account_id: to.id },
      reference: "Rainy day",
      failure: null,
      settles_at: null,
      completed_at: NOW.toISOString(),
    });
    expect(reply.body.id).toMatch(/^pay_[0-9A-Za-z]{22}$/);
    expect(reply.headers.location).toBe(`/v1/payments/${reply.body.id}`);
    expect(await balance(tenant, from.id)).toBe("3716.67");
    expect(await pence(tenant, to.id)).toBe(saved + 12550);

    const lines = (await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${to.id}/transactions?limit=1`, { tenant })).body
      .data;
    expect(lines[0]).toMatchObject({ amount: gbp("125.50"), status: "booked", description: "Rainy day" });
    expect((await events(tenant)).map((e) => e.type).sort()).toEqual(["payment.completed", "transaction.booked", "transaction.booked"]);
    const completed = (await events(tenant)).find((e) => e.type === "payment.completed")!;
    expect(JSON.parse(completed.payload).object.id).toBe(reply.body.id);
    expect(completed.id).toMatch(/^evt_/);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("pays a UK account by sort code, and routes a sort code or IBAN of the tenant's own account internally", async () => {
    const tenant = "app_pay_external";
    const from = await account(tenant, CURRENT);
    const out = await pay(
      {
        debtor_account_id: from.id,
        amount: gbp("10"),
        creditor: { type: "sort_code", name: "Jo Bloggs", sort_code: "601613", account_number: "31926819" },
      },
      { tenant },
    );
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({
      status: "completed",
      amount: gbp("10.00"),
      creditor: { type: "sort_code", account_id: null, name: "Jo Bloggs", sort_code: "601613", account_number: "31926819", iban: null },
    });
    const iban = await pay(
      { debtor_account_id: from.id, amount: gbp("1.00"), creditor: { type: "iban", name: "Jo Bloggs", iban: "GB29NWBK60161331926819" } },
      { tenant },
    );
    expect(iban.body).toMatchObject({ status: "completed", creditor: { type: "iban", iban: "GB29NWBK60161331926819", account_id: null } });

    const savings = await account(tenant, SAVINGS);
    const saved = await pence(tenant, savings.id);
    const own = await pay(
      {
        debtor_account_id: from.id,
        amount: gbp("2.00"),
        creditor: { type: "sort_code", name: "Me", sort_code: savings.identifiers.sort_code, account_number: SAVINGS },
      },
      { tenant },
    );
    expect(own.body.creditor.account_id).toBe(savings.id);
    const ownIban = await pay(
      { debtor_account_id: from.id, amount: gbp("3.00"), creditor: { type: "iban", name: "Me", iban: savings.identifiers.iban } },
      { tenant },
    );
    expect(ownIban.body.creditor.account_id).toBe(savings.id);
    expect(await pence(tenant, savings.id)).toBe(saved + 500);
    expect(await balance(tenant, from.id)).toBe("3826.17");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("keeps a standard payment pending (money held in clearing) until the tenant clock passes settles_at", async () => {
    const tenant = "app_pay_standard";
    const from = await account(tenant, CURRENT);
    const to = await account(tenant, SAVINGS);
    const saved = await pence(tenant, to.id);
    const reply = await pay(
      { debtor_account_id: from.id, amount: gbp("100.00"), creditor: { type: "account", account_id: to.id }, scheme: "standard" },
      { tenant },
    );
    expect(reply.body).toMatchObject({
      status: "pending",
      scheme: "standard",
      settles_at: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
      completed_at: null,
    });
    expect(await balance(tenant, from.id)).toBe("3742.17");
    expect(await pence(tenant, to.id)).toBe(saved);
    expect((await events(tenant)).map((e) => e.type).sort()).toEqual(["payment.created", "transaction.booked"]);

    expect(await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(NOW.getTime() + 23 * HOUR) })).toEqual({
      completed: [],
      failed: [],
    });
    const settled = await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(NOW.getTime() + 25 * HOUR) });
    expect(settled).toEqual({ completed: [reply.body.id], failed: [] });
    expect(await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(NOW.getTime() + 26 * HOUR) })).toEqual({
      completed: [],
      failed: [],
    });

    const after = await bank.get(ONE, `/v1/payments/${reply.body.id}`, { tenant });
    expect(after.body).toMatchObject({ status: "completed", completed_at: new Date(NOW.getTime() + 24 * HOUR).toISOString() });
    expect(await pence(tenant, to.id)).toBe(saved + 10000);
    expect((await events(tenant)).filter((e) => e.type === "payment.completed")).toHaveLength(1);
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it("returns the money and fails the payment when the beneficiary account is frozen before settlement", async () => {
    const tenant = "app_pay_return";
    const from = await account(tenant, CURRENT);
    const to = await account(tenant, SAVINGS);
    const reply = await pay(
      { debtor_account_id: from.id, amount: gbp("40.00"), creditor: { type: "account", account_id: to.id }, scheme: "standard" },
      { tenant },
    );
    await t.app.db.bankAccount.update({ where: { id: to.id }, data: { status: "frozen" } });
    expect(await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(NOW.getTime() + 25 * HOUR) })).toEqual({
      completed: [],
      failed: [reply.body.id],
    });
    expect((await bank.get(ONE, `/v1/payments/${reply.body.id}`, { tenant })).body).toMatchObject({
      status: "failed",
      failure: { code: "account_frozen" },
    });
    expect(await balance(tenant, from.id)).toBe("3842.17");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });

  it.each([
    ["amount 666.66", { amount: gbp("666.66") }, "insufficient_funds"],
    [
      "beneficiary AML HIT",
      { creditor: { type: "sort_code", name: "aml hit", sort_code: "601613", account_number: "31926819" } },
      "aml_declined",
    ],
  ])("creates a failed payment for the magic %s: no money moves, payment.failed is emitted", async (_name, overrides, code) => {
    const tenant = `app_pay_magic_${code}`;
    const from = await account(tenant, CURRENT);
    const reply = await pay(
      {
        debtor_account_id: from.id,
        amount: gbp("5.00"),
        creditor: { type: "sort_code", name: "Shop", sort_code: "601613", account_number: "31926819" },
        ...overrides,
      },
      { tenant },
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: "failed", failure: { code }, completed_at: null });
    expect(await balance(tenant, from.id)).toBe("3842.17");
    expect((await events(tenant)).map((e) => e.type)).toEqual(["payment.failed"]);
  });
});

describe("POST /v1/payments: other currencies", () => {
  it("pays out of a EUR account to an external IBAN, instantly and by standard settlement, on the EUR side of the ledger", async () => {
    const tenant = "app_pay_eur";
    const owner = (await account(tenant, CURRENT)).customer_id;
    const headers = { "content-type": "application/json", "idempotency-key": newKey() };
    const opened = await bank.request({
      method: "POST",
      url: "/v1/accounts",
      template: "/v1/accounts",
      tenant,
      headers,
      payload: JSON.stringify({ customer_id: owner, type: "current", currency: "EUR" }),
    });
    expect(opened.status).toBe(201);
    const eur = opened.body.id as string;
    const incoming = await bank.request({
      method: "POST",
      url: "/v1/sandbox/transactions",
      template: "/v1/sandbox/transactions",
      tenant,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ account_id: eur, amount: { amount: "500.00", currency: "EUR" }, counterparty_name: "Client SARL" }),
    });
    expect(incoming.status).toBe(201);
    const creditor = { type: "iban", name: "Supplier Ltd", iban: "GB29NWBK60161331926819" };
    const instant = await pay(
      { debtor_account_id: eur, amount: { amount: "120.00", currency: "EUR" }, creditor, scheme: "instant" },
      { tenant },
    );
    expect(instant.status, JSON.stringify(instant.body)).toBe(201);
    expect(instant.body).toMatchObject({ status: "completed", amount: { amount: "120.00", currency: "EUR" } });
    const standard = await pay(
      { debtor_account_id: eur, amount: { amount: "30.00", currency: "EUR" }, creditor, scheme: "standard" },
      { tenant },
    );
    expect(standard.body.status).toBe("pending");
    await settleDuePayments({ db: t.app.db, tenantId: tenant, now: new Date(NOW.getTime() + 48 * HOUR) });
    expect((await bank.get(ONE, `/v1/payments/${standard.body.id}`, { tenant })).body.status).toBe("completed");
    expect(await balance(tenant, eur)).toBe("350.00");
    expect(await checkLedgerInvariants({ db: t.app.db, tenantId: tenant })).toEqual([]);
  });
});

describe("POST /v1/payments: refusals leave nothing behind", () => {
  const tenant = "app_pay_errors";
  let from: string, to: string, frozen: string, card: string;
  beforeAll(async () => {
    from = (await account(tenant, CURRENT)).id;
    to = (await account(tenant, SAVINGS)).id;
    frozen = (await account(tenant, FROZEN)).id;
    const all = (await bank.get("/v1/accounts", "/v1/accounts?type=credit_card&limit=1", { tenant })).body.data;
    card = all[0].id;
  });
  const base = () => ({ debtor_account_id: from, amount: gbp("10.00"), creditor: { type: "account", account_id: to } });

  it.each([
    [
      "insufficient funds beyond the overdraft",
      () => ({ ...base(), amount: gbp("5342.18") }),
      422,
      "insufficient_funds",
      "/body/debtor_account_id",
    ],
    ["a frozen debtor", () => ({ ...base(), debtor_account_id: frozen }), 422, "account_frozen", "/body/debtor_account_id"],
    [
      "a frozen beneficiary",
      () => ({ ...base(), creditor: { type: "account", account_id: frozen } }),
      422,
      "account_frozen",
      "/body/creditor",
    ],
    ["more than 25,000.00", () => ({ ...base(), amount: gbp("25000.01") }), 422, "limit_exceeded", "/body/amount/amount"],
    [
      "an IBAN with wrong check digits",
      () => ({ ...base(), creditor: { type: "iban", name: "X", iban: "GB29NWBK60161331926818" } }),
      422,
      "invalid_beneficiary",
      "/body/creditor/iban",
    ],
    [
      "an IBAN of the wrong length for its country",
      () => ({ ...base(), creditor: { type: "iban", name: "X", iban: "GB29NWBK6016133192681" } }),
      422,
      "invalid_beneficiary",
      "/body/creditor/iban",
    ],
    [
      "a foreign IBAN without an FX quote",
      () => ({ ...base(), creditor: { type: "iban", name: "X", iban: "DE89370400440532013000" } }),
      422,
      "invalid_beneficiary",
      "/body/creditor/iban",
    ],
    [
      "an unknown sort code",
      () => ({ ...base(), creditor: { type: "sort_code", name: "X", sort_code: "001234", account_number: "12345678" } }),
      422,
      "invalid_beneficiary",
      "/body/creditor/sort_code",
    ],
    [
      "an unknown beneficiary account",
      () => ({ ...base(), creditor: { type: "account", account_id: "acc_0000000000000000000000" } }),
      422,
      "invalid_beneficiary",
      "/body/creditor/account_id",
    ],
    [
      "paying the same account",
      () => ({ ...base(), creditor: { type: "account", account_id: from } }),
      422,
      "invalid_beneficiary",
      "/body/creditor",
    ],
    [
      "another currency",
      () => ({ ...base(), amount: { amount: "10.00", currency: "EUR" } }),
      422,
      "currency_mismatch",
      "/body/amount/currency",
    ],
    ["more decimals than the currency has", () => ({ ...base(), amount: gbp("1.001") }), 400, "validation_failed", "/body/amount/amount"],
    ["a zero amount", () => ({ ...base(), amount: gbp("0.00") }), 400, "validation_failed", "/body/amount/amount"],
    ["a negative amount", () => ({ ...base(), amount: gbp("-5.00") }), 400, "validation_failed", "/body/amount/amount"],
    ["a float amount", () => ({ ...base(), amount: { amount: 10.5, currency: "GBP" } }), 400, "validation_failed", "/body/amount/amount"],
    [
      "no amount",
      () => ({ debtor_account_id: from, creditor: { type: "account", account_id: to } }),
      400,
      "validation_failed",
      "/body/amount",
    ],
    ["a quote on a domestic payment", () => ({ ...base(), quote_id: "fxq_x" }), 400, "validation_failed", "/body/quote_id"],
    [
      "an unknown creditor type",
      () => ({ ...base(), creditor: { type: "bitcoin", address: "x" } }),
      400,
      "validation_failed",
      "/body/creditor/type",
    ],
    [
      "a bad sort code",
      () => ({ ...base(), creditor: { type: "sort_code", name: "X", sort_code: "60-16-13", account_number: "31926819" } }),
      400,
      "validation_failed",
      "/body/creditor/sort_code",
    ],
    ["an unknown field", () => ({ ...base(), memo: "x" }), 400, "validation_failed", "/body/memo"],
    ["a credit card as debtor", () => ({ ...base(), debtor_account_id: card }), 400, "validation_failed", "/body/debtor_account_id"],
    ["an unknown debtor account", () => ({ ...base(), debtor_account_id: "acc_0000000000000000000000" }), 404, "resource_not_found", null],
  ])("refuses %s", async (_name, body, status, code, pointer) => {
    const before = await t.app.db.bankPayment.count({ where: { tenantId: tenant } });
    const entries = await t.app.db.bankEntry.count({ where: { tenantId: tenant } });
    const reply = await pay(body(), { tenant });
    expectProblemShape(reply, status, code);
    // A refusal names the field at fault; an unknown debtor is a missing resource, not a bad field.
    expect(reply.body.errors?.map((e: { pointer: string }) => e.pointer)).toEqual(
      pointer === null ? undefined : expect.arrayContaining([pointer]),
    );
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(before);
    expect(await t.app.db.bankEntry.count({ where: { tenantId: tenant } })).toBe(entries);
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant } })).toBe(0);
  });

  it("lets the balance reach exactly the overdraft limit, and not a penny more", async () => {
    const fresh = "app_pay_floor";
    const a = (await account(fresh, CURRENT)).id;
    const b = (await account(fresh, SAVINGS)).id;
    expectProblemShape(
      await pay({ debtor_account_id: a, amount: gbp("5342.18"), creditor: { type: "account", account_id: b } }, { tenant: fresh }),
      422,
      "insufficient_funds",
    );
    expect(
      (await pay({ debtor_account_id: a, amount: gbp("5342.17"), creditor: { type: "account", account_id: b } }, { tenant: fresh })).status,
    ).toBe(201);
    expect(await balance(fresh, a)).toBe("-1500.00");
    expectProblemShape(
      await pay({ debtor_account_id: a, amount: gbp("0.01"), creditor: { type: "account", account_id: b } }, { tenant: fresh }),
      422,
      "insufficient_funds",
    );
  });

  it("requires an Idempotency-Key (before validating the body), of sane characters", async () => {
    const missing = await pay(base(), { key: null });
    expectProblemShape(missing, 400, "idempotency_key_required");
    expect(missing.body.errors).toEqual([{ pointer: "/headers/idempotency-key", detail: "is required" }]);
    expectProblemShape(await pay({ nonsense: true }, { key: null }), 400, "idempotency_key_required");
    const long = await pay(base(), { key: "k".repeat(256) });
    expectProblemShape(long, 400, "validation_failed");
    expect(long.body.errors[0].pointer).toBe("/headers/idempotency-key");
  });
});

describe("Idempotency-Key", () => {
  const tenant = "app_pay_idem";
  let from: string, to: string;
  beforeAll(async () => {
    from = (await account(tenant, CURRENT)).id;
    to = (await account(tenant, SAVINGS)).id;
  });
  const body = (amount = "7.00") => ({ debtor_account_id: from, amount: gbp(amount), creditor: { type: "account", account_id: to } });

  it("replays the stored response byte for byte, flagged Idempotent-Replayed, even with keys reordered", async () => {
    const key = newKey();
    const first = await t.app.inject({
      method: "POST",
      url: CREATE,
      headers: { ...gatewayHeaders(tenant), "content-type": "application/json", "idempotency-key": key },
      payload: JSON.stringify(body()),
    });
    expect(first.statusCode).toBe(201);
    const reordered = {
      creditor: { account_id: to, type: "account" },
      amount: { currency: "GBP", amount: "7.00" },
      debtor_account_id: from,
    };
    const again = await t.app.inject({
      method: "POST",
      url: CREATE,
      headers: { ...gatewayHeaders(tenant), "content-type": "application/json", "idempotency-key": key },
      payload: JSON.stringify(reordered),
    });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.headers.location).toBe(first.headers.location);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(1);
  });

  it("replays a refusal too, and refuses the same key with a different body (422) or path", async () => {
    const key = newKey();
    const refused = await pay(body("99999.00"), { tenant, key });
    expectProblemShape(refused, 422, "limit_exceeded");
    const replayed = await pay(body("99999.00"), { tenant, key });
    expect(replayed.body).toEqual(refused.body);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");

    const used = newKey();
    expect((await pay(body("1.00"), { tenant, key: used })).status).toBe(201);
    const mismatch = await pay(body("2.00"), { tenant, key: used });
    expectProblemShape(mismatch, 422, "idempotency_key_reused");
    const otherPath = await bank.request({
      method: "POST",
      url: "/v1/fx/quotes",
      template: "/v1/fx/quotes",
      tenant,
      headers: { "content-type": "application/json", "idempotency-key": used },
      payload: JSON.stringify({ sell: { amount: "1.00", currency: "GBP" }, buy_currency: "EUR" }),
    });
    expectProblemShape(otherPath, 422, "idempotency_key_reused");
  });

  it("answers 409 while the first request is in flight, and lets a request take over a key whose holder crashed", async () => {
    const key = newKey();
    const parsed = CreatePaymentBody.parse(body("3.00"));
    const hash = requestHash("POST", CREATE, parsed);
    await t.app.db.bankIdempotencyKey.create({
      data: {
        id: "idk_inflight",
        tenantId: tenant,
        key,
        requestHash: hash,
        status: "in_flight",
        lockedAt: NOW,
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + 24 * HOUR),
      },
    });
    const busy = await pay(body("3.00"), { tenant, key });
    expectProblemShape(busy, 409, "idempotency_key_in_flight");
    expect(busy.headers["retry-after"]).toBe("1");

    await t.app.db.bankIdempotencyKey.update({ where: { id: "idk_inflight" }, data: { lockedAt: new Date(NOW.getTime() - 60_000) } });
    const retaken = await pay(body("3.00"), { tenant, key });
    expect(retaken.status).toBe(201);
    expect((await pay(body("3.00"), { tenant, key })).body).toEqual(retaken.body);
  });

  it("takes over a crashed holder's key after the configured lease, not before", async () => {
    const key = newKey();
    const hash = requestHash("POST", CREATE, CreatePaymentBody.parse(body("3.50")));
    await t.app.db.bankIdempotencyKey.create({
      data: {
        id: "idk_short_lease",
        tenantId: tenant,
        key,
        requestHash: hash,
        status: "in_flight",
        lockedAt: new Date(NOW.getTime() - 5_000),
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + 24 * HOUR),
      },
    });
    // 5 s old: still held under the default 30 s lease, free under a 2 s one (BANK_IDEMPOTENCY_LEASE_MS).
    await expect(reserveIdempotencyKey({ db: t.app.db, tenantId: tenant, key, hash, now: NOW })).rejects.toMatchObject({
      code: "idempotency_key_in_flight",
    });
    expect(await reserveIdempotencyKey({ db: t.app.db, tenantId: tenant, key, hash, now: NOW, leaseMs: 2_000 })).toEqual({
      kind: "reserved",
      id: "idk_short_lease",
    });
    expect(
      parseBankEnv({ BANK_DATABASE_URL: "file:./x.db", BANK_INTERNAL_SECRET: "s".repeat(32), BANK_IDEMPOTENCY_LEASE_MS: "2000" })
        .BANK_IDEMPOTENCY_LEASE_MS,
    ).toBe(2_000);
    expect(parseBankEnv({ BANK_DATABASE_URL: "file:./x.db", BANK_INTERNAL_SECRET: "s".repeat(32) }).BANK_IDEMPOTENCY_LEASE_MS).toBe(30_000);
  });

  it("recovers the payment a crashed request created instead of paying twice", async () => {
    const first = await pay(body("4.00"), { tenant });
    const key = newKey();
    const hash = requestHash("POST", CREATE, CreatePaymentBody.parse(body("4.00")));
    await t.app.db.bankIdempotencyKey.create({
      data: {
        id: "idk_crashed",
        tenantId: tenant,
        key,
        requestHash: hash,
        status: "in_flight",
        resourceId: first.body.id,
        lockedAt: new Date(NOW.getTime() - 60_000),
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + 24 * HOUR),
      },
    });
    const count = await t.app.db.bankPayment.count({ where: { tenantId: tenant } });
    const recovered = await pay(body("4.00"), { tenant, key });
    expect(recovered.status).toBe(201);
    expect(recovered.body).toEqual(first.body);
    expect(await t.app.db.bankPayment.count({ where: { tenantId: tenant } })).toBe(count);
  });

  it("keeps keys 24 hours, then treats the key as new", async () => {
    const key = newKey();
    await pay(body("5.00"), { tenant, key });
    const row = await t.app.db.bankIdempotencyKey.findFirstOrThrow({ where: { tenantId: tenant, key } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
    await t.app.db.bankIdempotencyKey.update({ where: { id: row.id }, data: { expiresAt: new Date(NOW.getTime() - 1) } });
    const fresh = await pay(body("6.00"), { tenant, key });
    expect(fresh.status).toBe(201);
    expect(fresh.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("scopes keys to the tenant: the same key in another sandbox is a different request", async () => {
    const key = newKey();
    expect((await pay(body("1.50"), { tenant, key })).status).toBe(201);
    const other = await account("app_pay_idem_other", CURRENT);
    const otherTo = await account("app_pay_idem_other", SAVINGS);
    const reply = await pay(
      { debtor_account_id: other.id, amount: gbp("1.50"), creditor: { type: "account", account_id: otherTo.id } },
      { tenant: "app_pay_idem_other", key },
    );
    expect(reply.status).toBe(201);
    expect(reply.headers["idempotent-replayed"]).toBeUndefined();
  });
});

describe("GET /v1/payments/{payment_id} and GET /v1/payments", () => {
  const tenant = "app_pay_list";
  const ids: string[] = [];
  beforeAll(async () => {
    const from = (await account(tenant, CURRENT)).id;
    const to = (await account(tenant, SAVINGS)).id;
    for (let i = 1; i <= 7; i++) {
      const reply = await pay(
        {
          debtor_account_id: i % 2 ? from : to,
          amount: gbp(`${i}.00`),
          creditor: { type: "account", account_id: i % 2 ? to : from },
          scheme: i === 7 ? "standard" : "instant",
        },
        { tenant },
      );
      ids.push(reply.body.id);
    }
  });

  it("gets one payment; unknown and other tenants' ids are the same 404", async () => {
    const reply = await bank.get(ONE, `/v1/payments/${ids[0]}`, { tenant });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe(ids[0]);
    const foreign = await bank.get(ONE, `/v1/payments/${ids[0]}`, { tenant: "app_pay_intruder" });
    expectProblemShape(foreign, 404, "resource_not_found");
    const unknown = await bank.get(ONE, "/v1/payments/pay_0000000000000000000000", { tenant: "app_pay_intruder" });
    expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
    expectProblemShape(await bank.get(ONE, "/v1/payments/bad-id!", { tenant }), 400, "validation_failed");
  });

  it("lists newest first and pages with a cursor, every payment exactly once", async () => {
    const seen: string[] = [];
    let url = "/v1/payments?limit=3";
    for (let page = 0; page < 5; page++) {
      const reply = await bank.get("/v1/payments", url, { tenant });
      seen.push(...reply.body.data.map((p: { id: string }) => p.id));
      if (!reply.body.next_cursor) break;
      url = `/v1/payments?limit=3&cursor=${encodeURIComponent(reply.body.next_cursor)}`;
    }
    expect(seen.sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(7);
  });

  it("filters by status, scheme and debtor account", async () => {
    expect((await bank.get("/v1/payments", "/v1/payments?status=pending", { tenant })).body.data.map((p: { id: string }) => p.id)).toEqual([
      ids[6],
    ]);
    expect((await bank.get("/v1/payments", "/v1/payments?scheme=instant&limit=100", { tenant })).body.data).toHaveLength(6);
    const from = (await account(tenant, CURRENT)).id;
    const mine = (await bank.get("/v1/payments", `/v1/payments?debtor_account_id=${from}`, { tenant })).body.data;
    expect(mine).toHaveLength(4);
    expect(mine.every((p: { debtor_account_id: string }) => p.debtor_account_id === from)).toBe(true);
  });

  it("isolates tenants: another sandbox lists nothing and refuses this list's cursors", async () => {
    expect((await bank.get("/v1/payments", "/v1/payments", { tenant: "app_pay_intruder" })).body).toEqual({ data: [], next_cursor: null });
    const page = await bank.get("/v1/payments", "/v1/payments?limit=2", { tenant });
    expectProblemShape(
      await bank.get("/v1/payments", `/v1/payments?limit=2&cursor=${page.body.next_cursor}`, { tenant: "app_pay_intruder" }),
      400,
      "validation_failed",
    );
    expectProblemShape(await bank.get("/v1/payments", "/v1/payments?status=done", { tenant }), 400, "validation_failed");
  });

  it("refuses to pay from another tenant's account (404, like an unknown id), or to it (invalid_beneficiary)", async () => {
    const mine = (await account(tenant, CURRENT)).id;
    const theirs = (await account("app_pay_intruder", CURRENT)).id;
    expectProblemShape(
      await pay({ debtor_account_id: mine, amount: gbp("1.00"), creditor: { type: "account", account_id: theirs } }, { tenant }),
      422,
      "invalid_beneficiary",
    );
    expectProblemShape(
      await pay({ debtor_account_id: theirs, amount: gbp("1.00"), creditor: { type: "account", account_id: mine } }, { tenant }),
      404,
      "resource_not_found",
    );
  });
});

describe("contract coverage", () => {
  it("exercised every /v1/payments operation", () => {
    expect(bank.contract.unexercised().filter((operation) => operation.includes(" /v1/payments"))).toEqual([]);
  });
});
