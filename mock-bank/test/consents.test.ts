import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, runAuthorization, token } from "./oauth-fixture";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const json = { "content-type": "application/json" };
const mint = (tenant: string, body: unknown) =>
  bank.request({
    method: "POST",
    url: "/v1/sandbox/consents",
    template: "/v1/sandbox/consents",
    tenant,
    headers: json,
    payload: JSON.stringify(body),
  });

describe("POST /v1/sandbox/consents", () => {
  it("mints a consent and tokens for a persona, all accounts by default", async () => {
    const reply = await mint("app_c1", { persona: "student", permissions: ["transactions:read", "accounts:read"] });
    expect(reply.status).toBe(201);
    expect(reply.headers["cache-control"]).toBe("no-store");
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "accounts:read transactions:read" });
    expect(reply.body.consent).toMatchObject({
      persona: "student",
      status: "authorised",
      source: "sandbox",
      permissions: ["accounts:read", "transactions:read"],
      revoked_at: null,
      expires_at: "2027-02-19T10:30:00.000Z",
    });
    expect(reply.body.consent.account_ids).toHaveLength(3);
    const accounts = await bank.request({
      url: "/v1/accounts",
      template: "/v1/accounts",
      tenant: "app_c1",
      headers: { "x-consent-token": reply.body.access_token },
    });
    expect(accounts.body.data.map((a: { id: string }) => a.id).sort()).toEqual(reply.body.consent.account_ids);
    expect(accounts.body.data.every((a: { customer_id: string }) => a.customer_id === reply.body.consent.customer_id)).toBe(true);
  });

  it("shares only the chosen accounts", async () => {
    const all = await mint("app_c1", { persona: "good_credit", permissions: ["accounts:read"] });
    const one = await mint("app_c1", {
      persona: "good_credit",
      permissions: ["accounts:read"],
      account_ids: [all.body.consent.account_ids[1]],
    });
    expect(one.body.consent.account_ids).toEqual([all.body.consent.account_ids[1]]);
  });

  it("refuses unknown personas, other customers' accounts and bad bodies with pointers", async () => {
    const unknown = await mint("app_c1", { persona: "nobody", permissions: ["accounts:read"] });
    expectProblemShape(unknown, 400, "validation_failed");
    expect(unknown.body.errors).toEqual([{ pointer: "/body/persona", detail: expect.any(String) }]);
    const other = await mint("app_c1", { persona: "student", permissions: ["accounts:read"] });
    const foreign = await mint("app_c1", {
      persona: "good_credit",
      permissions: ["accounts:read"],
      account_ids: [other.body.consent.account_ids[0]],
    });
    expectProblemShape(foreign, 400, "validation_failed");
    expect(foreign.body.errors).toEqual([{ pointer: "/body/account_ids/0", detail: expect.any(String) }]);
    const bad = await mint("app_c1", { persona: "student", permissions: ["admin"], extra: 1 });
    expectProblemShape(bad, 400, "validation_failed");
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/body/extra", "/body/permissions/0"]);
    expectProblemShape(await mint("app_c1", { persona: "student", permissions: [] }), 400, "validation_failed");
  });

  it("is for API keys: a consent token gets 403 api_key_required", async () => {
    const minted = await mint("app_c1", { persona: "student", permissions: ["accounts:read"] });
    const reply = await bank.request({
      method: "POST",
      url: "/v1/sandbox/consents",
      template: "/v1/sandbox/consents",
      tenant: "app_c1",
      headers: { ...json, "x-consent-token": minted.body.access_token },
      payload: JSON.stringify({ persona: "student", permissions: ["accounts:read"] }),
    });
    expectProblemShape(reply, 403, "api_key_required");
  });
});

describe("GET /v1/consents and GET /v1/consents/{consent_id}", () => {
  it("lists the app's consents newest first, filters and pages", async () => {
    const run = await runAuthorization(t.app, { appId: "app_c2" });
    await exchange(t.app, "app_c2", run.code!, run.verifier);
    await mint("app_c2", { persona: "thin_file", permissions: ["accounts:read"] });
    const list = await bank.get("/v1/consents", "/v1/consents", { tenant: "app_c2" });
    // Same instant (pinned clock): ties are ordered by id, newest first otherwise.
    expect(list.body.data.map((c: { source: string }) => c.source).sort()).toEqual(["authorization_code", "sandbox"]);
    const page = await bank.get("/v1/consents", "/v1/consents?limit=1", { tenant: "app_c2" });
    expect(page.body.data).toHaveLength(1);
    const next = await bank.get("/v1/consents", `/v1/consents?limit=1&cursor=${page.body.next_cursor}`, { tenant: "app_c2" });
    expect(next.body.data[0].id).toBe(list.body.data[1].id);
    expect(next.body.next_cursor).toBeNull();
    const real = list.body.data.find((c: { source: string }) => c.source === "authorization_code");
    const customer = real.customer_id;
    expect((await bank.get("/v1/consents", `/v1/consents?customer_id=${customer}`, { tenant: "app_c2" })).body.data).toHaveLength(1);
    expect((await bank.get("/v1/consents", "/v1/consents?status=revoked", { tenant: "app_c2" })).body.data).toEqual([]);
    expect((await bank.get("/v1/consents", "/v1/consents?status=authorised", { tenant: "app_c2" })).body.data).toHaveLength(2);
    const one = await bank.get("/v1/consents/{consent_id}", `/v1/consents/${real.id}`, { tenant: "app_c2" });
    expect(one.body).toEqual(real);
    expect(one.body.persona).toBe("good_credit");
  });

  it("answers 400 with pointers to bad filters", async () => {
    const reply = await bank.get("/v1/consents", "/v1/consents?status=gone&limit=0", { tenant: "app_c2" });
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(["/query/limit", "/query/status"]);
  });

  it("another app's consent is a 404 exactly like an unknown id, for reading and revoking", async () => {
    const minted = await mint("app_c3", { persona: "student", permissions: ["accounts:read"] });
    const id = minted.body.consent.id;
    const foreign = await bank.get("/v1/consents/{consent_id}", `/v1/consents/${id}`, { tenant: "app_c4" });
    expectProblemShape(foreign, 404, "resource_not_found");
    const unknown = await bank.get("/v1/consents/{consent_id}", "/v1/consents/cns_0000000000000000000000", { tenant: "app_c4" });
    expect({ ...foreign.body, detail: "", request_id: "" }).toEqual({ ...unknown.body, detail: "", request_id: "" });
    expectProblemShape(
      await bank.request({ method: "DELETE", url: `/v1/consents/${id}`, template: "/v1/consents/{consent_id}", tenant: "app_c4" }),
      404,
      "resource_not_found",
    );
    expect((await bank.get("/v1/consents", "/v1/consents", { tenant: "app_c4" })).body.data).toEqual([]);
    expect((await bank.get("/v1/consents/{consent_id}", `/v1/consents/${id}`, { tenant: "app_c3" })).body.status).toBe("authorised");
  });
});

describe("DELETE /v1/consents/{consent_id}", () => {
  it("revokes the consent and its tokens at once, records consent.revoked once, and is repeatable", async () => {
    const minted = await mint("app_c5", { persona: "good_credit", permissions: ["accounts:read"] });
    const asToken = { tenant: "app_c5", headers: { "x-consent-token": minted.body.access_token } };
    expect((await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken })).status).toBe(200);
    const revoke = () =>
      bank.request({
        method: "DELETE",
        url: `/v1/consents/${minted.body.consent.id}`,
        template: "/v1/consents/{consent_id}",
        tenant: "app_c5",
      });
    const revoked = await revoke();
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: minted.body.consent.id, status: "revoked", revoked_at: NOW.toISOString() });
    expectProblemShape(await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken }), 401, "consent_revoked");
    expect((await revoke()).body).toEqual(revoked.body);
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: "app_c5", type: "consent.revoked" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toEqual({
      object: { id: minted.body.consent.id, app_id: "app_c5", revoked_at: NOW.toISOString() },
    });
    expect((await bank.get("/v1/consents", "/v1/consents?status=revoked", { tenant: "app_c5" })).body.data).toHaveLength(1);
  });
});

describe("POST /v1/sandbox/consents/{consent_id}/expire", () => {
  const expire = (tenant: string, id: string) =>
    bank.request({
      method: "POST",
      url: `/v1/sandbox/consents/${id}/expire`,
      template: "/v1/sandbox/consents/{consent_id}/expire",
      tenant,
    });

  it("ends a sandbox-minted consent now: its access token answers consent_expired, its refresh token invalid_grant; repeatable", async () => {
    const minted = await mint("app_e1", { persona: "good_credit", permissions: ["accounts:read"] });
    const asToken = { tenant: "app_e1", headers: { "x-consent-token": minted.body.access_token } };
    expect((await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken })).status).toBe(200);
    const expired = await expire("app_e1", minted.body.consent.id);
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ id: minted.body.consent.id, status: "expired", expires_at: NOW.toISOString(), revoked_at: null });
    const refused = await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken });
    expectProblemShape(refused, 401, "consent_expired");
    expect(refused.body.detail).toContain(minted.body.consent.id);
    expect((await token(t.app, "app_e1", { grant_type: "refresh_token", refresh_token: minted.body.refresh_token })).body).toMatchObject({
      error: "invalid_grant",
    });
    expect((await expire("app_e1", minted.body.consent.id)).body).toEqual(expired.body);
    expect(
      (await bank.get("/v1/consents", "/v1/consents?status=expired", { tenant: "app_e1" })).body.data.map((c: { id: string }) => c.id),
    ).toEqual([minted.body.consent.id]);
  });

  it("ends a consent granted through the authorization server: its issued tokens stop too", async () => {
    const run = await runAuthorization(t.app, { appId: "app_e2" });
    const issued = await exchange(t.app, "app_e2", run.code!, run.verifier);
    const asToken = { tenant: "app_e2", headers: { "x-consent-token": issued.body.access_token } };
    expect((await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken })).status).toBe(200);
    expect((await expire("app_e2", issued.body.consent_id)).body.status).toBe("expired");
    expectProblemShape(await bank.request({ url: "/v1/accounts", template: "/v1/accounts", ...asToken }), 401, "consent_expired");
    expect((await token(t.app, "app_e2", { grant_type: "refresh_token", refresh_token: issued.body.refresh_token })).body.error).toBe(
      "invalid_grant",
    );
  });

  it("leaves an ended consent as it ended, and another app's consent is a 404 like an unknown id", async () => {
    const minted = await mint("app_e3", { persona: "student", permissions: ["accounts:read"] });
    const id = minted.body.consent.id;
    expectProblemShape(await expire("app_e4", id), 404, "resource_not_found");
    expectProblemShape(await expire("app_e4", "cns_0000000000000000000000"), 404, "resource_not_found");
    expect((await bank.get("/v1/consents/{consent_id}", `/v1/consents/${id}`, { tenant: "app_e3" })).body.status).toBe("authorised");
    await bank.request({ method: "DELETE", url: `/v1/consents/${id}`, template: "/v1/consents/{consent_id}", tenant: "app_e3" });
    expect((await expire("app_e3", id)).body).toMatchObject({
      status: "revoked",
      expires_at: expect.not.stringMatching(NOW.toISOString()),
    });
    expectProblemShape(await expire("app_e3", "not-an-id"), 400, "validation_failed");
  });

  it("is for API keys: a consent token gets 403 api_key_required", async () => {
    const minted = await mint("app_e5", { persona: "student", permissions: ["accounts:read"] });
    const reply = await bank.request({
      method: "POST",
      url: `/v1/sandbox/consents/${minted.body.consent.id}/expire`,
      template: "/v1/sandbox/consents/{consent_id}/expire",
      tenant: "app_e5",
      headers: { "x-consent-token": minted.body.access_token },
    });
    expectProblemShape(reply, 403, "api_key_required");
  });
});
