import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@openbank/contracts/ids";
import { expectConformant, standardsAvailable } from "../../tests/support/standards-contract";
import { bankClient, buildTestApp, expectProblemShape, gatewayHeaders, type TestApp } from "./helpers";
import { authoriseStandardConsent, token } from "./oauth-fixture";

/**
 * /v1's consent views over the one consent store: every standard's consents listed (filterable by
 * standard and status), read and revoked through /v1, in /v1's shape (validated against its
 * document), with the standard's own permissions kept apart.
 */
const NOW = new Date("2026-11-21T10:30:00.000Z");
const APP = "app_stdc1";
const OTHER = "app_stdc2";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
  for (const tenant of [APP, OTHER]) await t.app.inject({ url: "/v1/accounts", headers: gatewayHeaders(tenant) });
});
afterAll(() => t.close());

let created = 0;
async function standardConsent(options: {
  appId?: string;
  standard: "uk_open_banking" | "berlin_group";
  kind: string;
  status: string;
  persona?: string;
  permissions?: string[];
  expiresAt?: Date;
  revokedBy?: string;
}) {
  const appId = options.appId ?? APP;
  const customer = options.persona
    ? await t.app.db.bankCustomer.findFirstOrThrow({ where: { tenantId: appId, persona: options.persona }, include: { accounts: true } })
    : null;
  // A second apart each, so "newest first" is well defined.
  const at = new Date(NOW.getTime() - 60_000 + ++created * 1000);
  return t.app.db.bankConsent.create({
    data: {
      id: newId("consent"),
      tenantId: appId,
      appId,
      customerId: customer?.id ?? null,
      permissions: JSON.stringify(options.permissions ?? []),
      accountIds: JSON.stringify(customer ? [customer.accounts[0].id] : []),
      status: options.status,
      source: "client",
      standard: options.standard,
      kind: options.kind,
      details: "{}",
      revokedBy: options.revokedBy ?? null,
      revokedAt: options.revokedBy ? at : null,
      createdAt: at,
      statusUpdatedAt: at,
      expiresAt: options.expiresAt ?? new Date("9999-12-31T00:00:00Z"),
    },
  });
}

/** A UK Open Banking call as the gateway forwards it, checked against the official document. */
async function ob(method: "GET" | "POST", path: string, credential: string, body?: unknown) {
  const url = `/open-banking/v4.0/aisp${path}`;
  const response = await t.app.inject({
    method,
    url,
    headers: gatewayHeaders(APP, { "x-consent-token": credential, ...(body ? { "content-type": "application/json" } : {}) }),
    payload: body ? JSON.stringify(body) : undefined,
  });
  const parsed = response.body === "" ? undefined : response.json();
  if (standardsAvailable())
    expectConformant({ method, path: url, status: response.statusCode, headers: response.headers as Record<string, string>, body: parsed });
  return { status: response.statusCode, headers: response.headers, body: parsed };
}

const list = (query = "", tenant = APP) => bank.get("/v1/consents", `/v1/consents${query}`, { tenant });
const getOne = (id: string, tenant = APP) => bank.get("/v1/consents/{consent_id}", `/v1/consents/${id}`, { tenant });
const revoke = (id: string, tenant = APP) =>
  bank.request({ method: "DELETE", url: `/v1/consents/${id}`, template: "/v1/consents/{consent_id}", tenant });

describe("GET /v1/consents across standards", () => {
  it("lists every standard's consents in /v1's shape, filters by standard and by every status", async () => {
    const minted = await bank.request({
      method: "POST",
      url: "/v1/sandbox/consents",
      template: "/v1/sandbox/consents",
      tenant: APP,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ persona: "good_credit", permissions: ["accounts:read"] }),
    });
    const awaiting = await standardConsent({ standard: "uk_open_banking", kind: "domestic_payment", status: "awaiting_authorisation" });
    const authorised = await standardConsent({
      standard: "uk_open_banking",
      kind: "account_access",
      status: "authorised",
      persona: "good_credit",
      permissions: ["ReadAccountsDetail", "ReadBalances"],
      expiresAt: new Date("2027-05-01T00:00:00Z"),
    });
    const rejected = await standardConsent({ standard: "berlin_group", kind: "account_access", status: "rejected" });
    const consumed = await standardConsent({ standard: "berlin_group", kind: "payment", status: "consumed", persona: "student" });
    const expired = await standardConsent({
      standard: "berlin_group",
      kind: "account_access",
      status: "authorised",
      persona: "student",
      permissions: ["accounts", "balances"],
      expiresAt: new Date("2026-01-01T00:00:00Z"),
    });
    const revoked = await standardConsent({
      standard: "berlin_group",
      kind: "funds_confirmation",
      status: "revoked",
      revokedBy: "customer",
    });

    const all = await list();
    expect(all.status).toBe(200);
    const byId = new Map(all.body.data.map((consent: { id: string }) => [consent.id, consent]));
    expect(byId.size).toBe(7);
    expect(byId.get(minted.body.consent.id)).toMatchObject({ standard: "v1", kind: "account_access", standard_permissions: [] });
    expect(byId.get(awaiting.id)).toEqual({
      id: awaiting.id,
      standard: "uk_open_banking",
      kind: "domestic_payment",
      customer_id: null,
      persona: null,
      status: "awaiting_authorisation",
      permissions: [],
      standard_permissions: [],
      account_ids: [],
      source: "client",
      created_at: awaiting.createdAt.toISOString(),
      expires_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    expect(byId.get(authorised.id)).toMatchObject({
      status: "authorised",
      persona: "good_credit",
      permissions: [],
      standard_permissions: ["ReadAccountsDetail", "ReadBalances"],
      expires_at: "2027-05-01T00:00:00.000Z",
    });
    expect(byId.get(rejected.id)).toMatchObject({ status: "rejected", standard: "berlin_group" });
    expect(byId.get(consumed.id)).toMatchObject({ status: "consumed", kind: "payment", persona: "student" });
    expect(byId.get(expired.id)).toMatchObject({ status: "expired", standard_permissions: ["accounts", "balances"] });
    expect(byId.get(revoked.id)).toMatchObject({ status: "revoked", revoked_by: "customer", kind: "funds_confirmation" });
    // Newest first across standards (the minted one is the newest: the others were written a minute earlier).
    expect(all.body.data.map((consent: { id: string }) => consent.id)).toEqual([
      minted.body.consent.id,
      ...[revoked, expired, consumed, rejected, authorised, awaiting].map((consent) => consent.id),
    ]);

    const ids = async (query: string) => (await list(query)).body.data.map((consent: { id: string }) => consent.id).sort();
    expect(await ids("?standard=v1")).toEqual([minted.body.consent.id]);
    expect(await ids("?standard=uk_open_banking")).toEqual([awaiting.id, authorised.id].sort());
    expect(await ids("?standard=berlin_group")).toEqual([rejected.id, consumed.id, expired.id, revoked.id].sort());
    expect(await ids("?status=awaiting_authorisation")).toEqual([awaiting.id]);
    expect(await ids("?status=rejected")).toEqual([rejected.id]);
    expect(await ids("?status=consumed")).toEqual([consumed.id]);
    expect(await ids("?status=expired")).toEqual([expired.id]);
    expect(await ids("?status=revoked")).toEqual([revoked.id]);
    expect(await ids("?status=authorised")).toEqual([minted.body.consent.id, authorised.id].sort());
    expect(await ids("?status=authorised&standard=uk_open_banking")).toEqual([authorised.id]);

    // Pages keep their filter: a cursor of one filter is refused under another.
    const first = await list("?standard=berlin_group&limit=2");
    const second = await list(`?standard=berlin_group&limit=2&cursor=${first.body.next_cursor}`);
    expect([...first.body.data, ...second.body.data].map((consent: { id: string }) => consent.id).sort()).toEqual(
      await ids("?standard=berlin_group"),
    );
    expect((await list(`?standard=uk_open_banking&limit=2&cursor=${first.body.next_cursor}`)).status).toBe(400);
  });

  it("refuses an unknown standard with a pointer", async () => {
    const reply = await list("?standard=open_finance");
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(["/query/standard"]);
  });

  it("reads any standard's consent by id; another app's is a 404 like an unknown id", async () => {
    const mine = await standardConsent({ standard: "berlin_group", kind: "bulk_payment", status: "awaiting_authorisation" });
    const theirs = await standardConsent({
      appId: OTHER,
      standard: "uk_open_banking",
      kind: "account_access",
      status: "authorised",
      persona: "student",
    });
    expect((await getOne(mine.id)).body).toMatchObject({ id: mine.id, standard: "berlin_group", kind: "bulk_payment", customer_id: null });
    expectProblemShape(await getOne(theirs.id), 404, "resource_not_found");
    expectProblemShape(await revoke(theirs.id), 404, "resource_not_found");
    expect((await list("", OTHER)).body.data.map((consent: { id: string }) => consent.id)).toContain(theirs.id);
    expect((await list()).body.data.map((consent: { id: string }) => consent.id)).not.toContain(theirs.id);
    expect((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("authorised");
  });
});

describe("DELETE /v1/consents/{consent_id} across standards", () => {
  it("revokes a UK consent as the developer: its token stops at once, its refresh token too, one consent.revoked, CANC in the standard", async () => {
    const app = (await token(t.app, APP, { grant_type: "client_credentials", scope: "accounts" })).body.access_token as string;
    const created = await ob("POST", "/account-access-consents", app, {
      Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2027-06-30T00:00:00+00:00" },
      Risk: {},
    });
    expect(created.status).toBe(201);
    const consentId = created.body.Data.ConsentId as string;
    const { accessToken, tokens } = await authoriseStandardConsent(t.app, {
      appId: APP,
      consentId,
      scope: "accounts",
      accounts: (ids) => ids,
    });
    expect((await ob("GET", "/accounts", accessToken!)).status).toBe(200);

    const revoked = await revoke(consentId);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: consentId,
      standard: "uk_open_banking",
      kind: "account_access",
      status: "revoked",
      revoked_by: "developer",
      revoked_at: NOW.toISOString(),
      standard_permissions: ["ReadAccountsDetail", "ReadBalances"],
    });
    // The customer's token is refused from the next call; the standard's own view reads CANC.
    expect((await ob("GET", "/accounts", accessToken!)).status).toBe(401);
    const viewed = await ob("GET", `/account-access-consents/${consentId}`, app);
    expect(viewed.body.Data.Status).toBe("CANC");
    if (tokens.refresh_token) {
      const refresh = await token(t.app, APP, { grant_type: "refresh_token", refresh_token: tokens.refresh_token });
      expect(refresh.status).toBe(400);
      expect(refresh.body.error).toBe("invalid_grant");
    }
    expect((await revoke(consentId)).body).toEqual(revoked.body);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: APP, type: "consent.revoked" } });
    expect(events.filter((event) => JSON.parse(event.payload).object.id === consentId)).toHaveLength(1);
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: consentId } });
    expect(row).toMatchObject({ revokedBy: "developer", statusUpdatedAt: NOW });
  });

  it("lists a consent the app deleted through its standard as revoked by the TPP", async () => {
    const app = (await token(t.app, APP, { grant_type: "client_credentials", scope: "accounts" })).body.access_token as string;
    const created = await ob("POST", "/account-access-consents", app, { Data: { Permissions: ["ReadAccountsBasic"] }, Risk: {} });
    const consentId = created.body.Data.ConsentId as string;
    expect((await getOne(consentId)).body).toMatchObject({ status: "awaiting_authorisation", source: "client", customer_id: null });
    const deleted = await t.app.inject({
      method: "DELETE",
      url: `/open-banking/v4.0/aisp/account-access-consents/${consentId}`,
      headers: gatewayHeaders(APP, { "x-consent-token": app }),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await getOne(consentId)).body).toMatchObject({ status: "revoked", revoked_by: "tpp" });
  });

  it("revokes a consent still awaiting authorisation; one that ended (rejected, consumed) is returned as it ended", async () => {
    const awaiting = await standardConsent({ standard: "berlin_group", kind: "account_access", status: "awaiting_authorisation" });
    expect((await revoke(awaiting.id)).body).toMatchObject({ status: "revoked", revoked_by: "developer", customer_id: null });
    for (const status of ["rejected", "consumed"]) {
      const ended = await standardConsent({ standard: "uk_open_banking", kind: "domestic_payment", status, persona: "good_credit" });
      const reply = await revoke(ended.id);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ status, revoked_at: null, revoked_by: null });
    }
  });
});
