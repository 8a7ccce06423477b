// The careful app's use of the open-banking standards, for the readiness check `standards`: every
// UK Open Banking call sends a fresh x-fapi-interaction-id, every Berlin Group call an X-Request-ID;
// a consent is created, authorised by the customer, its status read, and only then is data read
// under it. UK Open Banking needs the app's OAuth client (OPENBANK_CLIENT_ID, OPENBANK_CLIENT_SECRET,
// OPENBANK_REDIRECT_URI: README.md); the Berlin Group walk needs only the app's key.
import { createHash, randomBytes, randomUUID } from "node:crypto";

const UK = "/open-banking/v4.0/aisp";
const BG = "/berlin-group/v1";

export async function callStandards({ portal, apiKey, persona, log }) {
  const client = {
    id: process.env.OPENBANK_CLIENT_ID,
    secret: process.env.OPENBANK_CLIENT_SECRET,
    redirectUri: process.env.OPENBANK_REDIRECT_URI ?? "http://localhost:8080/callback",
  };
  if (client.id && client.secret) await ukAccounts({ portal, apiKey, client, persona, log });
  else log("UK Open Banking skipped: set OPENBANK_CLIENT_ID and OPENBANK_CLIENT_SECRET to use it");
  await berlinGroupAccounts({ portal, apiKey, persona, log });
}

/** One call with the standard's request id header; throws on an answer it did not expect. */
async function call(portal, method, path, { token, headers = {}, body, expect = [200, 201, 204] }) {
  const response = await fetch(`${portal}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  if (!expect.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// ---- UK Open Banking 4.0 ------------------------------------------------------------------------
async function ukAccounts({ portal, apiKey, client, persona, log }) {
  const uk = (method, path, token, body) =>
    call(portal, method, `${UK}${path}`, { token, body, headers: { "x-fapi-interaction-id": randomUUID() } });
  const created = await uk("POST", "/account-access-consents", apiKey, {
    Data: { Permissions: ["ReadAccountsDetail", "ReadBalances"], ExpirationDateTime: "2099-01-01T00:00:00+00:00" },
    Risk: {},
  });
  const consentId = created.Data.ConsentId;
  const code = await customerAuthorises(portal, client, consentId, persona);
  const tokens = await exchange(portal, client, code);
  // Read the consent's status before reaching for data: only an AUTH consent's token reads accounts.
  const status = (await uk("GET", `/account-access-consents/${consentId}`, apiKey)).Data.Status;
  if (status !== "AUTH" && status !== "Authorised") {
    log(`UK consent ${consentId} is ${status}: not reading data under it`);
    return;
  }
  const accounts = (await uk("GET", "/accounts", tokens.access_token)).Data.Account ?? [];
  for (const account of accounts.slice(0, 1)) await uk("GET", `/accounts/${account.AccountId}/balances`, tokens.access_token);
  log(`UK Open Banking: consent ${consentId} ${status}, ${accounts.length} account(s) read`);
}

/** The customer's walk through the bank's pages (scripted: sandbox only), for the consent named by openbanking_intent_id. */
async function customerAuthorises(portal, client, consentId, persona) {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const query = new URLSearchParams({
    client_id: client.id,
    response_type: "code",
    redirect_uri: client.redirectUri,
    scope: "openid accounts",
    state,
    nonce: randomBytes(16).toString("base64url"),
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    claims: JSON.stringify({ id_token: { openbanking_intent_id: { value: consentId, essential: true } } }),
  });
  const browser = new BankBrowser(portal);
  const login = await browser.go(`/oauth/authorize?${query}`);
  if (!login.html.includes('name="username"')) throw new Error(`the bank did not show its login page (${login.status})`);
  const consent = await browser.submit(login.html, { username: `user_${persona}`, password: `pass_${persona}` });
  if (!consent.html.includes('name="decision"')) throw new Error(`the bank did not show its consent page (${consent.status})`);
  const account = /name="account_id" value="([^"]+)"/.exec(consent.html)?.[1];
  const back = await browser.submit(consent.html, { decision: "approve", ...(account ? { account_id: account } : {}) });
  if (!back.away) throw new Error(`the bank did not send the customer back (${back.status})`);
  if (back.away.searchParams.get("state") !== state) throw new Error("the state that came back is not ours");
  const code = back.away.searchParams.get("code");
  if (!code) throw new Error(`the customer's authorisation failed: ${back.away.searchParams.get("error")}`);
  return { code, verifier };
}

async function exchange(portal, client, { code, verifier }) {
  const response = await fetch(`${portal}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: client.redirectUri, code_verifier: verifier }),
  });
  const tokens = await response.json();
  if (!response.ok) throw new Error(`token exchange: ${response.status} ${JSON.stringify(tokens)}`);
  return tokens;
}

/** Keeps the cookies the bank's pages set and follows their redirects, stopping where the bank sends the customer back. */
class BankBrowser {
  cookies = new Map();
  constructor(portal) {
    this.portal = portal;
  }
  async go(url, form) {
    let response = await this.fetch(new URL(url, this.portal), form);
    for (let hops = 0; hops < 8; hops++) {
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) break;
      const next = new URL(location, this.portal);
      if (next.origin !== new URL(this.portal).origin || !next.pathname.startsWith("/oauth/"))
        return { status: response.status, html: "", away: next };
      response = await this.fetch(next);
    }
    return { status: response.status, html: await response.text(), away: null };
  }
  submit(html, fields) {
    const action = /<form method="post" action="([^"]+)"/.exec(html)[1].replaceAll("&amp;", "&");
    const csrf = /name="csrf_token" value="([^"]*)"/.exec(html)?.[1] ?? "";
    return this.go(action, new URLSearchParams({ csrf_token: csrf, ...fields }));
  }
  async fetch(url, form) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: form,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      const value = pair.slice(index + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, index).trim());
      else this.cookies.set(pair.slice(0, index).trim(), value);
    }
    return response;
  }
}

// ---- Berlin Group NextGenPSD2 --------------------------------------------------------------------
async function berlinGroupAccounts({ portal, apiKey, persona, log }) {
  const psu = { "psu-id": `user_${persona}`, "psu-ip-address": "192.0.2.10", "tpp-decoupled-preferred": "true" };
  const bg = (method, path, { body, headers = {} } = {}) =>
    call(portal, method, `${BG}${path}`, { token: apiKey, body, headers: { "x-request-id": randomUUID(), ...headers } });
  const consent = await bg("POST", "/consents", {
    body: {
      access: { allPsd2: "allAccounts" },
      recurringIndicator: true,
      validUntil: "2099-01-01",
      frequencyPerDay: 4,
      combinedServiceIndicator: false,
    },
    headers: { ...psu, "tpp-explicit-authorisation-preferred": "true" },
  });
  const authorisation = await bg("POST", `/consents/${consent.consentId}/authorisations`, { headers: psu });
  // The PSU approves in the bank's app: the sandbox control stands in for it.
  await call(portal, "POST", `/v1/sandbox/berlin-group/authorisations/${authorisation.authorisationId}`, {
    token: apiKey,
    body: { decision: "approve" },
  });
  // Poll the status; read accounts only once the consent is valid, and never under a consent that ended.
  for (let attempt = 0; attempt < 10; attempt++) {
    const { consentStatus } = await bg("GET", `/consents/${consent.consentId}/status`);
    if (consentStatus === "valid") {
      const { accounts } = await bg("GET", "/accounts?withBalance=true", {
        headers: { "consent-id": consent.consentId, "psu-ip-address": "192.0.2.10" },
      });
      log(`Berlin Group: consent ${consent.consentId} valid, ${accounts.length} account(s) read`);
      return;
    }
    if (consentStatus !== "received") {
      log(`Berlin Group consent ${consent.consentId} is ${consentStatus}: not using it`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  log(`Berlin Group consent ${consent.consentId} was not authorised in time: not using it`);
}
