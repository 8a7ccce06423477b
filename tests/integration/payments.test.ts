import { beforeAll, describe, expect, inject, it } from "vitest";
import { PortalClient, sandbox } from "../support/portal-client";
import { expectProblem, loadContract } from "../support/contract";

/**
 * Payments and FX through the real gateway: the developer's key, the gateway's headers
 * (Idempotency-Key passes through, Idempotent-Replayed comes back), the bank's ledger. Every
 * response is checked against the published contract. Stays well under the per-key rate limit.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);

type Developer = { key: string };
let carol: Developer;
let dave: Developer;
let current: string;
let savings: string;

async function developerWithApp(name: string): Promise<Developer> {
  const developer = await PortalClient.newDeveloper(portalUrl, name);
  const app = await developer.client.createApp(`${name}'s payments app`);
  return { key: app.secret };
}

async function call(
  key: string,
  method: string,
  path: string,
  options: { body?: unknown; idempotencyKey?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  const response = await sandbox(portalUrl, key, path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return response;
}

async function json(response: Response, method: string, template: string) {
  const text = await response.text();
  const body = JSON.parse(text);
  contract.expectValid(method, template, response, body);
  return { body, text };
}

const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  [carol, dave] = await Promise.all([developerWithApp("Carol"), developerWithApp("Dave")]);
  const accounts = await json(await call(carol.key, "GET", "/v1/accounts?limit=100"), "get", "/v1/accounts");
  const byNumber = (n: string) =>
    accounts.body.data.find((a: { identifiers: Record<string, string> }) => a.identifiers.account_number === n).id as string;
  current = byNumber("41825937");
  savings = byNumber("41825945");
});

describe("POST /v1/payments through the gateway", () => {
  it("makes an internal transfer, and replays it byte for byte for the same Idempotency-Key", async () => {
    const key = unique("transfer");
    const body = {
      debtor_account_id: current,
      amount: { amount: "25.00", currency: "GBP" },
      creditor: { type: "account", account_id: savings },
      reference: "Gateway test",
    };
    const first = await call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: key });
    expect(first.status).toBe(201);
    const created = await json(first, "post", "/v1/payments");
    expect(created.body).toMatchObject({ status: "completed", amount: { amount: "25.00", currency: "GBP" } });
    expect(first.headers.get("x-request-id")).toMatch(/^req_/);

    const again = await call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: key });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await json(again, "post", "/v1/payments")).text).toBe(created.text);

    const fetched = await call(carol.key, "GET", `/v1/payments/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect((await json(fetched, "get", "/v1/payments/{payment_id}")).body).toEqual(created.body);
  });

  it("refuses a missing key, a reused key with another body, and insufficient funds, as problems", async () => {
    const body = {
      debtor_account_id: current,
      amount: { amount: "1.00", currency: "GBP" },
      creditor: { type: "account", account_id: savings },
    };
    const missing = await call(carol.key, "POST", "/v1/payments", { body });
    contract.expectValid("post", "/v1/payments", missing, await expectProblem(missing.clone(), 400, "idempotency_key_required"));

    const key = unique("reuse");
    expect((await call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: key })).status).toBe(201);
    const reused = await call(carol.key, "POST", "/v1/payments", {
      body: { ...body, amount: { amount: "2.00", currency: "GBP" } },
      idempotencyKey: key,
    });
    contract.expectValid("post", "/v1/payments", reused, await expectProblem(reused.clone(), 422, "idempotency_key_reused"));

    const broke = await call(carol.key, "POST", "/v1/payments", {
      body: { ...body, amount: { amount: "20000.00", currency: "GBP" } },
      idempotencyKey: unique("broke"),
    });
    contract.expectValid("post", "/v1/payments", broke, await expectProblem(broke.clone(), 422, "insufficient_funds"));

    const badIban = await call(carol.key, "POST", "/v1/payments", {
      body: { ...body, creditor: { type: "iban", name: "X", iban: "GB00NWBK60161331926819" } },
      idempotencyKey: unique("iban"),
    });
    contract.expectValid("post", "/v1/payments", badIban, await expectProblem(badIban.clone(), 422, "invalid_beneficiary"));
  });

  it("pays a sort code, declines the magic 666.66 as a failed payment, and keeps a standard payment pending", async () => {
    const creditor = { type: "sort_code", name: "Jo Bloggs", sort_code: "601613", account_number: "31926819" };
    const paid = await call(carol.key, "POST", "/v1/payments", {
      body: { debtor_account_id: current, amount: { amount: "3.00", currency: "GBP" }, creditor },
      idempotencyKey: unique("sort"),
    });
    expect((await json(paid, "post", "/v1/payments")).body.status).toBe("completed");
    const magic = await call(carol.key, "POST", "/v1/payments", {
      body: { debtor_account_id: current, amount: { amount: "666.66", currency: "GBP" }, creditor },
      idempotencyKey: unique("magic"),
    });
    expect((await json(magic, "post", "/v1/payments")).body).toMatchObject({ status: "failed", failure: { code: "insufficient_funds" } });
    const standard = await call(carol.key, "POST", "/v1/payments", {
      body: { debtor_account_id: current, amount: { amount: "4.00", currency: "GBP" }, creditor, scheme: "standard" },
      idempotencyKey: unique("standard"),
    });
    expect((await json(standard, "post", "/v1/payments")).body).toMatchObject({ status: "pending", settles_at: expect.any(String) });
  });

  it("creates exactly one payment for 10 concurrent requests with one key", async () => {
    const key = unique("burst");
    const body = {
      debtor_account_id: current,
      amount: { amount: "0.10", currency: "GBP" },
      creditor: { type: "account", account_id: savings },
      reference: key.slice(0, 35),
    };
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: key })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(await Promise.all(replies.filter((r) => r.status === 201).map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
  });
});

describe("GET /v1/payments through the gateway", () => {
  it("pages newest first with filters", async () => {
    const first = await call(carol.key, "GET", "/v1/payments?limit=2");
    const page = await json(first, "get", "/v1/payments");
    expect(page.body.data).toHaveLength(2);
    expect(page.body.next_cursor).toEqual(expect.any(String));
    const next = await call(carol.key, "GET", `/v1/payments?limit=2&cursor=${encodeURIComponent(page.body.next_cursor)}`);
    const second = await json(next, "get", "/v1/payments");
    expect(second.body.data.map((p: { id: string }) => p.id)).not.toContain(page.body.data[0].id);
    const pending = await json(await call(carol.key, "GET", "/v1/payments?status=pending"), "get", "/v1/payments");
    expect(pending.body.data.every((p: { status: string }) => p.status === "pending")).toBe(true);
    expect(pending.body.data.length).toBeGreaterThanOrEqual(1);
  });

  it("keeps payments per app: another app sees none of them and gets the unknown-id 404", async () => {
    const mine = (await json(await call(carol.key, "GET", "/v1/payments?limit=1"), "get", "/v1/payments")).body.data[0].id;
    const theirs = await call(dave.key, "GET", `/v1/payments/${mine}`);
    contract.expectValid("get", "/v1/payments/{payment_id}", theirs, await expectProblem(theirs.clone(), 404, "resource_not_found"));
    expect((await json(await call(dave.key, "GET", "/v1/payments"), "get", "/v1/payments")).body).toEqual({ data: [], next_cursor: null });
    const foreignDebit = await call(dave.key, "POST", "/v1/payments", {
      body: {
        debtor_account_id: current,
        amount: { amount: "1.00", currency: "GBP" },
        creditor: { type: "sort_code", name: "Mallory", sort_code: "601613", account_number: "31926819" },
      },
      idempotencyKey: unique("steal"),
    });
    contract.expectValid("post", "/v1/payments", foreignDebit, await expectProblem(foreignDebit.clone(), 404, "resource_not_found"));
  });
});

describe("FX through the gateway", () => {
  it("quotes, then pays the quote internationally", async () => {
    const quoted = await call(carol.key, "POST", "/v1/fx/quotes", {
      body: { sell: { amount: "100.00", currency: "GBP" }, buy_currency: "EUR" },
    });
    expect(quoted.status).toBe(201);
    const quote = (await json(quoted, "post", "/v1/fx/quotes")).body;
    expect(quote).toMatchObject({
      sell: { amount: "100.00", currency: "GBP" },
      buy: { currency: "EUR" },
      fee: { amount: "2.00", currency: "GBP" },
    });

    const body = {
      debtor_account_id: current,
      scheme: "international",
      quote_id: quote.id,
      creditor: { type: "iban", name: "Hans Muster", iban: "DE89370400440532013000" },
    };
    const paid = await call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: unique("intl") });
    expect((await json(paid, "post", "/v1/payments")).body).toMatchObject({
      status: "pending",
      scheme: "international",
      fx: { quote_id: quote.id },
    });
    const twice = await call(carol.key, "POST", "/v1/payments", { body, idempotencyKey: unique("intl-again") });
    contract.expectValid("post", "/v1/payments", twice, await expectProblem(twice.clone(), 422, "quote_expired"));

    const bad = await call(carol.key, "POST", "/v1/fx/quotes", {
      body: { sell: { amount: "1.00", currency: "GBP" }, buy_currency: "GBP" },
    });
    contract.expectValid("post", "/v1/fx/quotes", bad, await expectProblem(bad.clone(), 400, "validation_failed"));
    const other = await call(dave.key, "POST", "/v1/payments", {
      body: {
        ...body,
        debtor_account_id: (await json(await call(dave.key, "GET", "/v1/accounts?limit=1&type=current"), "get", "/v1/accounts")).body
          .data[0].id,
      },
      idempotencyKey: unique("intl-foreign"),
    });
    contract.expectValid("post", "/v1/payments", other, await expectProblem(other.clone(), 404, "resource_not_found"));
  });
});

describe("contract coverage", () => {
  it("exercised every /v1/payments and /v1/fx operation through the gateway", () => {
    expect(
      contract.validator.unexercised().filter((operation) => operation.includes(" /v1/payments") || operation.includes(" /v1/fx")),
    ).toEqual([]);
  });
});
