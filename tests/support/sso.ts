import { randomBytes } from "node:crypto";
import { PortalClient } from "./portal-client";

/** An account of the test OpenID provider (scripts/test-oidc-provider.mjs): the claims it hands out. */
export type IdpAccount = { sub: string; email?: string; email_verified?: boolean; name?: string };

/** Registers an account with the test provider; `email_verified` defaults to true. */
export async function addIdpAccount(issuer: string, account: Partial<IdpAccount> & { email?: string }): Promise<IdpAccount> {
  const full = { sub: `idp-${randomBytes(6).toString("hex")}`, email_verified: true, name: "SSO Developer", ...account };
  const response = await fetch(`${issuer}/test/accounts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(full),
  });
  if (response.status !== 201) throw new Error(`could not register ${full.sub} with the test provider: ${response.status}`);
  return full;
}

/** A browser's cookie jar for the provider's origin (its interaction cookies, and its session: it remembers who signed in). */
export class IdpBrowser {
  private cookies = new Map<string, string>();
  header = () => [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  keep(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
}

/**
 * Signs in with single sign-on as a browser would, without one: next-auth's CSRF token and
 * sign-in POST (which sets the state, PKCE and nonce cookies and answers the provider's
 * authorization URL), the provider's login page (as `login`), its redirects, and the portal's
 * callback. Returns where the portal sent the browser in the end (`/dashboard`, or
 * `/signin?error=…`), whether it now holds a session cookie, and whether the provider asked to log
 * in (`prompted`; not when `idp` remembers a session, unless `prompt: "login"`).
 */
export async function signInWithSso(
  client: PortalClient,
  login: string,
  options: { callbackUrl?: string; prompt?: "login"; idp?: IdpBrowser } = {},
): Promise<{ location: string; signedIn: boolean; prompted: boolean }> {
  const csrf = (await (await client.request("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
  const query = options.prompt ? `?prompt=${options.prompt}` : "";
  const start = await client.request("POST", `/api/auth/signin/sso${query}`, {
    csrfToken: csrf.csrfToken,
    callbackUrl: new URL(options.callbackUrl ?? "/dashboard", client.baseUrl).toString(),
    json: "true", // next-auth answers the provider's URL as JSON only for the string "true"
  });
  const { url } = (await start.json()) as { url: string };
  if (!url || new URL(url).origin === new URL(client.baseUrl).origin) throw new Error(`single sign-on did not start: ${url}`);

  // At the provider: follow its redirects, and sign in on its login page.
  const idp = options.idp ?? new IdpBrowser();
  let prompted = false;
  const issuer = new URL(url).origin;
  let next = url;
  let method = "GET";
  let body: string | undefined;
  for (let hops = 0; new URL(next).origin === issuer; hops++) {
    if (hops > 10) throw new Error("too many redirects at the provider");
    const response = await fetch(next, {
      method,
      redirect: "manual",
      headers: { cookie: idp.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    idp.keep(response);
    const location = response.headers.get("location");
    if (location) {
      next = new URL(location, next).toString();
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await response.text();
    const form = /<form method="post" action="([^"]+\/login)"/.exec(html);
    if (response.status !== 200 || !form || body) throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
    next = new URL(form[1], next).toString();
    method = "POST";
    body = new URLSearchParams({ login }).toString();
    prompted = true;
  }

  // Back at the portal: its callback checks state, PKCE and nonce, exchanges the code, and decides.
  const callback = await client.request("GET", next);
  const location = callback.headers.get("location") ?? "";
  const signedIn = callback.headers.getSetCookie().some((cookie) => /next-auth\.session-token=[^;]+/.test(cookie));
  return { location: new URL(location, client.baseUrl).toString(), signedIn, prompted };
}

/** A new developer created by single sign-on (a fresh provider account), signed in. */
export async function newSsoDeveloper(portalUrl: string, issuer: string, account: Partial<IdpAccount> = {}) {
  const email = account.email ?? `sso-${randomBytes(6).toString("hex")}@example.com`;
  const idpAccount = await addIdpAccount(issuer, { ...account, email });
  const client = new PortalClient(portalUrl);
  const result = await signInWithSso(client, idpAccount.sub);
  if (!result.signedIn) throw new Error(`single sign-on failed for ${email}: ${result.location}`);
  return { client, email, account: idpAccount };
}
