import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers";
import {
  authoriseEmbedded,
  bg,
  consentBody,
  DECOUPLED,
  decideDecoupled,
  EMBEDDED,
  expectTpp,
  personaAccounts,
  PSU_IP,
  REDIRECT,
  registerClient,
  walkScaPage,
} from "./berlin-group-fixture";

/**
 * Berlin Group NextGenPSD2 consents: create, read, status, delete, and their authorisations by the
 * three SCA approaches. Every answer is checked against the official document (bg()).
 */

const TENANT = "app_bgconsents";
const OTHER = "app_bgconsentsother";
let t: TestApp;
let ibans: { current: string; savings: string; otherCustomer: string };
let ids: { current: string; savings: string };

const create = (body: unknown, headers: Record<string, string> = { ...PSU_IP, "tpp-redirect-uri": REDIRECT }, tenant = TENANT) =>
  bg(t.app, { method: "POST", url: "/consents", tenant, headers, body });

const path = (href: string) => href.replace("/berlin-group/v1", "");

beforeAll(async () => {
  t = await buildTestApp();
  const mine = await personaAccounts(t.app, TENANT);
  const other = await personaAccounts(t.app, TENANT, "thin_file");
  ibans = { current: mine.current.iban!, savings: mine.savings.iban!, otherCustomer: other.current.iban! };
  ids = { current: mine.current.id, savings: mine.savings.id };
  await registerClient(t.app, TENANT);
  await registerClient(t.app, OTHER);
});
afterAll(() => t.close());

describe("POST /v1/consents", () => {
  it("creates a received consent with a REDIRECT authorisation on the bank's page", async () => {
    const created = await create(consentBody([ibans.current]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ consentStatus: "received", consentId: expect.stringMatching(/^cns_/), scaStatus: "received" });
    expect(created.headers.location).toBe(`/berlin-group/v1/consents/${created.body.consentId}`);
    expect(created.headers["aspsp-sca-approach"]).toBe("REDIRECT");
    expect(created.body._links.scaRedirect.href).toMatch(/^http:\/\/portal\.test\/oauth\/sca\/sca_/);
    expect(created.body._links.scaStatus.href).toMatch(
      new RegExp(`^/berlin-group/v1/consents/${created.body.consentId}/authorisations/sca_`),
    );

    const read = await bg(t.app, { url: `/consents/${created.body.consentId}`, tenant: TENANT });
    expect(read.body).toMatchObject({
      consentStatus: "received",
      recurringIndicator: true,
      frequencyPerDay: 4,
      access: { accounts: [{ iban: ibans.current }] },
    });
    // 9999-12-31 asks for the longest validity: 90 days on the sandbox clock.
    const days = (Date.parse(read.body.validUntil) - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000;
    expect(days).toBe(90);
    const status = await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT });
    expect(status.body).toEqual({ consentStatus: "received" });
    const list = await bg(t.app, { url: `/consents/${created.body.consentId}/authorisations`, tenant: TENANT });
    expect(list.body.authorisationIds).toHaveLength(1);
    const sca = await bg(t.app, { url: path(created.body._links.scaStatus.href), tenant: TENANT });
    expect(sca.body.scaStatus).toBe("received");
  });

  it("refuses what the standard and the sandbox do not allow, each with its code and path", async () => {
    const cases: [unknown, Record<string, string>, number, string, string?][] = [
      [consentBody([ibans.current]), { "tpp-redirect-uri": REDIRECT }, 400, "FORMAT_ERROR", "PSU-IP-Address"],
      [consentBody([ibans.current]), { ...PSU_IP }, 400, "FORMAT_ERROR", "TPP-Redirect-URI"],
      [
        consentBody([ibans.current]),
        { ...PSU_IP, "tpp-redirect-uri": "https://evil.example/steal" },
        400,
        "FORMAT_ERROR",
        "TPP-Redirect-URI",
      ],
      [
        consentBody([ibans.current]),
        { ...PSU_IP, "tpp-redirect-uri": REDIRECT, "tpp-nok-redirect-uri": "https://evil.example/nok" },
        400,
        "FORMAT_ERROR",
        "TPP-Nok-Redirect-URI",
      ],
      [consentBody(["GB29NWBK60161331926819"]), EMBEDDED, 400, "RESOURCE_UNKNOWN", "access.accounts[0].iban"],
      [consentBody([ibans.current, ibans.otherCustomer]), EMBEDDED, 400, "FORMAT_ERROR", "access"],
      [consentBody([ibans.current], { validUntil: "2001-01-01" }), EMBEDDED, 400, "FORMAT_ERROR", "validUntil"],
      [consentBody([ibans.current], { recurringIndicator: false, frequencyPerDay: 2 }), EMBEDDED, 400, "FORMAT_ERROR", "frequencyPerDay"],
      [consentBody([ibans.current], { frequencyPerDay: 5 }), EMBEDDED, 400, "FORMAT_ERROR", "frequencyPerDay"],
      [{ ...consentBody([]), access: { accounts: [], balances: [], transactions: [] } }, EMBEDDED, 400, "FORMAT_ERROR", "access"],
      [
        { ...consentBody([]), access: { allPsd2: "allAccounts", availableAccounts: "allAccounts" } },
        EMBEDDED,
        400,
        "FORMAT_ERROR",
        "access",
      ],
      [{ ...consentBody([ibans.current]), recurringIndicator: "yes" }, EMBEDDED, 400, "FORMAT_ERROR"],
      [consentBody([ibans.current]), { ...EMBEDDED, "psu-id": "user_nobody" }, 400, "FORMAT_ERROR", "PSU-ID"],
      [consentBody([ibans.current]), { ...EMBEDDED, "psu-id": "user_thin_file" }, 400, "FORMAT_ERROR", "PSU-ID"],
    ];
    for (const [body, headers, status, code, where] of cases) {
      const refused = await create(body, headers);
      expectTpp(refused, status, code);
      if (where) expect(refused.body.tppMessages[0].path, JSON.stringify(refused.body)).toBe(where);
    }
    expect(
      await t.app.db.bankConsent.count({ where: { tenantId: TENANT, standard: "berlin_group", appId: TENANT, status: "valid" } }),
    ).toBe(0);
  });

  it("answers X-Request-ID and refuses a request without one", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/berlin-group/v1/consents/cns_x",
      headers: { "x-internal-secret": "test-internal-secret-".padEnd(40, "x"), "x-tenant-id": TENANT, "x-app-id": TENANT },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().tppMessages[0]).toMatchObject({ code: "FORMAT_ERROR", path: "X-Request-ID" });
  });
});

describe("REDIRECT: the bank's page", () => {
  it("logs the PSU in, shows what the TPP asks, and sends them back to TPP-Redirect-URI once approved", async () => {
    const created = await create(
      consentBody([ibans.current], { access: { accounts: [{ iban: ibans.current }], balances: [{ iban: ibans.current }] } }),
    );
    const walk = await walkScaPage(t.app, created.body._links.scaRedirect.href);
    expect(walk.loginPage.statusCode).toBe(200);
    expect(walk.loginPage.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(walk.reviewPage!.body).toContain("See the balances of Everyday Current Account");
    expect(walk.location).toBe(REDIRECT);
    const consent = await bg(t.app, { url: `/consents/${created.body.consentId}`, tenant: TENANT });
    expect(consent.body.consentStatus).toBe("valid");
    expect(consent.body._links.account.href).toBe("/berlin-group/v1/accounts");
    const sca = await bg(t.app, { url: path(created.body._links.scaStatus.href), tenant: TENANT });
    expect(sca.body.scaStatus).toBe("finalised");
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: created.body.consentId } });
    expect(JSON.parse(row.accountIds)).toEqual([ids.current]);
    // The page is spent.
    const again = await walkScaPage(t.app, created.body._links.scaRedirect.href);
    expect(again.loginPage.statusCode).toBe(409);
  });

  it("sends the PSU to TPP-Nok-Redirect-URI when they refuse, and the consent is rejected", async () => {
    await registerClient(t.app, TENANT);
    const nok = "https://client.example/callback";
    const created = await create(consentBody([ibans.current]), { ...PSU_IP, "tpp-redirect-uri": REDIRECT, "tpp-nok-redirect-uri": nok });
    const walk = await walkScaPage(t.app, created.body._links.scaRedirect.href, { decision: "deny" });
    expect(walk.location).toBe(nok);
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("rejected");
  });

  it("lets the PSU pick the accounts of a bank-offered consent, which then reads as a dedicated one", async () => {
    const created = await create({ ...consentBody([]), access: { accounts: [], balances: [], transactions: [] } });
    expect(created.status).toBe(201);
    const walk = await walkScaPage(t.app, created.body._links.scaRedirect.href, {
      choose: (found) => found.filter((id) => id === ids.savings),
    });
    expect(walk.accountIds).toEqual(expect.arrayContaining([ids.current, ids.savings]));
    expect(walk.location).toBe(REDIRECT);
    const consent = await bg(t.app, { url: `/consents/${created.body.consentId}`, tenant: TENANT });
    expect(consent.body.access.balances).toEqual([{ iban: ibans.savings, currency: "GBP" }]);
  });

  it("refuses the wrong password and a PSU who does not hold the accounts, on the page", async () => {
    const created = await create(consentBody([ibans.current]));
    const wrong = await walkScaPage(t.app, created.body._links.scaRedirect.href, { password: "nope" });
    expect(wrong.login!.statusCode).toBe(200);
    expect(wrong.login!.body).toContain("The username or password is not right");
    const stranger = await walkScaPage(t.app, created.body._links.scaRedirect.href, { persona: "thin_file" });
    expect(stranger.login!.body).toContain("does not hold the accounts");
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("received");
  });

  it("refuses a decision without the browser's login (CSRF and session binding)", async () => {
    const created = await create(consentBody([ibans.current]));
    const id = new URL(created.body._links.scaRedirect.href).pathname.split("/").pop();
    const forged = await t.app.inject({
      method: "POST",
      url: `/oauth/sca/${id}/decision`,
      headers: { "x-internal-secret": "test-internal-secret-".padEnd(40, "x"), "content-type": "application/x-www-form-urlencoded" },
      payload: "decision=approve&csrf_token=x",
    });
    expect(forged.statusCode).toBe(400);
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("received");
  });
});

describe("EMBEDDED: PSU credentials and the sandbox OTP through the API", () => {
  it("walks password → methods → OTP to a valid consent", async () => {
    const created = await create(consentBody([ibans.current]), { ...EMBEDDED, "psu-id": "user_good_credit" });
    expect(created.headers["aspsp-sca-approach"]).toBe("EMBEDDED");
    expect(created.body.scaStatus).toBe("psuIdentified");
    expect(created.body._links.updatePsuAuthentication.href).toBe(created.body._links.scaStatus.href);
    const steps = await authoriseEmbedded(t.app, TENANT, created.body._links.scaStatus.href);
    expect(steps.password.body).toMatchObject({
      scaStatus: "psuAuthenticated",
      scaMethods: expect.arrayContaining([expect.objectContaining({ authenticationMethodId: "sms-otp" })]),
    });
    expect(steps.method!.body).toMatchObject({ scaStatus: "scaMethodSelected", challengeData: { otpMaxLength: 6 } });
    expect(steps.otp!.body.scaStatus).toBe("finalised");
    expect(steps.otp!.headers["aspsp-sca-approach"]).toBe("EMBEDDED");
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("valid");
  });

  it("refuses a wrong password (PSU_CREDENTIALS_INVALID) and a wrong OTP (SCA_INVALID); the third wrong attempt fails it", async () => {
    const created = await create(consentBody([ibans.current]), { ...EMBEDDED, "psu-id": "user_good_credit" });
    const url = path(created.body._links.scaStatus.href);
    expectTpp(
      await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { psuData: { password: "wrong" } } }),
      401,
      "PSU_CREDENTIALS_INVALID",
    );
    expect((await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { psuData: { password: "pass_good_credit" } } })).status).toBe(200);
    expectTpp(await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { scaAuthenticationData: "123456" } }), 409, "STATUS_INVALID");
    expectTpp(
      await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { authenticationMethodId: "carrier-pigeon" } }),
      400,
      "SCA_METHOD_UNKNOWN",
    );
    expect((await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { authenticationMethodId: "app-otp" } })).status).toBe(200);
    // The wrong password counted: two wrong OTPs make three wrong attempts.
    expectTpp(await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { scaAuthenticationData: "000000" } }), 400, "SCA_INVALID");
    const third = await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { scaAuthenticationData: "111111" } });
    expectTpp(third, 400, "SCA_INVALID");
    expect(third.body.tppMessages[0].text).toContain("the authorisation failed");
    expect((await bg(t.app, { url, tenant: TENANT })).body.scaStatus).toBe("failed");
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("rejected");
    expectTpp(await bg(t.app, { method: "PUT", url, tenant: TENANT, body: { scaAuthenticationData: "123456" } }), 409, "STATUS_INVALID");
  });

  it("starts an explicit authorisation with the PSU's password in the body", async () => {
    const created = await create(consentBody([ibans.current]), { ...EMBEDDED, "tpp-explicit-authorisation-preferred": "true" });
    expect(created.body.scaStatus).toBeUndefined();
    expect(created.body._links.startAuthorisationWithPsuIdentification.href).toBe(
      `/berlin-group/v1/consents/${created.body.consentId}/authorisations`,
    );
    const started = await bg(t.app, {
      method: "POST",
      url: `/consents/${created.body.consentId}/authorisations`,
      tenant: TENANT,
      headers: { "tpp-redirect-preferred": "false", "psu-id": "user_good_credit" },
      body: { psuData: { password: "pass_good_credit" } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ scaStatus: "psuAuthenticated", authorisationId: expect.stringMatching(/^sca_/) });
    expect(started.body.scaMethods).toHaveLength(2);
    expect(started.headers.location).toBe(
      `/berlin-group/v1/consents/${created.body.consentId}/authorisations/${started.body.authorisationId}`,
    );
  });

  it("refuses a bank-offered consent (the PSU picks nothing through the API)", async () => {
    expectTpp(
      await create({ ...consentBody([]), access: { accounts: [], balances: [], transactions: [] } }, EMBEDDED),
      400,
      "FORMAT_ERROR",
    );
  });
});

describe("DECOUPLED: the sandbox control plays the PSU's app", () => {
  it("stays started until the control approves, then the consent is valid", async () => {
    const created = await create(consentBody([ibans.current]), DECOUPLED);
    expect(created.headers["aspsp-sca-approach"]).toBe("DECOUPLED");
    expect(created.body.scaStatus).toBe("started");
    expect(created.body.psuMessage).toContain("Open Bank app");
    const authorisationId = created.body._links.scaStatus.href.split("/").pop();
    expect((await bg(t.app, { url: path(created.body._links.scaStatus.href), tenant: TENANT })).body.scaStatus).toBe("started");
    // Another app cannot decide it; the TPP cannot push it through PUT.
    expect((await decideDecoupled(t.app, OTHER, authorisationId, { decision: "approve" })).status).toBe(404);
    expectTpp(
      await bg(t.app, {
        method: "PUT",
        url: path(created.body._links.scaStatus.href),
        tenant: TENANT,
        body: { scaAuthenticationData: "123456" },
      }),
      400,
      "FORMAT_ERROR",
    );
    const decided = await decideDecoupled(t.app, TENANT, authorisationId, { decision: "approve" });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toEqual({
      authorisation_id: authorisationId,
      sca_status: "finalised",
      resource: { type: "consent", id: created.body.consentId, status: "valid" },
    });
    expect((await decideDecoupled(t.app, TENANT, authorisationId, { decision: "deny" })).status).toBe(409);
  });

  it("refuses: the consent is rejected; a REDIRECT authorisation is not the control's", async () => {
    const created = await create(consentBody([ibans.current]), DECOUPLED);
    const authorisationId = created.body._links.scaStatus.href.split("/").pop();
    expect((await decideDecoupled(t.app, TENANT, authorisationId, { decision: "deny" })).body.resource.status).toBe("rejected");
    const redirect = await create(consentBody([ibans.current]));
    expect(
      (await decideDecoupled(t.app, TENANT, redirect.body._links.scaStatus.href.split("/").pop(), { decision: "approve" })).status,
    ).toBe(409);
  });

  it("grants all the persona's payment accounts for allPsd2, or those picked", async () => {
    const all = await create({ ...consentBody([]), access: { allPsd2: "allAccounts" } }, DECOUPLED);
    const decided = await decideDecoupled(t.app, TENANT, all.body._links.scaStatus.href.split("/").pop(), {
      decision: "approve",
      persona: "good_credit",
    });
    expect(decided.body.resource.status).toBe("valid");
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: all.body.consentId } });
    expect(JSON.parse(row.accountIds).sort()).toEqual([ids.current, ids.savings].sort());
    const picked = await create({ ...consentBody([]), access: { accounts: [], balances: [], transactions: [] } }, DECOUPLED);
    const id = picked.body._links.scaStatus.href.split("/").pop();
    expect((await decideDecoupled(t.app, TENANT, id, { decision: "approve" })).status).toBe(400);
    await decideDecoupled(t.app, TENANT, id, { decision: "approve", persona: "good_credit", account_ids: [ids.savings] });
    expect(JSON.parse((await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: picked.body.consentId } })).accountIds)).toEqual([
      ids.savings,
    ]);
  });
});

describe("DELETE /v1/consents/{consentId} and the lifecycle", () => {
  it("terminates a consent (terminatedByTpp, revoked by the tpp) and fires consent.revoked", async () => {
    const created = await create(consentBody([ibans.current]), DECOUPLED);
    await decideDecoupled(t.app, TENANT, created.body._links.scaStatus.href.split("/").pop(), { decision: "approve" });
    const deleted = await bg(t.app, { method: "DELETE", url: `/consents/${created.body.consentId}`, tenant: TENANT });
    expect(deleted.status).toBe(204);
    expect((await bg(t.app, { url: `/consents/${created.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe(
      "terminatedByTpp",
    );
    const row = await t.app.db.bankConsent.findUniqueOrThrow({ where: { id: created.body.consentId } });
    expect(row).toMatchObject({ status: "revoked", revokedBy: "tpp" });
    const events = await t.app.db.bankEvent.findMany({ where: { tenantId: TENANT, type: "consent.revoked" } });
    expect(events.some((event) => event.payload.includes(created.body.consentId))).toBe(true);
    expect((await bg(t.app, { method: "DELETE", url: `/consents/${created.body.consentId}`, tenant: TENANT })).status).toBe(204);
    expectTpp(
      await bg(t.app, { method: "POST", url: `/consents/${created.body.consentId}/authorisations`, tenant: TENANT, headers: EMBEDDED }),
      409,
      "STATUS_INVALID",
    );
  });

  it("a newly authorised recurring consent ends the PSU's former one with this TPP", async () => {
    const first = await create(consentBody([ibans.current]), DECOUPLED);
    await decideDecoupled(t.app, TENANT, first.body._links.scaStatus.href.split("/").pop(), { decision: "approve" });
    const second = await create(consentBody([ibans.savings]), DECOUPLED);
    await decideDecoupled(t.app, TENANT, second.body._links.scaStatus.href.split("/").pop(), { decision: "approve" });
    expect((await bg(t.app, { url: `/consents/${first.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("expired");
    expect((await bg(t.app, { url: `/consents/${second.body.consentId}/status`, tenant: TENANT })).body.consentStatus).toBe("valid");
  });
});

describe("security", () => {
  it("another app's consent is CONSENT_UNKNOWN everywhere, as an unknown id", async () => {
    const created = await create(consentBody([ibans.current]));
    const id = created.body.consentId;
    const authorisation = path(created.body._links.scaStatus.href);
    for (const [method, url] of [
      ["GET", `/consents/${id}`],
      ["GET", `/consents/${id}/status`],
      ["DELETE", `/consents/${id}`],
      ["GET", `/consents/${id}/authorisations`],
      ["POST", `/consents/${id}/authorisations`],
      ["GET", authorisation],
      ["PUT", authorisation],
      ["GET", "/consents/cns_doesnotexist"],
    ] as const)
      expectTpp(
        await bg(t.app, { method, url, tenant: OTHER, headers: EMBEDDED, body: method === "PUT" ? {} : undefined }),
        403,
        "CONSENT_UNKNOWN",
      );
    expectTpp(await bg(t.app, { url: `/consents/${id}/authorisations/sca_unknown`, tenant: TENANT }), 403, "RESOURCE_UNKNOWN");
    expect((await bg(t.app, { url: `/consents/${id}/status`, tenant: TENANT })).body.consentStatus).toBe("received");
  });

  it("a client-credentials token needs scope accounts; a redirect URI registered by another app is not this app's", async () => {
    const paymentsOnly = await registerClient(t.app, TENANT, "payments");
    const refused = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: { ...EMBEDDED, "x-consent-token": paymentsOnly },
      body: consentBody([ibans.current]),
    });
    // The TPP lacks the role (AIS) for this: 401 ROLE_INVALID, as the gateway answers a read-only key.
    expectTpp(refused, 401, "ROLE_INVALID");
    const ok = await bg(t.app, {
      method: "POST",
      url: "/consents",
      tenant: TENANT,
      headers: { ...EMBEDDED, "x-consent-token": await registerClient(t.app, TENANT, "accounts") },
      body: consentBody([ibans.current]),
    });
    expect(ok.status).toBe(201);
  });
});
