import { randomBytes } from "node:crypto";
import { linkIn, tokenOf, type Mailbox } from "./mailbox";

/**
 * A developer's browser-less session against the portal: signs up, signs in through
 * next-auth's credentials endpoint, and calls the portal's JSON API with the cookie.
 */
export class PortalClient {
  private cookies = new Map<string, string>();

  /**
   * `origin`: what the client sends as `Origin` (the portal's public URL). It differs from `baseUrl`
   * only when the client talks to one instance of several directly (they all share PORTAL_URL).
   */
  constructor(
    readonly baseUrl: string,
    readonly origin: string = baseUrl,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** A copy of this browser's cookie jar in another client (an attacker replaying a stolen cookie, a second instance). */
  copy(baseUrl = this.baseUrl): PortalClient {
    const twin = new PortalClient(baseUrl, this.origin);
    for (const [name, value] of this.cookies) twin.cookies.set(name, value);
    return twin;
  }

  private remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair.indexOf("=");
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: "manual",
      headers: {
        origin: this.origin,
        cookie: this.cookieHeader,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.remember(response);
    return response;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by assertions and the OpenAPI validator
  async json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; response: Response }> {
    const response = await this.request(method, path, body);
    const text = await response.clone().text(); // the response stays readable (expectProblem)
    return { status: response.status, body: text ? JSON.parse(text) : undefined, response };
  }

  /** `headers`: sent with the sign-in (a `user-agent`, an `x-forwarded-for`), as a browser behind a proxy would. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<void> {
    const { error, status } = await this.signInWith("credentials", { email, password }, headers);
    if (error !== null) throw new Error(`sign-in failed for ${email}: ${status} ${error}`);
  }

  /**
   * One sign-in attempt through a next-auth provider ("credentials" with email, password and a
   * second factor's `code` or `passkey`; "passkey"), as the sign-in form makes it. `error` is what
   * next-auth hands the form ("CredentialsSignin", "TwoFactorRequired:totp", …), null once signed in.
   */
  async signInWith(
    provider: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<{ error: string | null; status: number }> {
    const csrf = await this.request("GET", "/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(new URL(`/api/auth/callback/${provider}`, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader, origin: this.origin, ...headers },
      body: new URLSearchParams({ ...fields, csrfToken, json: "true", callbackUrl: this.baseUrl }),
    });
    this.remember(response);
    const { url } = (await response.json().catch(() => ({}))) as { url?: string };
    const error = url ? new URL(url, this.baseUrl).searchParams.get("error") : "no answer";
    const signedIn = [...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"));
    return { error: error ?? (signedIn ? null : `no session (${response.status})`), status: response.status };
  }

  /**
   * A brand-new developer with a unique email, signed in. `verified: true` also opens the link the
   * SMTP sink received (inviting members and requesting go-live need a verified address).
   */
  static async newDeveloper(baseUrl: string, name = "Test Developer", options: { verified?: boolean; mailbox?: Mailbox } = {}) {
    const client = new PortalClient(baseUrl);
    const email = `dev-${randomBytes(6).toString("hex")}@example.com`;
    // Ends in letters: "Sandbox-" + an all-digit hex string would read as the common "sandbox" + digits (refused).
    const password = `Sandbox-${randomBytes(8).toString("hex")}-dev`;
    const signup = await client.json("POST", "/api/signup", { name, email, password });
    if (signup.status !== 202) throw new Error(`sign-up failed: ${signup.status} ${JSON.stringify(signup.body)}`);
    await client.signIn(email, password);
    if (options.verified) await client.verifyEmail(email, options.mailbox);
    return { client, email, password };
  }

  /**
   * Opens the newest verification link mailed to `email` (the suite's SMTP sink, read from its
   * folder), as the developer would: the real link, the real endpoint.
   */
  async verifyEmail(email: string, mailbox?: Mailbox): Promise<string> {
    const inbox = mailbox ?? (await import("./suite-mailbox")).suiteMailbox();
    const mail = await inbox.next({ to: email, subject: "Verify your email address" });
    const token = tokenOf(linkIn(mail, "/verify-email/"));
    const verified = await this.json("POST", "/api/account/email/verify", { token });
    if (verified.status !== 200) throw new Error(`verification failed: ${verified.status} ${JSON.stringify(verified.body)}`);
    return token;
  }

  /** Registers an app; returns it with its first key's secret (shown once). */
  async createApp(name = "Integration app") {
    const { status, body } = await this.json("POST", "/api/apps", {
      name,
      description: "Created by the integration suite",
      redirect_uris: ["http://localhost:8080/callback"],
    });
    if (status !== 201) throw new Error(`create app failed: ${status} ${JSON.stringify(body)}`);
    return body as { app: { id: string }; key: { id: string; prefix: string }; secret: string };
  }
}

/** A call to the public sandbox API with a key. */
export function sandbox(baseUrl: string, key: string | null, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key !== null) headers.set("authorization", `Bearer ${key}`);
  return fetch(new URL(path, baseUrl), { ...init, headers });
}

/** The id of the app's first active current account: one persona's is frozen and refuses payments (422 account_frozen). */
export async function activeCurrentAccount(baseUrl: string, key: string): Promise<string> {
  const response = await sandbox(baseUrl, key, "/v1/accounts?type=current&limit=100");
  const { data } = (await response.json()) as { data: { id: string; status: string }[] };
  const account = data.find((candidate) => candidate.status === "active");
  if (!account) throw new Error(`no active current account in the sandbox (${response.status})`);
  return account.id;
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
