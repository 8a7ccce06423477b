import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, expectProblemShape, gatewayHeaders, type TestApp } from "./helpers";
import { authoriseStandardConsent, exchange, runAuthorization, token } from "./oauth-fixture";
import { authoriseEmbedded, bg, consentBody, EMBEDDED, registerClient } from "./berlin-group-fixture";

const NOW = new Date("2026-11-21T10:30:00.000Z");
const BASE = "/v1/sandbox/customers";
const ONE = "/v1/sandbox/customers/{customer_id}";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

/** A valid document: a GBP current account with a generated history and a EUR account with explicit lines. */
export function exampleDocument(handle = "gig_worker") {
  return {
    handle,
    identity: {
      given_name: "Maya",
      family_name: "Okafor",
      date_of_birth: "1994-03-17",
      address: { line1: "14 Brixton Hill", city: "London", postcode: "SW2 1QA", country: "GB" },
    },
    kyc: { status: "approved" },
    credit: { score_band: "fair", annual_income: "28400.00", existing_debts: [{ type: "credit_card", balance: "1250.00" }] },
    authentication_scenario: "approve",
    accounts: [
      {
        key: "current",
        type: "current",
        currency: "GBP",
        product: "Everyday Current Account",
        opening_balance: "420.00",
        overdraft_limit: "500.00",
        history: {
          generate: {
            months: 6,
            salary: { amount: "2150.00", day_of_month: 25, employer: "Deliverco Ltd" },
            rent: { amount: "950.00", day_of_month: 1, landlord: "Foxtons Lettings" },
            subscriptions: [{ merchant_name: "Spotify", amount: "11.99", day_of_month: 9 }],
            card_spending: [
              { category: "groceries", monthly_amount: "320.00" },
              { category: "eating_out", monthly_amount: "140.00" },
            ],
          },
        },
      },
      {
        key: "euro",
        type: "current",
        currency: "EUR",
        name: "Travel euros",
        opening_balance: "0.00",
        history: {
          transactions: [
            { date: "2026-11-02", amount: { amount: "300.00", currency: "EUR" }, description: "Top up", channel: "transfer" },
            {
              date: "2026-11-20",
              amount: { amount: "-42.50", currency: "EUR" },
              description: "CAFE DE FLORE PARIS",
              category: "eating_out",
              merchant_name: "Café de Flore",
              merchant_category_code: "5812",
              channel: "card",
            },
          ],
        },
      },
    ],
  };
}

const create = (tenant: string, body: unknown, key: string = crypto.randomUUID()) =>
  bank.request({
    method: "POST",
    url: BASE,
    template: BASE,
    tenant,
    headers: { "content-type": "application/json", "idempotency-key": key },
    payload: JSON.stringify(body),
  });

const invariants = (tenant: string) => checkLedgerInvariants({ db: t.app.db, tenantId: tenant });

describe("POST /v1/sandbox/customers", { timeout: 60_000 }, () => {
  it("builds the customer, its accounts and history; balances = entries = booked lines", async () => {
    const reply = await create("app_cc_happy", exampleDocument());
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.headers.location).toBe(`${BASE}/${reply.body.id}`);
    expect(reply.body).toMatchObject({
      source: "custom",
      handle: "gig_worker",
      username: "user_gig_worker",
      authentication_scenario: "approve",
    });
    expect(reply.body.accounts).toHaveLength(2);
    const [gbp, eur] = reply.body.accounts;
    expect(gbp).toMatchObject({ type: "current", name: "Everyday Current Account", currency: "GBP" });
    expect(eur.booked_balance).toEqual({ amount: "257.50", currency: "EUR" });
    expect(await invariants("app_cc_happy")).toEqual([]);

    const lines = await t.app.db.bankTransaction.findMany({ where: { accountId: gbp.id }, orderBy: { transactedAt: "asc" } });
    expect(lines[0]).toMatchObject({ description: "Opening balance", amount: 42_000n });
    expect(lines.filter((l) => l.category === "salary").length).toBeGreaterThanOrEqual(5);
    const salaryDays = new Set(lines.filter((l) => l.category === "salary").map((l) => l.transactedAt.getUTCDate()));
    expect([...salaryDays]).toEqual([25]);

    const listed = await bank.get(BASE, BASE, { tenant: "app_cc_happy" });
    expect(listed.status).toBe(200);
    expect(listed.body.next_cursor).toBeNull();
    expect(listed.body.data.map((c: { handle: string }) => c.handle)).toEqual([
      "good_credit",
      "thin_file",
      "overdrawn",
      "small_business",
      "student",
      "frozen_account",
      "gig_worker",
    ]);
    const one = await bank.get(ONE, `${BASE}/${reply.body.id}`, { tenant: "app_cc_happy" });
    expect(one.body.document).toEqual(exampleDocument());
    const persona = listed.body.data[0];
    expect((await bank.get(ONE, `${BASE}/${persona.id}`, { tenant: "app_cc_happy" })).body.document).toBeUndefined();

    // In /v1: the accounts and their statement lines.
    const accounts = await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_cc_happy" });
    expect(accounts.body.data.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([gbp.id, eur.id]));
    const txns = await bank.get("/v1/accounts/{account_id}/transactions", `/v1/accounts/${eur.id}/transactions`, {
      tenant: "app_cc_happy",
    });
    expect(txns.body.data.map((x: { amount: { amount: string } }) => x.amount.amount).sort()).toEqual(["-42.50", "300.00"]);
  });

  it("is deterministic: the same document in two tenants gives the same balances and numbers", async () => {
    const a = await create("app_cc_det1", exampleDocument("same_one"));
    const b = await create("app_cc_det2", exampleDocument("same_one"));
    const balances = (r: typeof a) => r.body.accounts.map((x: { booked_balance: unknown }) => x.booked_balance);
    expect(balances(a)).toEqual(balances(b));
    expect(a.body.id).not.toBe(b.body.id);
  });

  it("replays the same Idempotency-Key with the same answer, creating one customer", async () => {
    const key = crypto.randomUUID();
    const first = await create("app_cc_idem", exampleDocument("idem_one"), key);
    const again = await create("app_cc_idem", exampleDocument("idem_one"), key);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await t.app.db.bankCustomCustomer.count({ where: { tenantId: "app_cc_idem" } })).toBe(1);
  });

  it("refuses a handle in use or a persona's key (409), pointing at /body/handle", async () => {
    expect((await create("app_cc_dup", exampleDocument("dup_one"))).status).toBe(201);
    for (const handle of ["dup_one", "good_credit"]) {
      const reply = await create("app_cc_dup", exampleDocument(handle));
      expectProblemShape(reply, 409, "customer_handle_taken");
      expect(reply.body.errors).toEqual([{ pointer: "/body/handle", detail: expect.any(String) }]);
    }
  });

  it("points at each field the schema cannot judge (422)", async () => {
    const doc = exampleDocument("bad_one");
    const euro = doc.accounts[1].history as { transactions: { date: string; amount: { amount: string; currency: string } }[] };
    euro.transactions[0].amount.currency = "GBP";
    euro.transactions[1].date = "2026-12-25";
    euro.transactions.push({ date: "2026-11-03", amount: { amount: "-5000.00", currency: "EUR" }, description: "Too much" } as never);
    const reply = await create("app_cc_bad", doc);
    expectProblemShape(reply, 422, "customer_document_invalid");
    const pointers = reply.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        "/body/accounts/1/history/transactions/0/amount/currency",
        "/body/accounts/1/history/transactions/1/date",
        "/body/accounts/1/history/transactions/2/amount",
      ]),
    );
    const savings = {
      ...exampleDocument("bad_two"),
      accounts: [{ key: "s", type: "savings", currency: "GBP", opening_balance: "-1.00", overdraft_limit: "5.00" }],
    };
    const second = await create("app_cc_bad", savings);
    expectProblemShape(second, 422, "customer_document_invalid");
    expect(second.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      "/body/accounts/0/opening_balance",
      "/body/accounts/0/overdraft_limit",
    ]);
    expect(await t.app.db.bankCustomCustomer.count({ where: { tenantId: "app_cc_bad" } })).toBe(0);
  });

  it("refuses a malformed document with 400 and schema pointers", async () => {
    const reply = await create("app_cc_bad", { ...exampleDocument("X"), accounts: [] });
    expectProblemShape(reply, 400, "validation_failed");
    const pointers = reply.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/handle", "/body/accounts"]));
  });
});

describe("PATCH and DELETE /v1/sandbox/customers/{customer_id}", { timeout: 60_000 }, () => {
  it("sets a persona's or a custom customer's authentication scenario", async () => {
    const custom = await create("app_cc_patch", exampleDocument("patch_one"));
    const persona = (await bank.get(BASE, BASE, { tenant: "app_cc_patch" })).body.data[1];
    for (const id of [custom.body.id, persona.id]) {
      const reply = await bank.request({
        method: "PATCH",
        url: `${BASE}/${id}`,
        template: ONE,
        tenant: "app_cc_patch",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ authentication_scenario: "decoupled" }),
      });
      expect(reply.status).toBe(200);
      expect(reply.body.authentication_scenario).toBe("decoupled");
    }
    expect((await bank.get(ONE, `${BASE}/${custom.body.id}`, { tenant: "app_cc_patch" })).body.document.authentication_scenario).toBe(
      "decoupled",
    );
    const bad = await bank.request({
      method: "PATCH",
      url: `${BASE}/${persona.id}`,
      template: ONE,
      tenant: "app_cc_patch",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ authentication_scenario: "maybe" }),
    });
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors[0].pointer).toBe("/body/authentication_scenario");
  });

  it("deletes a custom customer, keeping the ledger sound after money moved to a persona; a persona is 409", async () => {
    const custom = await create("app_cc_del", exampleDocument("del_one"));
    const persona = (await bank.get(BASE, BASE, { tenant: "app_cc_del" })).body.data[0];
    const target = persona.accounts[0];
    const pay = await t.app.inject({
      method: "POST",
      url: "/v1/payments",
      headers: gatewayHeaders("app_cc_del", { "content-type": "application/json", "idempotency-key": crypto.randomUUID() }),
      payload: JSON.stringify({
        debtor_account_id: custom.body.accounts[0].id,
        creditor: { account_id: target.id },
        amount: { amount: "10.00", currency: "GBP" },
        reference: "to a persona",
        scheme: "faster_payments",
      }),
    });
    expect([201, 400, 422]).toContain(pay.statusCode);
    const del = await bank.request({ method: "DELETE", url: `${BASE}/${custom.body.id}`, template: ONE, tenant: "app_cc_del" });
    expect(del.status).toBe(204);
    expect(await invariants("app_cc_del")).toEqual([]);
    expect((await bank.get(ONE, `${BASE}/${custom.body.id}`, { tenant: "app_cc_del" })).status).toBe(404);
    // The same handle can be defined again, with the same ids.
    const again = await create("app_cc_del", exampleDocument("del_one"));
    expect(again.body.id).toBe(custom.body.id);
    expect(await invariants("app_cc_del")).toEqual([]);

    const refused = await bank.request({ method: "DELETE", url: `${BASE}/${persona.id}`, template: ONE, tenant: "app_cc_del" });
    expectProblemShape(refused, 409, "conflict");
  });
});

describe("security: another app's test customers", { timeout: 60_000 }, () => {
  it("are 404 to read, change and delete, and absent from the list", async () => {
    const theirs = await create("app_cc_owner", exampleDocument("private_one"));
    const theirPersona = (await bank.get(BASE, BASE, { tenant: "app_cc_owner" })).body.data[0];
    for (const id of [theirs.body.id, theirPersona.id]) {
      expectProblemShape(await bank.get(ONE, `${BASE}/${id}`, { tenant: "app_cc_intruder" }), 404, "resource_not_found");
      const patch = await bank.request({
        method: "PATCH",
        url: `${BASE}/${id}`,
        template: ONE,
        tenant: "app_cc_intruder",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ authentication_scenario: "account_locked" }),
      });
      expectProblemShape(patch, 404, "resource_not_found");
      expectProblemShape(
        await bank.request({ method: "DELETE", url: `${BASE}/${id}`, template: ONE, tenant: "app_cc_intruder" }),
        404,
        "resource_not_found",
      );
    }
    const list = await bank.get(BASE, BASE, { tenant: "app_cc_intruder" });
    expect(list.body.data.map((c: { id: string }) => c.id)).not.toContain(theirs.body.id);
    // The same handle is free in another app.
    expect((await create("app_cc_intruder", exampleDocument("private_one"))).status).toBe(201);
    expect((await bank.get(ONE, `${BASE}/${theirs.body.id}`, { tenant: "app_cc_owner" })).body.authentication_scenario).toBe("approve");
  });

  it("refuses calls without the gateway's secret", async () => {
    const reply = await t.app.inject({ method: "GET", url: BASE });
    expect(reply.statusCode).toBeGreaterThanOrEqual(400);
    expect(reply.statusCode).toBeLessThan(500);
  });
});

describe("reset keeps custom customers unless asked for a bare reset", { timeout: 60_000 }, () => {
  it("rebuilds them with the same ids and balances; {keep_custom_customers:false} drops them", async () => {
    const made = await create("app_cc_reset", exampleDocument("kept_one"));
    const before = (await bank.get(ONE, `${BASE}/${made.body.id}`, { tenant: "app_cc_reset" })).body;
    const reset = (payload?: unknown) =>
      bank.request({
        method: "POST",
        url: "/v1/sandbox/reset",
        template: "/v1/sandbox/reset",
        tenant: "app_cc_reset",
        ...(payload === undefined ? {} : { headers: { "content-type": "application/json" }, payload: JSON.stringify(payload) }),
      });
    const kept = await reset();
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body).toMatchObject({ customers: 7, accounts: 20, custom_customers: 1 });
    expect((await bank.get(ONE, `${BASE}/${made.body.id}`, { tenant: "app_cc_reset" })).body).toEqual(before);
    expect(await invariants("app_cc_reset")).toEqual([]);

    const explicit = await reset({ keep_custom_customers: true });
    expect(explicit.body.custom_customers).toBe(1);
    const bare = await reset({ keep_custom_customers: false });
    expect(bare.body).toMatchObject({ customers: 6, accounts: 18, custom_customers: 0 });
    expect((await bank.get(ONE, `${BASE}/${made.body.id}`, { tenant: "app_cc_reset" })).status).toBe(404);
    expect(await invariants("app_cc_reset")).toEqual([]);
    expectProblemShape(await reset({ keep: 1 }), 400, "validation_failed");
  });
});

describe("a custom customer at the bank's pages and in every standard", { timeout: 90_000 }, () => {
  it("logs in as user_<handle> for /v1 OAuth, UK Open Banking AIS and Berlin Group", async () => {
    const tenant = "app_cc_login";
    const made = await create(tenant, exampleDocument("login_one"));
    const ids = made.body.accounts.map((a: { id: string }) => a.id);

    // /v1 OAuth: the consent page lists the custom customer's accounts; its token reads them.
    const flow = await runAuthorization(t.app, { appId: tenant, persona: "login_one", accounts: (all) => all });
    expect(flow.accountIds?.sort()).toEqual([...ids].sort());
    const tokens = await exchange(t.app, tenant, flow.code!, flow.verifier);
    const v1 = await t.app.inject({
      url: "/v1/accounts",
      headers: gatewayHeaders(tenant, { "x-consent-token": tokens.body.access_token }),
    });
    expect(
      v1
        .json()
        .data.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual([...ids].sort());
    // The wrong password is refused.
    const wrong = await runAuthorization(t.app, { appId: tenant, persona: "login_one", password: "pass_good_credit" });
    expect(wrong.code).toBeNull();

    // UK Open Banking AIS.
    const app = await token(t.app, tenant, { grant_type: "client_credentials", scope: "accounts" });
    const consent = await t.app.inject({
      method: "POST",
      url: "/open-banking/v4.0/aisp/account-access-consents",
      headers: gatewayHeaders(tenant, { "x-consent-token": app.body.access_token, "content-type": "application/json" }),
      payload: JSON.stringify({
        Data: {
          Permissions: [
            "ReadAccountsDetail",
            "ReadBalances",
            "ReadTransactionsDetail",
            "ReadTransactionsCredits",
            "ReadTransactionsDebits",
          ],
        },
        Risk: {},
      }),
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const ob = await authoriseStandardConsent(t.app, {
      appId: tenant,
      consentId: consent.json().Data.ConsentId,
      scope: "accounts",
      persona: "login_one",
      accounts: (all) => all,
    });
    expect(ob.accessToken).toBeTruthy();
    const obAccounts = await t.app.inject({
      url: "/open-banking/v4.0/aisp/accounts",
      headers: gatewayHeaders(tenant, { "x-consent-token": ob.accessToken! }),
    });
    expect(obAccounts.statusCode, obAccounts.body).toBe(200);
    expect(
      obAccounts
        .json()
        .Data.Account.map((a: { AccountId: string }) => a.AccountId)
        .sort(),
    ).toEqual([...ids].sort());

    // Berlin Group: an embedded SCA with PSU-ID user_<handle>.
    const bgTenant = "app_cc_loginbg";
    const bgMade = await create(bgTenant, exampleDocument("login_bg"));
    await registerClient(t.app, bgTenant);
    const ibans = (await t.app.db.bankAccount.findMany({ where: { customerId: bgMade.body.id }, select: { iban: true } })).map(
      (a) => a.iban!,
    );
    const created = await bg(t.app, { method: "POST", url: "/consents", tenant: bgTenant, headers: EMBEDDED, body: consentBody(ibans) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sca = await authoriseEmbedded(
      t.app,
      bgTenant,
      created.body._links.scaStatus?.href ?? created.body._links.startAuthorisationWithPsuAuthentication?.href,
      { persona: "login_bg" },
    );
    expect(sca.password.status, JSON.stringify(sca.password.body)).toBe(200);
    const list = await bg(t.app, {
      url: "/accounts",
      tenant: bgTenant,
      headers: { "consent-id": created.body.consentId, "psu-ip-address": "192.0.2.10" },
    });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.accounts.map((a: { iban: string }) => a.iban).sort()).toEqual([...ibans].sort());
  });
});
