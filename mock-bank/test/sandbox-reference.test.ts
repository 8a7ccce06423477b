import { AUTHENTICATION_SCENARIOS } from "../src/domain/oauth/authentication-scenarios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productMagicValues } from "../src/domain/products/products-reference";
import { personaPurposes } from "../src/domain/sandbox/sandbox-reference";
import { scenarioCatalog } from "../src/domain/sandbox/sandbox-scenario";
import { personas } from "../src/seed/personas";
import { bg, consentBody, DECOUPLED, decideDecoupled, PSU_IP } from "./berlin-group-fixture";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let reference: any;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
  const response = await t.app.inject({ url: "/sandbox-reference.json" });
  expect(response.statusCode).toBe(200);
  reference = response.json();
});
afterAll(() => t.close());

describe("GET /sandbox-reference.json", { timeout: 30_000 }, () => {
  it("is public JSON, like /openapi.json", async () => {
    const response = await t.app.inject({ url: "/sandbox-reference.json" });
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(JSON.stringify(t.app.swagger())).not.toContain("sandbox-reference");
  });

  it("describes every persona, with a purpose for each and none for personas that do not exist", () => {
    expect(reference.personas.map((p: { key: string }) => p.key)).toEqual(personas.map((p) => p.persona));
    expect(Object.keys(personaPurposes).sort()).toEqual(personas.map((p) => p.persona).sort());
    for (const persona of reference.personas) {
      expect(persona.purpose.length).toBeGreaterThan(40);
      expect(persona.login).toBe(`user_${persona.key}`);
      expect(persona.password).toBe(`pass_${persona.key}`);
      expect(persona.accounts.map((a: { type: string }) => a.type)).toEqual(["current", "savings", "credit_card"]);
    }
  });

  it("matches what a seeded sandbox holds: names, logins, identifiers, statuses and balances", async () => {
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_ref" })).body.data;
    const customers = await t.app.db.bankCustomer.findMany({ where: { tenantId: "app_ref" } });
    for (const persona of reference.personas) {
      const customer = customers.find((c) => c.persona === persona.key)!;
      expect(customer.username).toBe(persona.login);
      expect([customer.givenName, customer.familyName].filter(Boolean).join(" ")).toBe(persona.display_name);
      for (const documented of persona.accounts) {
        const real = accounts.find(
          (a: { customer_id: string; type: string }) => a.customer_id === customer.id && a.type === documented.type,
        );
        expect({
          name: real.name,
          status: real.status,
          currency: real.currency,
          identifiers: real.identifiers,
          interest_rate: real.interest_rate,
        }).toEqual({
          name: documented.name,
          status: documented.status,
          currency: documented.currency,
          identifiers: documented.identifiers,
          interest_rate: documented.interest_rate,
        });
        const balances = (await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${real.id}/balances`, { tenant: "app_ref" }))
          .body;
        expect(balances.booked).toEqual(documented.seeded_balance);
        expect(balances.overdraft_limit).toEqual(documented.overdraft_limit);
        expect(balances.credit_limit).toEqual(documented.credit_limit);
      }
    }
  });

  it("says how each account appears in UK Open Banking and the Berlin Group, from what a seeded sandbox holds", async () => {
    // The seeded rows, as the standards' surfaces read them (the sandbox reference is built from the seed plan).
    const rows = await t.app.db.bankAccount.findMany({
      where: { tenantId: "app_ref", customer: { persona: { not: null } } },
      select: {
        type: true,
        currency: true,
        sortCode: true,
        accountNumber: true,
        iban: true,
        maskedPan: true,
        customer: { select: { persona: true } },
      },
    });
    for (const persona of reference.personas) {
      for (const documented of persona.accounts) {
        const row = rows.find((candidate) => candidate.customer?.persona === persona.key && candidate.type === documented.type)!;
        const uk = [
          ...(row.sortCode
            ? [{ scheme_name: "UK.OBIE.SortCodeAccountNumber", identification: `${row.sortCode}${row.accountNumber}` }]
            : []),
          ...(row.iban ? [{ scheme_name: "UK.OBIE.IBAN", identification: row.iban }] : []),
          ...(row.maskedPan ? [{ scheme_name: "UK.OBIE.PAN", identification: row.maskedPan }] : []),
        ];
        expect(documented.standards.uk_open_banking, `${persona.key} ${documented.type}`).toEqual({ currency: row.currency, account: uk });
        if (documented.standards.uk_open_banking.account[0].scheme_name === "UK.OBIE.SortCodeAccountNumber")
          expect(documented.standards.uk_open_banking.account[0].identification).toMatch(/^\d{14}$/);
        expect(documented.standards.berlin_group).toEqual(
          row.type === "credit_card"
            ? { endpoint: "/card-accounts", currency: row.currency, masked_pan: row.maskedPan }
            : {
                endpoint: "/accounts",
                currency: row.currency,
                iban: row.iban,
                cash_account_type: row.type === "current" ? "CACC" : "SVGS",
              },
        );
      }
    }
  });

  it("names every account as the Berlin Group routes do: a consent naming them by the documented IBAN or masked PAN lists them there", async () => {
    const tenant = "app_ref_bg";
    await t.app.ensureTenant(tenant);
    for (const persona of reference.personas) {
      const views = persona.accounts.map(
        (account: { standards: { berlin_group: Record<string, string> } }) => account.standards.berlin_group,
      );
      const references = views.map((view: Record<string, string>) =>
        view.endpoint === "/card-accounts" ? { maskedPan: view.masked_pan } : { iban: view.iban },
      );
      expect(views.filter((view: { endpoint: string }) => view.endpoint === "/card-accounts")).toHaveLength(1);
      // The PSU names the documented identifiers; the bank resolves them in a real sandbox.
      const created = await bg(t.app, {
        method: "POST",
        url: "/consents",
        tenant,
        headers: { ...DECOUPLED, "psu-id": persona.login },
        body: { ...consentBody([]), access: { accounts: references, balances: references } },
      });
      expect(created.status, `${persona.key}: ${JSON.stringify(created.body)}`).toBe(201);
      const decided = await decideDecoupled(t.app, tenant, created.body._links.scaStatus.href.split("/").pop(), { decision: "approve" });
      expect(decided.body.resource.status, persona.key).toBe("valid");
      const read = (url: string) => bg(t.app, { url, tenant, headers: { "consent-id": created.body.consentId, ...PSU_IP } });
      const accounts = (await read("/accounts")).body.accounts;
      const cards = (await read("/card-accounts")).body.cardAccounts;
      expect(
        accounts.map((account: { currency: string; iban: string; cashAccountType: string }) => ({
          endpoint: "/accounts",
          currency: account.currency,
          iban: account.iban,
          cash_account_type: account.cashAccountType,
        })),
        persona.key,
      ).toEqual(expect.arrayContaining(views.filter((view: { endpoint: string }) => view.endpoint === "/accounts")));
      expect(
        cards.map((card: { currency: string; maskedPan: string }) => ({
          endpoint: "/card-accounts",
          currency: card.currency,
          masked_pan: card.maskedPan,
        })),
        persona.key,
      ).toEqual(views.filter((view: { endpoint: string }) => view.endpoint === "/card-accounts"));
      expect(accounts.length + cards.length, persona.key).toBe(views.length);
    }
  });

  it("lists the Sandbox-Scenario values the header accepts, and the sandbox controls as documented", () => {
    expect(reference.scenario_header).toEqual({ name: "Sandbox-Scenario", values: JSON.parse(JSON.stringify(scenarioCatalog)) });
    const paths = reference.controls.map((c: { method: string; path: string }) => `${c.method} ${c.path}`);
    expect(paths).toEqual(expect.arrayContaining(["POST /v1/sandbox/reset", "GET /v1/sandbox/clock", "POST /v1/sandbox/clock/advance"]));
    for (const control of reference.controls)
      expect([control.summary, control.description], control.path).toEqual([expect.stringMatching(/\S/), expect.stringMatching(/\S/)]);
  });

  it("shows each persona's lending outcome, and a sandbox gives exactly that", async () => {
    const byKey = Object.fromEntries(reference.personas.map((p: { key: string; lending: unknown }) => [p.key, p.lending]));
    expect(
      Object.fromEntries(
        Object.entries(byKey).map(([key, lending]) => [
          key,
          [lending.decision, lending.reason_codes, lending.offers[0]?.amount.amount ?? null, lending.bnpl_limit?.amount ?? null],
        ]),
      ),
    ).toEqual({
      good_credit: ["approved", [], "10000.00", "2000.00"],
      thin_file: ["declined", ["credit_score_too_low"], null, "500.00"],
      overdrawn: ["approved", ["amount_above_band_limit"], "4800.00", "500.00"],
      small_business: ["approved", [], "10000.00", "1000.00"],
      student: ["declined", ["debt_to_income_too_high"], null, "500.00"],
      frozen_account: ["declined", ["account_restricted"], null, null],
    });
    expect(byKey.overdrawn.summary).toMatch(/^Approved for less \(`amount_above_band_limit`\): £4,800 over 36 months at 24.90% APR/);
    await bank.get("/v1/accounts", "/v1/accounts?limit=1", { tenant: "app_ref_lending" });
    for (const persona of reference.personas) {
      const customer = await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: "app_ref_lending", persona: persona.key } });
      const headers = { "content-type": "application/json", "idempotency-key": `ref-${persona.key}` };
      const reply = await bank.request({
        method: "POST",
        url: "/v1/loans/applications",
        template: "/v1/loans/applications",
        tenant: "app_ref_lending",
        headers,
        payload: JSON.stringify({
          customer_id: customer.id,
          amount: persona.lending.example_request.amount,
          term_months: persona.lending.example_request.term_months,
        }),
      });
      expect(reply.body.decision).toBe(persona.lending.decision);
      expect(reply.body.reasons.map((r: { code: string }) => r.code)).toEqual(persona.lending.reason_codes);
      expect(
        reply.body.offers.map((o: { amount: unknown; term_months: number; apr: string; monthly_payment: unknown }) => ({
          amount: o.amount,
          term_months: o.term_months,
          apr: o.apr,
          monthly_payment: o.monthly_payment,
        })),
      ).toEqual(persona.lending.offers);
    }
  });

  it("notes what makes an account special", () => {
    const byKey = Object.fromEntries(reference.personas.map((p: { key: string }) => [p.key, p]));
    expect(byKey.frozen_account.accounts[0].notes.join(" ")).toContain("account_frozen");
    expect(byKey.overdrawn.accounts[0].notes).toContain("Overdrawn.");
    expect(byKey.good_credit.accounts[0].notes).toContain("Arranged overdraft £1,500.");
    expect(byKey.thin_file.accounts[0].notes).toContain("No overdraft.");
    expect(byKey.good_credit.accounts[1].notes).toContain("4.10% AER, interest paid monthly.");
  });
});

describe("magic values in the reference", { timeout: 30_000 }, () => {
  const pay = (tenant: string, key: string, body: unknown) =>
    bank.request({
      method: "POST",
      url: "/v1/payments",
      template: "/v1/payments",
      tenant,
      headers: { "content-type": "application/json", "idempotency-key": key },
      payload: JSON.stringify(body),
    });

  it("do what the reference says they do", async () => {
    const magic = reference.magic_values as { field: string; value: string; applies_to: string }[];
    expect(magic.map((m) => `${m.field}=${m.value}`)).toEqual([
      "amount.amount=666.66",
      "creditor.name=AML HIT",
      "creditor.sort_code=00xxxx",
      "amount.amount=> 25000.00",
      "family_name=Review",
      "family_name=Reject",
      "date_of_birth=under 18",
      "given_name + family_name=Ivan Sanctionov, Miranda Blacklistova, Hector Embargo, José Contrabando Ruiz, Zoë Frozenasset",
      ...productMagicValues.map((m) => `${m.field}=${m.value}`),
      ...AUTHENTICATION_SCENARIOS.map(
        (scenario) => `Sandbox scenario (the bank's login page), or the customer's \`authentication_scenario\`=${scenario}`,
      ),
      "customer_id=a customer from POST /v1/customers",
      "amount.amount=above the score band's limit",
      "purchase_amount.amount=above the plan limit",
    ]);
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant: "app_magic" })).body.data as {
      id: string;
      identifiers: { account_number?: string };
    }[];
    const from = accounts.find((a) => a.identifiers.account_number === "41825937")!.id;
    const outside = (name: string, sortCode = "401234") => ({ type: "sort_code", sort_code: sortCode, account_number: "12345678", name });
    const gbp = (amount: string) => ({ amount, currency: "GBP" });

    const declined = await pay("app_magic", "m1", { debtor_account_id: from, amount: gbp("666.66"), creditor: outside("Jo Bloggs") });
    expect(declined.body).toMatchObject({ status: "failed", failure: { code: "insufficient_funds" } });
    const aml = await pay("app_magic", "m2", { debtor_account_id: from, amount: gbp("5.00"), creditor: outside("aml hit") });
    expect(aml.body).toMatchObject({ status: "failed", failure: { code: "aml_declined" } });
    const nobank = await pay("app_magic", "m3", { debtor_account_id: from, amount: gbp("5.00"), creditor: outside("Jo Bloggs", "001234") });
    expectProblemShape(nobank, 422, "invalid_beneficiary");
    expect(nobank.body.errors[0].pointer).toBe("/body/creditor/sort_code");
    expectProblemShape(
      await pay("app_magic", "m4", { debtor_account_id: from, amount: gbp("25000.01"), creditor: outside("Jo Bloggs") }),
      422,
      "limit_exceeded",
    );
  });
});
