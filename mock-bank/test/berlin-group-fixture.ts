import { expect } from "vitest";
import type { BankApp } from "../src/app";
import { expectBgConformant, requestId } from "../../tests/support/berlin-group";
import { gatewayHeaders, TEST_SECRET } from "./helpers";
import { encodeClientDescriptor } from "@openbank/contracts/oauth-client";
import { basicAuth, descriptor, token } from "./oauth-fixture";

export { requestId };

/** A redirect URI the test app registers with its OAuth client (oauth-fixture's REDIRECT). */
export { REDIRECT } from "./oauth-fixture";

// Parsed JSON: tests read fields freely; expectBgConformant has already checked the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BgReply = { status: number; headers: Record<string, unknown>; body: any };

/**
 * Calls the Berlin Group surface as the gateway forwards it (the app's tenant, X-Request-ID as
 * `x-bg-request-id`) and checks every answer against the official document.
 */
export async function bg(
  app: BankApp,
  options: { method?: string; url: string; tenant?: string; headers?: Record<string, string>; body?: unknown; requestId?: string },
): Promise<BgReply> {
  const method = options.method ?? "GET";
  const id = options.requestId ?? requestId();
  const headers: Record<string, string> = { ...gatewayHeaders(options.tenant ?? "app_bg", { "x-bg-request-id": id }), ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await app.inject({
    method: method as "GET",
    url: `/berlin-group/v1${options.url}`,
    headers,
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = response.body === "" ? undefined : response.json();
  expectBgConformant({
    method,
    path: `/berlin-group/v1${options.url}`,
    status: response.statusCode,
    headers: response.headers as Record<string, string | string[] | undefined>,
    body,
  });
  expect(response.headers["x-request-id"]).toBe(id);
  return { status: response.statusCode, headers: response.headers, body };
}

/** The first tppMessage's code and the status, for refusals. */
export function expectTpp(reply: BgReply, status: number, code: string): void {
  if (reply.status !== status || reply.body?.tppMessages?.[0]?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}

/** A persona's accounts in a tenant (seeding it), by type. */
export async function personaAccounts(app: BankApp, tenant: string, persona = "good_credit") {
  await app.ensureTenant(tenant);
  const rows = await app.db.bankAccount.findMany({
    where: { tenantId: tenant, customer: { persona } },
    select: { id: true, iban: true, type: true, maskedPan: true },
    orderBy: { id: "asc" },
  });
  const of = (type: string) => rows.find((row) => row.type === type)!;
  return { current: of("current"), savings: of("savings"), card: of("credit_card"), all: rows };
}

/**
 * The app's OAuth client as the bank learns it: one /oauth call (a client-credentials token) stores
 * its metadata, redirect URIs included. Returns the token (scopes as asked).
 */
export async function registerClient(app: BankApp, appId: string, scope = "accounts payments fundsconfirmations"): Promise<string> {
  // One OAuth client per app (oauth-fixture's shares one id across apps).
  const clientId = `cli_${appId
    .replace(/[^A-Za-z0-9]/g, "")
    .padEnd(22, "0")
    .slice(0, 22)}`;
  const answer = await token(
    app,
    appId,
    { grant_type: "client_credentials", scope },
    { "x-oauth-client": encodeClientDescriptor(descriptor(appId, { client_id: clientId })), authorization: basicAuth(clientId) },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.access_token as string;
}

export const consentBody = (ibans: string[], overrides: Record<string, unknown> = {}) => ({
  access: {
    accounts: ibans.map((iban) => ({ iban })),
    balances: ibans.map((iban) => ({ iban })),
    transactions: ibans.map((iban) => ({ iban })),
  },
  recurringIndicator: true,
  validUntil: "9999-12-31",
  frequencyPerDay: 4,
  combinedServiceIndicator: false,
  ...overrides,
});

export const PSU_IP = { "psu-ip-address": "192.0.2.10" };
export const EMBEDDED = { ...PSU_IP, "tpp-redirect-preferred": "false" };
export const DECOUPLED = { ...PSU_IP, "tpp-decoupled-preferred": "true" };

/** Drives an EMBEDDED authorisation to its end: password, method, OTP. */
export async function authoriseEmbedded(
  app: BankApp,
  tenant: string,
  scaStatusHref: string,
  options: { persona?: string; password?: string; otp?: string } = {},
) {
  const url = scaStatusHref.replace("/berlin-group/v1", "");
  const persona = options.persona ?? "good_credit";
  const headers = { "psu-id": `user_${persona}` };
  const password = await bg(app, {
    method: "PUT",
    url,
    tenant,
    headers,
    body: { psuData: { password: options.password ?? `pass_${persona}` } },
  });
  if (password.status !== 200) return { password };
  const method = await bg(app, { method: "PUT", url, tenant, body: { authenticationMethodId: "sms-otp" } });
  const otp = await bg(app, { method: "PUT", url, tenant, body: { scaAuthenticationData: options.otp ?? "123456" } });
  return { password, method, otp };
}

/** The internal secret for routes outside the gateway's tenant (the SCA pages). */
export const internal = { "x-internal-secret": TEST_SECRET };

const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
const formAction = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)?.[1].replaceAll("&amp;", "&") ?? "";

/**
 * A browser on the bank's SCA page (REDIRECT), as the gateway forwards it (internal secret and the
 * page's cookies only): log in, review, approve or refuse. Returns the pages and where the browser
 * was sent back to.
 */
export async function walkScaPage(
  app: BankApp,
  scaRedirect: string,
  options: { persona?: string; password?: string; decision?: "approve" | "deny"; choose?: (ids: string[]) => string[] } = {},
) {
  const cookies = new Map<string, string>();
  const keep = (setCookie: string | string[] | undefined) => {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      if (/Max-Age=0/i.test(line)) cookies.delete(pair.slice(0, index));
      else cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  };
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const path = new URL(scaRedirect).pathname;
  const get = async (url: string) => {
    const response = await app.inject({ method: "GET", url, headers: { ...internal, cookie: cookie() } });
    keep(response.headers["set-cookie"]);
    return response;
  };
  const post = async (url: string, form: URLSearchParams) => {
    const response = await app.inject({
      method: "POST",
      url,
      headers: { ...internal, cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
      payload: form.toString(),
    });
    keep(response.headers["set-cookie"]);
    return response;
  };
  const loginPage = await get(path);
  if (!loginPage.body.includes('name="username"')) return { loginPage, location: null as string | null };
  const persona = options.persona ?? "good_credit";
  const login = await post(
    formAction(loginPage.body),
    new URLSearchParams({
      csrf_token: hiddenField(loginPage.body, "csrf_token"),
      username: `user_${persona}`,
      password: options.password ?? `pass_${persona}`,
    }),
  );
  if (login.statusCode !== 303) return { loginPage, login, location: null as string | null };
  const reviewPage = await get(String(login.headers.location));
  const accountIds = [...reviewPage.body.matchAll(/name="account_id" value="([^"]+)"/g)].map((match) => match[1]);
  const decision = new URLSearchParams({ csrf_token: hiddenField(reviewPage.body, "csrf_token"), decision: options.decision ?? "approve" });
  for (const id of (options.choose ?? ((ids) => ids.slice(0, 1)))(accountIds)) decision.append("account_id", id);
  const decided = await post(formAction(reviewPage.body), decision);
  return {
    loginPage,
    login,
    reviewPage,
    accountIds,
    decided,
    location: decided.statusCode === 303 ? String(decided.headers.location) : null,
  };
}

/** The sandbox control standing in for the PSU's app (DECOUPLED). */
export async function decideDecoupled(app: BankApp, tenant: string, authorisationId: string, body: Record<string, unknown>) {
  const response = await app.inject({
    method: "POST",
    url: `/v1/sandbox/berlin-group/authorisations/${authorisationId}`,
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json() };
}
