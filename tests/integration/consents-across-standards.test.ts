import { Issuer, type BaseClient } from "openid-client";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { field, formAction } from "../support/bank-browser";
import { loadContract } from "../support/contract";
import { dpopKey, fapiApp, fapiAuthorize } from "../support/fapi-client";
import { PortalClient, sandbox } from "../support/portal-client";

/**
 * One consent store under every API, through the real gateway: the portal's consent list and its
 * revoke, /v1/consents, and the bank-hosted connected-apps page a test customer opens from the
 * app page's signed link, on the portal's origin.
 */
const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
let issuer: Issuer<BaseClient>;
let developer: PortalClient;
let app: Awaited<ReturnType<typeof fapiApp>>;

beforeAll(async () => {
  issuer = await Issuer.discover(portalUrl);
  ({ client: developer } = await PortalClient.newDeveloper(portalUrl, "Consent Keeper", { verified: true }));
  app = await fapiApp(issuer, developer, "Keeper");
});

type PortalConsent = { id: string; standard: string; kind: string; status: string; revoked_by: string | null; persona: string | null };

/** A /v1 consent the customer authorised through the FAPI 2.0 flow, and its DPoP-bound tokens. */
async function v1Consent() {
  const key = dpopKey();
  const { params, checks } = await fapiAuthorize(portalUrl, app.client, "openid accounts:read");
  const tokens = await app.client.callback(undefined, params, checks, { DPoP: key });
  return { consentId: tokens.consent_id as string, accessToken: tokens.access_token!, key };
}

/** The bank's connected-apps page as a browser on the portal origin: only what a browser keeps. */
class CustomerBrowser {
  private readonly cookies = new Map<string, string>();
  async go(url: string, form?: Record<string, string>) {
    const response = await fetch(new URL(url, portalUrl), {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        // The portal's own session cookie rides along in a real browser; the gateway keeps it from the bank.
        cookie: ["next-auth.session-token=portal-only", ...[...this.cookies].map(([name, value]) => `${name}=${value}`)].join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (value && !/Max-Age=0/i.test(line)) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return { response, html: await response.text(), setCookie: response.headers.getSetCookie() };
  }
  async signIn(link: string, persona = "good_credit") {
    const login = await this.go(link);
    expect(login.response.status).toBe(200);
    const fields = Object.fromEntries(["tenant", "app", "exp", "sig", "csrf_token"].map((name) => [name, field(login.html, name)]));
    const submitted = await this.go(formAction(login.html), { ...fields, username: `user_${persona}`, password: `pass_${persona}` });
    expect(submitted.response.status).toBe(303);
    return this.go(submitted.response.headers.get("location")!);
  }
}

const portalConsents = async (who = developer) => {
  const listed = await who.json<{ data: PortalConsent[] }>("GET", `/api/apps/${app.appId}/consents`);
  expect(listed.status).toBe(200);
  return listed.body.data;
};

describe("the portal's consent list", () => {
  it("lists the app's consents with their standard and kind, and revokes one: its DPoP-bound token stops at once", async () => {
    const consent = await v1Consent();
    const listed = (await portalConsents()).find((item) => item.id === consent.consentId);
    expect(listed).toMatchObject({
      standard: "v1",
      kind: "account_access",
      status: "authorised",
      persona: "good_credit",
      revoked_by: null,
    });
    const before = await app.client.requestResource(`${portalUrl}/v1/accounts`, consent.accessToken, { DPoP: consent.key });
    expect(before.statusCode).toBe(200);

    const revoked = await developer.json<PortalConsent>("DELETE", `/api/apps/${app.appId}/consents/${consent.consentId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: consent.consentId, status: "revoked", revoked_by: "developer" });
    const after = await app.client.requestResource(`${portalUrl}/v1/accounts`, consent.accessToken, { DPoP: consent.key });
    expect(after.statusCode).toBe(401);
    expect(JSON.parse(after.body!.toString()).code).toBe("consent_revoked");

    const viaApi = await sandbox(portalUrl, app.apiKey, `/v1/consents/${consent.consentId}`);
    const body = await viaApi.json();
    contract.expectValid("get", "/v1/consents/{consent_id}", viaApi, body);
    expect(body).toMatchObject({ standard: "v1", status: "revoked", revoked_by: "developer" });
  });

  it("is the bank's /v1/consents, filterable by standard (the role table of portal-routes covers who may revoke)", async () => {
    const all = await sandbox(portalUrl, app.apiKey, "/v1/consents?standard=v1&limit=100");
    const body = await all.json();
    contract.expectValid("get", "/v1/consents", all, body);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((consent: PortalConsent) => consent.standard === "v1")).toBe(true);
  });
});

describe("the customer's connected-apps page through the gateway", () => {
  it("opens from the app page's signed link, lists the customer's access, and withdraws it (revoked_by customer)", async () => {
    const consent = await v1Consent();
    const link = await developer.json<{ url: string; expires_at: string }>("POST", `/api/apps/${app.appId}/connected-apps-link`);
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(
      new RegExp(`^${portalUrl}/oauth/connected-apps\\?tenant=${app.appId}&app=Keeper&exp=\\d+&sig=[A-Za-z0-9_-]{43}$`),
    );
    expect(new Date(link.body.expires_at).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const browser = new CustomerBrowser();
    const list = await browser.signIn(link.body.url);
    expect(list.response.status).toBe(200);
    expect(list.html).toContain(`data-consent-id="${consent.consentId}"`);
    expect(list.html).toContain("Keeper");
    const csrf = field(list.html, "csrf_token");
    const confirm = await browser.go("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: consent.consentId });
    expect(confirm.html).toContain("Withdraw Keeper");
    const done = await browser.go("/oauth/connected-apps/revoke", { csrf_token: csrf, consent_id: consent.consentId, confirm: "yes" });
    expect(done.response.status).toBe(303);
    expect((await browser.go(done.response.headers.get("location")!)).html).toContain("Access withdrawn");

    const after = await app.client.requestResource(`${portalUrl}/v1/accounts`, consent.accessToken, { DPoP: consent.key });
    expect(after.statusCode).toBe(401);
    expect((await portalConsents()).find((item) => item.id === consent.consentId)).toMatchObject({
      status: "revoked",
      revoked_by: "customer",
    });
  });

  it("keeps the page's cookie to its own path and the portal's session away from the bank; logout ends it", async () => {
    const link = await developer.json<{ url: string }>("POST", `/api/apps/${app.appId}/connected-apps-link`);
    const browser = new CustomerBrowser();
    const login = await browser.go(link.body.url);
    expect(login.setCookie).toHaveLength(1);
    expect(login.setCookie[0]).toMatch(/^ob_connected_apps=[^;]+; Path=\/oauth\/connected-apps; HttpOnly; SameSite=Strict; Max-Age=1800$/);
    expect(login.response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const list = await browser.signIn(link.body.url);
    const out = await browser.go("/oauth/connected-apps/logout", { csrf_token: field(list.html, "csrf_token") });
    expect(out.html).toContain("You have logged out");
    expect((await browser.go("/oauth/connected-apps")).response.status).toBe(401);
  });

  it("refuses a forged link, another app's signature and a tampered tenant, with one page for all", async () => {
    const { client: other } = await PortalClient.newDeveloper(portalUrl, "Other Team", { verified: true });
    const otherApp = await other.createApp("Not yours");
    const mine = new URL((await developer.json<{ url: string }>("POST", `/api/apps/${app.appId}/connected-apps-link`)).body.url);
    // Another team cannot get a link for this app (404 as for any app not theirs).
    expect((await other.json("POST", `/api/apps/${app.appId}/connected-apps-link`)).status).toBe(404);
    const pages = new Set<string>();
    const tampered = new URL(mine);
    tampered.searchParams.set("tenant", otherApp.app.id);
    const forged = new URL(mine);
    forged.searchParams.set("sig", "A".repeat(43));
    const unknown = new URL(mine);
    unknown.searchParams.set("tenant", "app_doesNotExist00000000");
    const renamed = new URL(mine);
    renamed.searchParams.set("app", "Your Bank (official)");
    for (const url of [tampered, forged, unknown, renamed]) {
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(403);
      pages.add(await response.text());
    }
    expect(pages.size).toBe(1);
    // Signed out: the bare page opens nothing, and a signed-out developer gets no link.
    expect((await fetch(`${portalUrl}/oauth/connected-apps`)).status).toBe(401);
    expect((await new PortalClient(portalUrl).json("POST", `/api/apps/${app.appId}/connected-apps-link`)).status).toBe(401);
  });
});
