/**
 * A browser's walk through the bank's authorization pages, on the portal's origin, keeping only
 * what a browser keeps (the cookies the responses set). Follows the authorization server's
 * redirects among its own pages; stops at a page, or at the app's redirect URI.
 */
export type BankWalk = {
  /** The first page the customer saw (the login page, or an error page). */
  loginPage: { status: number; html: string };
  consentPage?: { status: number; html: string };
  accountIds: string[];
  chosen: string[];
  /** Where the browser went back to the app, with code or error, state and iss. */
  location: URL | null;
  code: string | null;
  error: string | null;
};

export class BankBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly portalUrl: string) {}

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Cookies as a browser would send them here (the portal's own session cookie rides along, the gateway drops it). */
  cookieHeader(): string {
    return ["next-auth.session-token=not-for-the-bank", ...[...this.cookies].map(([name, value]) => `${name}=${value}`)].join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** GET or POST, then the bank's own redirects, until a page or a redirect away from the portal. */
  async go(
    url: string,
    init: { method?: string; form?: URLSearchParams } = {},
  ): Promise<{ response: Response; html: string; away: URL | null }> {
    let response = await fetch(new URL(url, this.portalUrl), {
      method: init.method ?? "GET",
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: init.form,
    });
    for (let hops = 0; hops < 8; hops++) {
      this.keep(response);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) break;
      const next = new URL(location, this.portalUrl);
      if (next.origin !== new URL(this.portalUrl).origin || !next.pathname.startsWith("/oauth/"))
        return { response, html: "", away: new URL(location.replace("#", "?"), this.portalUrl) };
      response = await fetch(next, { redirect: "manual", headers: { cookie: this.cookieHeader() } });
    }
    return { response, html: await response.text(), away: null };
  }

  /**
   * The whole customer journey: start at `authorizeUrl`, log in as a persona, choose accounts
   * (the first by default) and approve or deny.
   */
  async authorize(
    authorizeUrl: string,
    options: { persona?: string; password?: string; choose?: (ids: string[]) => string[]; decision?: "approve" | "deny" } = {},
  ): Promise<BankWalk> {
    const done = (away: URL | null, walk: Omit<BankWalk, "location" | "code" | "error">): BankWalk => ({
      ...walk,
      location: away,
      code: away?.searchParams.get("code") ?? null,
      error: away?.searchParams.get("error") ?? null,
    });
    const start = await this.go(authorizeUrl);
    const loginPage = { status: start.response.status, html: start.html };
    if (start.away || !start.html.includes('name="username"')) return done(start.away, { loginPage, accountIds: [], chosen: [] });
    const persona = options.persona ?? "good_credit";
    const login = await this.go(formAction(start.html), {
      method: "POST",
      form: new URLSearchParams({
        csrf_token: field(start.html, "csrf_token"),
        username: `user_${persona}`,
        password: options.password ?? `pass_${persona}`,
      }),
    });
    if (login.away || !login.html.includes('name="decision"'))
      return done(login.away, { loginPage: { status: login.response.status, html: login.html }, accountIds: [], chosen: [] });
    const consentPage = { status: login.response.status, html: login.html };
    const accountIds = [...login.html.matchAll(/name="account_id" value="([^"]+)"/g)].map((m) => m[1]);
    const chosen = (options.choose ?? ((ids) => ids.slice(0, 1)))(accountIds);
    const decision = new URLSearchParams({ csrf_token: field(login.html, "csrf_token"), decision: options.decision ?? "approve" });
    for (const id of chosen) decision.append("account_id", id);
    const decided = await this.go(formAction(login.html), { method: "POST", form: decision });
    return done(decided.away, { loginPage, consentPage, accountIds, chosen });
  }
}

export const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
export const formAction = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)![1].replaceAll("&amp;", "&");
