import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMinor } from "@openbank/contracts/money";
import { buildTestApp, gatewayHeaders, getAs, type TestApp } from "./helpers";
import { bg, consentBody, DECOUPLED, decideDecoupled, expectTpp, personaAccounts, registerClient } from "./berlin-group-fixture";

/**
 * Berlin Group accounts, balances and transactions with a Consent-ID: the data is /v1's (the same
 * ids, balances and statement lines), and the consent is judged on every call.
 */

const TENANT = "app_bgaccounts";
const OTHER = "app_bgaccountsother";
let t: TestApp;
let mine: Awaited<ReturnType<typeof personaAccounts>>;
let consentId: string;

/** A consent authorised through the DECOUPLED control. */
async function validConsent(body: unknown, tenant = TENANT, persona?: string): Promise<string> {
  const created = await bg(t.app, { method: "POST", url: "/consents", tenant, headers: DECOUPLED, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const decided = await decideDecoupled(t.app, tenant, created.body._links.scaStatus.href.split("/").pop(), {
    decision: "approve",
    ...(persona ? { persona } : {}),
  });
  expect(decided.body.resource.status).toBe("valid");
  return created.body.consentId;
}

const read = (url: string, consent: string, options: { tenant?: string; psu?: boolean } = {}) =>
  bg(t.app, {
    url,
    tenant: options.tenant ?? TENANT,
    headers: { "consent-id": consent, ...(options.psu === false ? {} : { "psu-ip-address": "192.0.2.10" }) },
  });

const minor = (money: { amount: string; currency: string }) => parseMinor(money.amount, money.currency);

beforeAll(async () => {
  t = await buildTestApp();
  mine = await personaAccounts(t.app, TENANT);
  await registerClient(t.app, TENANT);
  await registerClient(t.app, OTHER);
  consentId = await validConsent({
    ...consentBody([]),
    access: {
      accounts: [{ iban: mine.current.iban! }, { iban: mine.savings.iban! }],
      balances: [{ iban: mine.current.iban! }],
      transactions: [{ iban: mine.current.iban! }],
    },
  });
});
afterAll(() => t.close());

describe("GET /v1/accounts and /v1/accounts/{account-id}", () => {
  it("lists the consent's accounts by their acc_ ids, with balances where the consent gives them", async () => {
    const list = await read("/accounts?withBalance=true", consentId);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.accounts.map((a: { resourceId: string }) => a.resourceId).sort()).toEqual([mine.current.id, mine.savings.id].sort());
    const current = list.body.accounts.find((a: { resourceId: string }) => a.resourceId === mine.current.id);
    expect(current).toMatchObject({
      iban: mine.current.iban,
      currency: "GBP",
      cashAccountType: "CACC",
      status: "enabled",
      bic: "OBSXGB2L",
      usage: "PRIV",
    });
    expect(current.balances).toHaveLength(4);
    expect(current._links).toEqual({
      balances: { href: `/berlin-group/v1/accounts/${mine.current.id}/balances` },
      transactions: { href: `/berlin-group/v1/accounts/${mine.current.id}/transactions` },
    });
    const savings = list.body.accounts.find((a: { resourceId: string }) => a.resourceId === mine.savings.id);
    expect(savings.balances).toBeUndefined();
    expect(savings._links).toBeUndefined();
    const one = await read(`/accounts/${mine.savings.id}`, consentId);
    expect(one.body.account).toMatchObject({ resourceId: mine.savings.id, cashAccountType: "SVGS" });
  });

  it("refuses an account outside the consent (CONSENT_INVALID) and an unknown one (RESOURCE_UNKNOWN)", async () => {
    const thin = await personaAccounts(t.app, TENANT, "thin_file");
    expectTpp(await read(`/accounts/${thin.current.id}`, consentId), 401, "CONSENT_INVALID");
    expectTpp(await read("/accounts/acc_nosuchaccount000000000", consentId), 404, "RESOURCE_UNKNOWN");
    expectTpp(await read(`/accounts/${mine.savings.id}/balances`, consentId), 401, "CONSENT_INVALID");
    expectTpp(
      await read(`/accounts/${mine.savings.id}/transactions?bookingStatus=booked&dateFrom=2020-01-01`, consentId),
      401,
      "CONSENT_INVALID",
    );
  });
});

describe("GET /v1/accounts/{account-id}/balances", () => {
  it("reports /v1's figures: interimBooked = booked, interimAvailable = available, expected = booked + pending", async () => {
    const balances = await read(`/accounts/${mine.current.id}/balances`, consentId);
    expect(balances.body.account).toEqual({ iban: mine.current.iban, currency: "GBP" });
    const v1 = (await getAs(t.app, TENANT, `/v1/accounts/${mine.current.id}/balances`)).body;
    const byType = Object.fromEntries(
      balances.body.balances.map((b: { balanceType: string; balanceAmount: { amount: string; currency: string } }) => [
        b.balanceType,
        b.balanceAmount,
      ]),
    );
    expect(byType.interimBooked).toEqual(v1.booked);
    expect(byType.interimAvailable).toEqual(v1.available);
    expect(minor(byType.expected)).toBe(minor(v1.booked)! + minor(v1.pending)!);
    expect(byType.closingBooked.currency).toBe("GBP");
  });
});

describe("GET /v1/accounts/{account-id}/transactions", () => {
  it("lists /v1's statement lines, booked and pending, paged through _links", async () => {
    const from = "2000-01-01";
    const booked = await read(
      `/accounts/${mine.current.id}/transactions?bookingStatus=booked&dateFrom=${from}&itemsPerPage=500`,
      consentId,
    );
    expect(booked.status).toBe(200);
    expect(booked.body.transactions.pending).toBeUndefined();
    const v1 = (await getAs(t.app, TENANT, `/v1/accounts/${mine.current.id}/transactions?limit=100&status=booked`)).body;
    expect(booked.body.transactions.booked.slice(0, v1.data.length).map((x: { transactionId: string }) => x.transactionId)).toEqual(
      v1.data.map((x: { id: string }) => x.id),
    );
    expect(booked.body.transactions.booked[0]).toMatchObject({
      transactionAmount: v1.data[0].amount,
      remittanceInformationUnstructured: v1.data[0].description,
      bookingDate: v1.data[0].booked_at.slice(0, 10),
    });

    const both = await read(
      `/accounts/${mine.current.id}/transactions?bookingStatus=both&dateFrom=${from}&itemsPerPage=7&withBalance=true`,
      consentId,
    );
    const firstPage = [...both.body.transactions.booked, ...both.body.transactions.pending];
    expect(firstPage).toHaveLength(7);
    expect(both.body.balances).toHaveLength(4);
    const links = both.body.transactions._links;
    expect(links.account.href).toBe(`/berlin-group/v1/accounts/${mine.current.id}`);
    expect(links.previous).toBeUndefined();
    const next = await read(links.next.href.replace("/berlin-group/v1", ""), consentId);
    expect(next.body.transactions._links.previous.href).toContain("pageIndex=0");
    const second = [...next.body.transactions.booked, ...next.body.transactions.pending].map(
      (x: { transactionId: string }) => x.transactionId,
    );
    expect(second.some((id: string) => firstPage.some((x: { transactionId: string }) => x.transactionId === id))).toBe(false);
    const last = await read(links.last.href.replace("/berlin-group/v1", ""), consentId);
    expect(last.body.transactions._links.next).toBeUndefined();

    const detail = await read(`/accounts/${mine.current.id}/transactions/${firstPage[0].transactionId}`, consentId);
    expect(detail.body.transactionsDetails.transactionId).toBe(firstPage[0].transactionId);
  });

  it("filters by dateFrom and dateTo on the booking date", async () => {
    const all = await read(
      `/accounts/${mine.current.id}/transactions?bookingStatus=booked&dateFrom=2000-01-01&itemsPerPage=500`,
      consentId,
    );
    const day = all.body.transactions.booked[3].bookingDate;
    const oneDay = await read(
      `/accounts/${mine.current.id}/transactions?bookingStatus=booked&dateFrom=${day}&dateTo=${day}&itemsPerPage=500`,
      consentId,
    );
    expect(oneDay.body.transactions.booked.length).toBeGreaterThan(0);
    expect(oneDay.body.transactions.booked.every((x: { bookingDate: string }) => x.bookingDate === day)).toBe(true);
    expect(oneDay.body.transactions.booked.length).toBe(
      all.body.transactions.booked.filter((x: { bookingDate: string }) => x.bookingDate === day).length,
    );
  });

  it("refuses what it does not offer, each with the standard's code", async () => {
    const base = `/accounts/${mine.current.id}/transactions`;
    expectTpp(await read(`${base}?bookingStatus=booked`, consentId), 400, "FORMAT_ERROR");
    expectTpp(await read(`${base}?dateFrom=2020-01-01`, consentId), 400, "FORMAT_ERROR");
    expectTpp(await read(`${base}?bookingStatus=information&dateFrom=2020-01-01`, consentId), 400, "PARAMETER_NOT_SUPPORTED");
    expectTpp(await read(`${base}?bookingStatus=booked&dateFrom=2020-01-01&deltaList=true`, consentId), 400, "PARAMETER_NOT_SUPPORTED");
    expectTpp(await read(`${base}?bookingStatus=booked&dateFrom=2020-02-01&dateTo=2020-01-01`, consentId), 400, "PERIOD_INVALID");
    expectTpp(await read(`${base}/txn_nosuchthing`, consentId), 403, "RESOURCE_UNKNOWN");
  });
});

describe("card accounts", () => {
  it("a consent naming the credit card by maskedPan reads it, its balances and its card transactions (/v1's figures)", async () => {
    // One-off: a recurring consent would end the PSU's recurring one the other tests use.
    const cardConsent = await validConsent({
      ...consentBody([], { recurringIndicator: false, frequencyPerDay: 1 }),
      access: {
        accounts: [{ iban: mine.current.iban! }],
        balances: [{ maskedPan: mine.card.maskedPan! }],
        transactions: [{ maskedPan: mine.card.maskedPan! }],
      },
    });
    const list = await read("/card-accounts", cardConsent);
    expect(list.body.cardAccounts).toHaveLength(1);
    expect(list.body.cardAccounts[0]).toMatchObject({
      resourceId: mine.card.id,
      maskedPan: mine.card.maskedPan,
      currency: "GBP",
      creditLimit: { currency: "GBP", amount: "8000.00" },
      _links: { balances: { href: `/berlin-group/v1/card-accounts/${mine.card.id}/balances` } },
    });
    // The card is not a payment account: /accounts lists only the current account.
    expect((await read("/accounts", cardConsent)).body.accounts.map((a: { resourceId: string }) => a.resourceId)).toEqual([
      mine.current.id,
    ]);
    expect((await read(`/card-accounts/${mine.card.id}`, cardConsent)).body.cardAccount.maskedPan).toBe(mine.card.maskedPan);

    const balances = await read(`/card-accounts/${mine.card.id}/balances`, cardConsent);
    const v1 = (await getAs(t.app, TENANT, `/v1/accounts/${mine.card.id}/balances`)).body;
    const byType = Object.fromEntries(
      balances.body.balances.map((b: { balanceType: string; balanceAmount: unknown; creditLimitIncluded?: boolean }) => [b.balanceType, b]),
    );
    expect(byType.interimBooked.balanceAmount).toEqual(v1.booked);
    expect(byType.interimAvailable).toMatchObject({ balanceAmount: v1.available, creditLimitIncluded: true });

    const transactions = await read(
      `/card-accounts/${mine.card.id}/transactions?bookingStatus=both&dateFrom=2000-01-01&itemsPerPage=5`,
      cardConsent,
    );
    const first = [...transactions.body.cardTransactions.booked, ...transactions.body.cardTransactions.pending];
    expect(first).toHaveLength(5);
    expect(first[0]).toMatchObject({ maskedPAN: mine.card.maskedPan, cardTransactionId: expect.stringMatching(/^txn_/) });
    expect(transactions.body.cardTransactions._links.cardAccount.href).toBe(`/berlin-group/v1/card-accounts/${mine.card.id}`);
    expect(transactions.body.cardTransactions._links.next.href).toContain(`/berlin-group/v1/card-accounts/${mine.card.id}/transactions?`);
    expect((await read(transactions.body.cardTransactions._links.next.href.replace("/berlin-group/v1", ""), cardConsent)).status).toBe(200);
  });

  it("refuses a card outside the consent, a payment account on the card endpoints, and an unknown masked PAN", async () => {
    expectTpp(await read(`/card-accounts/${mine.card.id}/balances`, consentId), 401, "CONSENT_INVALID");
    expectTpp(await read(`/card-accounts/${mine.current.id}`, consentId), 404, "RESOURCE_UNKNOWN");
    expect((await read("/card-accounts", consentId)).body.cardAccounts).toEqual([]);
    const unknown = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: DECOUPLED,
      body: { ...consentBody([]), access: { accounts: [{ maskedPan: "999999******0000" }] } },
    });
    expectTpp(unknown, 400, "RESOURCE_UNKNOWN");
    expect(unknown.body.tppMessages[0].path).toBe("access.accounts[0].maskedPan");
  });
});

describe("services this sandbox does not offer", () => {
  it("answers signing baskets 404 SERVICE_INVALID, saying what to use", async () => {
    const baskets = await bg(t.app, {
      method: "POST",
      url: "/signing-baskets",
      tenant: TENANT,
      headers: { "psu-ip-address": "192.0.2.1" },
      body: { paymentIds: [] },
    });
    expectTpp(baskets, 404, "SERVICE_INVALID");
    expect(baskets.body.tppMessages[0].text).toContain("Signing baskets are not offered");
    expectTpp(await read("/signing-baskets/sb_1/authorisations", consentId), 404, "SERVICE_INVALID");
  });
});

describe("the Consent-ID", () => {
  it("is required, and must be this TPP's valid account-information consent", async () => {
    const missing = await bg(t.app, { url: "/accounts", tenant: TENANT });
    expectTpp(missing, 400, "FORMAT_ERROR");
    expect(missing.body.tppMessages[0].path).toBe("Consent-ID");
    expectTpp(await read("/accounts", consentId, { tenant: OTHER }), 403, "CONSENT_UNKNOWN");
    expectTpp(await read("/accounts", "cns_nosuchconsent0000000000"), 403, "CONSENT_UNKNOWN");

    const received = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: DECOUPLED,
      body: consentBody([mine.current.iban!]),
    });
    expectTpp(await read("/accounts", received.body.consentId), 401, "CONSENT_INVALID");
    const refused = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: DECOUPLED,
      body: consentBody([mine.current.iban!]),
    });
    await decideDecoupled(t.app, TENANT, refused.body._links.scaStatus.href.split("/").pop(), { decision: "deny" });
    expectTpp(await read("/accounts", refused.body.consentId), 401, "CONSENT_INVALID");

    const ended = await validConsent(consentBody([mine.current.iban!], { recurringIndicator: false, frequencyPerDay: 1 }));
    expect((await read("/accounts", ended)).status).toBe(200);
    await bg(t.app, { method: "DELETE", url: `/consents/${ended}`, tenant: TENANT });
    expectTpp(await read("/accounts", ended), 401, "CONSENT_INVALID");
  });

  it("counts accesses without the PSU per account and endpoint per sandbox day (frequencyPerDay)", async () => {
    const clockTenant = "app_bgaccountsclock";
    await personaAccounts(t.app, clockTenant);
    await registerClient(t.app, clockTenant);
    const accounts = await personaAccounts(t.app, clockTenant);
    const limited = await validConsent(consentBody([accounts.current.iban!], { frequencyPerDay: 2 }), clockTenant);
    const balances = `/accounts/${accounts.current.id}/balances`;
    const call = (url: string, psu = false) => read(url, limited, { tenant: clockTenant, psu });
    expect((await call(balances)).status).toBe(200);
    expect((await call(balances)).status).toBe(200);
    expectTpp(await call(balances), 429, "ACCESS_EXCEEDED");
    // With the PSU present it is not counted; another endpoint has its own count.
    expect((await call(balances, true)).status).toBe(200);
    expect((await call(`/accounts/${accounts.current.id}`)).status).toBe(200);
    // The next sandbox day starts afresh.
    await t.app.inject({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      headers: { ...gatewayHeaders(clockTenant), "content-type": "application/json" },
      payload: JSON.stringify({ days: 1 }),
    });
    expect((await call(balances)).status).toBe(200);
  });

  it("counts concurrent accesses exactly: frequencyPerDay 4, six at once, four answered", async () => {
    const tenant = "app_bgaccountsconcurrent";
    const accounts = await personaAccounts(t.app, tenant);
    await registerClient(t.app, tenant);
    const consent = await validConsent(consentBody([accounts.current.iban!], { frequencyPerDay: 4 }), tenant);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => read(`/accounts/${accounts.current.id}/balances`, consent, { tenant, psu: false })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("is expired once the sandbox clock passes validUntil (CONSENT_EXPIRED)", async () => {
    const clockTenant = "app_bgaccountsexpiry";
    const accounts = await personaAccounts(t.app, clockTenant);
    await registerClient(t.app, clockTenant);
    const today = new Date().toISOString().slice(0, 10);
    const shortLived = await validConsent(consentBody([accounts.current.iban!], { validUntil: today }), clockTenant);
    expect((await read("/accounts", shortLived, { tenant: clockTenant })).status).toBe(200);
    await t.app.inject({
      method: "POST",
      url: "/v1/sandbox/clock/advance",
      headers: { ...gatewayHeaders(clockTenant), "content-type": "application/json" },
      payload: JSON.stringify({ days: 1 }),
    });
    expectTpp(await read("/accounts", shortLived, { tenant: clockTenant }), 401, "CONSENT_EXPIRED");
    expect((await bg(t.app, { url: `/consents/${shortLived}/status`, tenant: clockTenant })).body.consentStatus).toBe("expired");
  });

  it("an availableAccounts consent lists accounts only; WithBalance adds their balances", async () => {
    const listOnly = await validConsent(
      { ...consentBody([]), access: { availableAccounts: "allAccountsWithOwnerName" }, recurringIndicator: false, frequencyPerDay: 1 },
      TENANT,
      "good_credit",
    );
    const list = await read("/accounts?withBalance=true", listOnly);
    expect(list.body.accounts.length).toBeGreaterThan(0);
    expect(list.body.accounts[0].ownerName).toBe("Amelia Hart");
    expect(list.body.accounts[0].balances).toBeUndefined();
    expectTpp(await read(`/accounts/${list.body.accounts[0].resourceId}`, listOnly), 401, "CONSENT_INVALID");
    const withBalances = await validConsent(
      { ...consentBody([]), access: { availableAccountsWithBalance: "allAccounts" }, recurringIndicator: false, frequencyPerDay: 1 },
      TENANT,
      "good_credit",
    );
    expect((await read("/accounts?withBalance=true", withBalances)).body.accounts[0].balances).toHaveLength(4);
  });
});
