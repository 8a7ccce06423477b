import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidIban } from "../src/seed/iban";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const LIST = "/v1/accounts";
const ONE = "/v1/accounts/{account_id}";
const BALANCES = "/v1/accounts/{account_id}/balances";

type Account = {
  id: string;
  customer_id: string;
  type: string;
  name: string;
  status: string;
  identifiers: Record<string, string>;
  interest_rate: string | null;
};

async function allAccounts(tenant = "app_alpha"): Promise<Account[]> {
  const reply = await bank.get(LIST, "/v1/accounts?limit=100", { tenant });
  expect(reply.status).toBe(200);
  return reply.body.data;
}

/** Accounts are found by their seeded identifiers (the same in every tenant). */
const byAccountNumber = async (accountNumber: string) => (await allAccounts()).find((a) => a.identifiers.account_number === accountNumber)!;
const byPan = async (last4: string) => (await allAccounts()).find((a) => a.identifiers.masked_pan?.endsWith(last4))!;

describe("GET /v1/accounts", () => {
  it("lists the tenant's 18 seeded accounts: 6 customers × current, savings, credit card", async () => {
    const reply = await bank.get(LIST, "/v1/accounts");
    expect(reply.status).toBe(200);
    expect(reply.body.data).toHaveLength(18);
    expect(reply.body.next_cursor).toBeNull();
    const accounts: Account[] = reply.body.data;
    expect(new Set(accounts.map((a) => a.customer_id)).size).toBe(6);
    for (const type of ["current", "savings", "credit_card"]) expect(accounts.filter((a) => a.type === type)).toHaveLength(6);
    for (const account of accounts) expect(account.id).toMatch(/^acc_[0-9A-Za-z]{22}$/);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("filters by type and by customer", async () => {
    const savings = await bank.get(LIST, "/v1/accounts?type=savings");
    expect(savings.body.data).toHaveLength(6);
    expect(savings.body.data.every((a: Account) => a.type === "savings")).toBe(true);

    const customerId = savings.body.data[0].customer_id;
    const mine = await bank.get(LIST, `/v1/accounts?customer_id=${customerId}`);
    expect(mine.body.data.map((a: Account) => a.type).sort()).toEqual(["credit_card", "current", "savings"]);

    const both = await bank.get(LIST, `/v1/accounts?customer_id=${customerId}&type=credit_card`);
    expect(both.body.data).toHaveLength(1);

    const nobody = await bank.get(LIST, "/v1/accounts?customer_id=cus_nobody");
    expect(nobody.body).toEqual({ data: [], next_cursor: null });
  });

  it("pages with limit and cursor: every account exactly once, in a stable order", async () => {
    const everything = (await allAccounts()).map((a) => a.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let url = "/v1/accounts?limit=5";
    for (let page = 0; page < 10; page++) {
      const reply = await bank.get(LIST, url);
      expect(reply.status).toBe(200);
      sizes.push(reply.body.data.length);
      seen.push(...reply.body.data.map((a: Account) => a.id));
      if (!reply.body.next_cursor) break;
      url = `/v1/accounts?limit=5&cursor=${encodeURIComponent(reply.body.next_cursor)}`;
    }
    expect(sizes).toEqual([5, 5, 5, 3]);
    expect(seen).toEqual(everything);
    expect(new Set(seen).size).toBe(18);
  });

  it.each([
    ["limit=0", "/query/limit"],
    ["limit=101", "/query/limit"],
    ["limit=abc", "/query/limit"],
    ["limit=2.5", "/query/limit"],
    ["type=mortgage", "/query/type"],
    ["customer_id=" + "x".repeat(65), "/query/customer_id"],
    ["cursor=", "/query/cursor"],
    ["cursor=bm90LWEtY3Vyc29y.AAAA", "/query/cursor"],
    ["colour=blue", "/query/colour"],
  ])("refuses ?%s with 400 validation_failed pointing at %s", async (query, pointer) => {
    const reply = await bank.get(LIST, `/v1/accounts?${query}`);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it("refuses a cursor from a differently filtered list", async () => {
    const savings = await bank.get(LIST, "/v1/accounts?type=savings&limit=2");
    const reply = await bank.get(LIST, `/v1/accounts?limit=2&cursor=${savings.body.next_cursor}`);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors[0].pointer).toBe("/query/cursor");
  });
});

describe("GET /v1/accounts/{account_id}", () => {
  it("returns a current account with a valid IBAN, sort code and account number", async () => {
    const current = await byAccountNumber("41825937");
    const reply = await bank.get(ONE, `/v1/accounts/${current.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: current.id,
      type: "current",
      currency: "GBP",
      status: "active",
      name: "Everyday Current Account",
      interest_rate: null,
    });
    expect(reply.body.identifiers).toEqual({ iban: "GB96OBSX99001141825937", sort_code: "990011", account_number: "41825937" });
    expect(isValidIban(reply.body.identifiers.iban)).toBe(true);
    expect(reply.body.opened_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(reply.body.created_at).toBe(NOW.toISOString());
  });

  it("returns a savings account with its interest rate and a card with only a masked PAN", async () => {
    const savings = await byAccountNumber("41825945");
    expect((await bank.get(ONE, `/v1/accounts/${savings.id}`)).body.interest_rate).toBe("4.10");
    const card = await byPan("4821");
    const reply = await bank.get(ONE, `/v1/accounts/${card.id}`);
    expect(reply.body.identifiers).toEqual({ masked_pan: "535522******4821" });
  });

  it("shows the frozen account as frozen", async () => {
    const frozen = await byAccountNumber("96341702");
    expect((await bank.get(ONE, `/v1/accounts/${frozen.id}`)).body.status).toBe("frozen");
  });

  it("answers 404 resource_not_found for an unknown id", async () => {
    const reply = await bank.get(ONE, "/v1/accounts/acc_0000000000000000000000");
    expectProblemShape(reply, 404, "resource_not_found");
  });

  it.each(["acc-1!", "a".repeat(65), "acc_%F0%9F%92%B8"])("answers 400 with a pointer for the malformed id %s", async (id) => {
    const reply = await bank.get(ONE, `/v1/accounts/${id}`);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors[0].pointer).toBe("/params/account_id");
  });
});

describe("GET /v1/accounts/{account_id}/balances", () => {
  const amount = (money: { amount: string }) => Math.round(Number(money.amount) * 100);

  it("computes available = booked + pending debits + overdraft for a current account", async () => {
    const current = await byAccountNumber("41825937");
    const reply = await bank.get(BALANCES, `/v1/accounts/${current.id}/balances`);
    expect(reply.status).toBe(200);
    const b = reply.body;
    expect(b).toMatchObject({
      account_id: current.id,
      currency: "GBP",
      booked: { amount: "3842.17", currency: "GBP" },
      overdraft_limit: { amount: "1500.00", currency: "GBP" },
      credit_limit: null,
      as_of: NOW.toISOString(),
    });
    expect(amount(b.pending)).toBeLessThan(0);
    expect(amount(b.available)).toBe(amount(b.booked) + amount(b.pending) + 150_000);
  });

  it("shows the overdrawn persona inside its arranged overdraft", async () => {
    const current = await byAccountNumber("63018426");
    const b = (await bank.get(BALANCES, `/v1/accounts/${current.id}/balances`)).body;
    expect(b.booked.amount).toBe("-742.18");
    expect(amount(b.booked)).toBeGreaterThanOrEqual(-amount(b.overdraft_limit));
    expect(amount(b.available)).toBeGreaterThan(0);
    expect(amount(b.available)).toBeLessThan(amount(b.overdraft_limit));
  });

  it("computes available = credit limit + booked + pending debits for a card", async () => {
    const card = await byPan("0417");
    const b = (await bank.get(BALANCES, `/v1/accounts/${card.id}/balances`)).body;
    expect(b.overdraft_limit).toBeNull();
    expect(b.credit_limit).toEqual({ amount: "1500.00", currency: "GBP" });
    expect(amount(b.booked)).toBeLessThan(0);
    expect(amount(b.available)).toBe(150_000 + amount(b.booked) + Math.min(0, amount(b.pending)));
  });

  it("has no limits on a savings account, and nothing available on a frozen one", async () => {
    const savings = await byAccountNumber("41825945");
    const s = (await bank.get(BALANCES, `/v1/accounts/${savings.id}/balances`)).body;
    expect(s).toMatchObject({ overdraft_limit: null, credit_limit: null, pending: { amount: "0.00" } });
    expect(s.available).toEqual(s.booked);
    const frozen = await byAccountNumber("96341702");
    const f = (await bank.get(BALANCES, `/v1/accounts/${frozen.id}/balances`)).body;
    expect(f.booked.amount).toBe("1504.33");
    expect(f.available.amount).toBe("0.00");
  });

  it("answers 404 for an unknown account", async () => {
    expectProblemShape(await bank.get(BALANCES, "/v1/accounts/acc_unknown/balances"), 404, "resource_not_found");
  });
});

describe("the bank's own ledger accounts", () => {
  it("never appear in lists and answer 404 like an unknown id on get, balances and transactions", async () => {
    const system = await t.app.db.bankAccount.findMany({ where: { tenantId: "app_alpha", customerId: null }, select: { id: true } });
    expect(system.length).toBeGreaterThan(0);
    const listed = (await allAccounts()).map((a) => a.id);
    for (const { id } of system) {
      expect(listed).not.toContain(id);
      expectProblemShape(await bank.get(ONE, `/v1/accounts/${id}`), 404, "resource_not_found");
      expectProblemShape(await bank.get(BALANCES, `/v1/accounts/${id}/balances`), 404, "resource_not_found");
      expectProblemShape(
        await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${id}/transactions`),
        404,
        "resource_not_found",
      );
    }
  });
});
