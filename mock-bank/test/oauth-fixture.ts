import { createHash, randomBytes } from "node:crypto";
import type { BankApp } from "../src/app";
import { TEST_SECRET } from "./helpers";

export const REDIRECT = "https://client.example/callback";

/** What the gateway sends for an app's OAuth calls: the internal secret and the client. */
export function clientHeaders(appId: string, redirectUris: string[] = [REDIRECT], name = "Budget Buddy"): Record<string, string> {
  return {
    "x-internal-secret": TEST_SECRET,
    "x-tenant-id": appId,
    "x-app-id": appId,
    "x-app-name": encodeURIComponent(name),
    "x-app-redirect-uris": encodeURIComponent(JSON.stringify(redirectUris)),
  };
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

export type FlowOptions = {
  appId: string;
  scope?: string;
  persona?: string;
  password?: string;
  accounts?: (ids: string[]) => string[];
  state?: string;
  redirectUri?: string;
};

/**
 * Drives the browser side through the bank's pages as the gateway would forward them:
 * authorize → login → consent → decision. Returns the redirect and the PKCE verifier.
 */
export async function runAuthorization(app: BankApp, options: FlowOptions) {
  const { verifier, challenge } = pkce();
  const headers = clientHeaders(options.appId);
  const start = await app.inject({
    url: authorizeUrl({
      client_id: "cli_x",
      redirect_uri: options.redirectUri ?? REDIRECT,
      response_type: "code",
      scope: options.scope ?? "accounts:read transactions:read",
      state: options.state ?? "xyz",
      code_challenge: challenge,
      code_challenge_method: "S256",
    }),
    headers,
  });
  if (start.statusCode !== 200) throw new Error(`authorize: ${start.statusCode} ${start.body.slice(0, 200)}`);
  const cookie = String(start.headers["set-cookie"]).split(";")[0];
  const internal = { "x-internal-secret": TEST_SECRET, cookie, "content-type": "application/x-www-form-urlencoded" };
  const persona = options.persona ?? "good_credit";
  const login = await app.inject({
    method: "POST",
    url: "/oauth/authorize/login",
    headers: internal,
    payload: new URLSearchParams({
      request_id: hidden(start.body, "request_id"),
      csrf_token: hidden(start.body, "csrf_token"),
      username: `user_${persona}`,
      password: options.password ?? `pass_${persona}`,
    }).toString(),
  });
  if (login.statusCode !== 303) return { login, verifier, cookie, start };
  const consent = await app.inject({ url: String(login.headers.location), headers: { "x-internal-secret": TEST_SECRET, cookie } });
  const accountIds = [...consent.body.matchAll(/name="account_id" value="([^"]+)"/g)].map((m) => m[1]);
  const chosen = options.accounts ? options.accounts(accountIds) : accountIds.slice(0, 1);
  const form = new URLSearchParams({
    request_id: hidden(consent.body, "request_id"),
    csrf_token: hidden(consent.body, "csrf_token"),
    decision: "approve",
  });
  for (const id of chosen) form.append("account_id", id);
  const decision = await app.inject({ method: "POST", url: "/oauth/authorize/decision", headers: internal, payload: form.toString() });
  const location = decision.headers.location ? new URL(String(decision.headers.location)) : null;
  return {
    start,
    login,
    consent,
    decision,
    location,
    code: location?.searchParams.get("code") ?? null,
    verifier,
    cookie,
    accountIds,
    chosen,
  };
}

export async function token(app: BankApp, appId: string | null, params: Record<string, string>) {
  const headers: Record<string, string> = { "x-internal-secret": TEST_SECRET, "content-type": "application/x-www-form-urlencoded" };
  if (appId) Object.assign(headers, { "x-app-id": appId, "x-tenant-id": appId });
  const response = await app.inject({ method: "POST", url: "/oauth/token", headers, payload: new URLSearchParams(params).toString() });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

export const exchange = (app: BankApp, appId: string, code: string, verifier: string, redirectUri = REDIRECT) =>
  token(app, appId, { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: redirectUri });
