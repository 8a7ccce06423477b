import { createHash, randomBytes } from "node:crypto";
import { encodeClientDescriptor, internalClientSecret, type OAuthClientDescriptor } from "@openbank/contracts/oauth-client";
import type { BankApp } from "../src/app";
import { TEST_SECRET } from "./helpers";

export const REDIRECT = "https://client.example/callback";
export const CLIENT_ID = "cli_budgetbuddy0000000000000";

export function descriptor(appId: string, overrides: Partial<OAuthClientDescriptor> = {}): OAuthClientDescriptor {
  return {
    client_id: CLIENT_ID,
    app_id: appId,
    client_name: "Budget Buddy",
    redirect_uris: [REDIRECT],
    profile: "basic",
    token_endpoint_auth_method: "client_secret_basic",
    ...overrides,
  };
}

/** What the gateway sends for an app's OAuth calls: the internal secret and the client's description. */
export function clientHeaders(appId: string, overrides: Partial<OAuthClientDescriptor> = {}): Record<string, string> {
  return {
    "x-internal-secret": TEST_SECRET,
    "x-oauth-client": encodeClientDescriptor(descriptor(appId, overrides)),
  };
}

/** The Basic credentials the gateway sends once it has checked the developer's secret. */
export function basicAuth(clientId = CLIENT_ID): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(internalClientSecret(TEST_SECRET, clientId))}`).toString("base64")}`;
}

export function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  return `/oauth/authorize?${query}`;
}

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";

/** A browser's cookies for the bank's pages. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(setCookie: string | string[] | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type FlowOptions = {
  appId: string;
  scope?: string;
  persona?: string;
  password?: string;
  accounts?: (ids: string[]) => string[];
  state?: string;
  redirectUri?: string;
  /** Extra authorization parameters (nonce, claims, …) or, with `requestUri`, none at all. */
  params?: Record<string, string>;
  requestUri?: string;
  client?: Partial<OAuthClientDescriptor>;
  /** The browser's cookies, to walk a second time in the same browser. */
  jar?: CookieJar;
  /** What the customer answers on the consent page (approve by default). */
  decision?: "approve" | "deny";
};

const path = (location: string | undefined) => {
  const url = new URL(String(location), "http://portal.test");
  return url.origin === "http://portal.test" ? `${url.pathname}${url.search}` : null;
};

/**
 * Drives the browser through the bank as the gateway forwards it: authorize → login page →
 * login → consent page → decision → back to the app. Follows the bank's own redirects.
 */
export async function runAuthorization(app: BankApp, options: FlowOptions) {
  const { verifier, challenge } = pkce();
  const jar = options.jar ?? new CookieJar();
  const internal = { "x-internal-secret": TEST_SECRET };
  const client = clientHeaders(options.appId, options.client);
  const url = options.requestUri
    ? authorizeUrl({ client_id: CLIENT_ID, request_uri: options.requestUri })
    : authorizeUrl({
        client_id: CLIENT_ID,
        redirect_uri: options.redirectUri ?? REDIRECT,
        response_type: "code",
        scope: options.scope ?? "accounts:read transactions:read",
        state: options.state ?? "xyz",
        code_challenge: challenge,
        code_challenge_method: "S256",
        ...options.params,
      });
  let response = await app.inject({ url, headers: client });
  const pages: { login?: typeof response; consent?: typeof response } = {};
  const follow = async () => {
    // The bank's redirects among its own pages, until a page or the app's redirect URI.
    for (let hops = 0; hops < 6 && response.statusCode >= 300 && response.statusCode < 400; hops++) {
      jar.take(response.headers["set-cookie"]);
      const next = path(response.headers.location as string);
      if (!next) return;
      response = await app.inject({ url: next, headers: { ...internal, cookie: jar.header() } });
    }
    jar.take(response.headers["set-cookie"]);
  };
  await follow();
  const start = response;
  if (response.statusCode !== 200 || !response.body.includes('name="username"'))
    return { start, verifier, jar, location: null, code: null };
  pages.login = response;
  const persona = options.persona ?? "good_credit";
  const post = (action: string, form: URLSearchParams) =>
    app.inject({
      method: "POST",
      url: action,
      headers: { ...internal, cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
  const action = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)![1].replaceAll("&amp;", "&");
  response = await post(
    action(response.body),
    new URLSearchParams({
      csrf_token: hidden(response.body, "csrf_token"),
      username: `user_${persona}`,
      password: options.password ?? `pass_${persona}`,
    }),
  );
  const login = response;
  if (response.statusCode !== 303) return { start, login, verifier, jar, location: null, code: null };
  await follow();
  const consent = response;
  pages.consent = consent;
  const accountIds = [...consent.body.matchAll(/name="account_id" value="([^"]+)"/g)].map((m) => m[1]);
  const chosen = options.accounts ? options.accounts(accountIds) : accountIds.slice(0, 1);
  const form = new URLSearchParams({ csrf_token: hidden(consent.body, "csrf_token"), decision: options.decision ?? "approve" });
  for (const id of chosen) form.append("account_id", id);
  response = await post(action(consent.body), form);
  const decision = response;
  await follow();
  const location = response.headers.location ? new URL(String(response.headers.location)) : null;
  return {
    start,
    login,
    consent,
    decision,
    final: response,
    location,
    code: location?.searchParams.get("code") ?? null,
    verifier,
    jar,
    accountIds,
    chosen,
  };
}

export async function token(app: BankApp, appId: string | null, params: Record<string, string>, headers: Record<string, string> = {}) {
  const all: Record<string, string> = { "x-internal-secret": TEST_SECRET, "content-type": "application/x-www-form-urlencoded" };
  if (appId) Object.assign(all, clientHeaders(appId), { authorization: basicAuth(), "x-app-id": appId, "x-tenant-id": appId });
  Object.assign(all, headers);
  const response = await app.inject({ method: "POST", url: "/oauth/token", headers: all, payload: new URLSearchParams(params).toString() });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

export const exchange = (
  app: BankApp,
  appId: string,
  code: string,
  verifier: string,
  redirectUri = REDIRECT,
  headers: Record<string, string> = {},
) => token(app, appId, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri }, headers);

/** The app's own token (client credentials) with a standard's scope, e.g. `accounts`. */
export async function clientCredentialsToken(app: BankApp, appId: string, scope: string): Promise<string> {
  const response = await token(app, appId, { grant_type: "client_credentials", scope });
  if (response.status !== 200) throw new Error(`client credentials: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.access_token as string;
}

/**
 * A customer authorises a standard's consent the app created (UK Open Banking): the authorization
 * names it with `openbanking_intent_id`, the customer logs in, picks accounts and approves (or,
 * with `deny`, rejects). Returns the flow and, when approved, the tokens.
 */
export async function authoriseStandardConsent(
  app: BankApp,
  options: { appId: string; consentId: string; scope: string; persona?: string; accounts?: (ids: string[]) => string[]; deny?: boolean },
) {
  const claims = JSON.stringify({ id_token: { openbanking_intent_id: { value: options.consentId, essential: true } } });
  const flow = await runAuthorization(app, {
    appId: options.appId,
    scope: `openid ${options.scope}`,
    persona: options.persona,
    accounts: options.deny ? () => [] : options.accounts,
    params: { claims, nonce: "n-standard" },
    decision: options.deny ? "deny" : "approve",
  });
  if (!flow.code) return { flow, tokens: null, accessToken: null };
  const tokens = await exchange(app, options.appId, flow.code, flow.verifier);
  return { flow, tokens: tokens.body, accessToken: (tokens.body.access_token as string | undefined) ?? null };
}
