import { alert, escape, layout } from "../oauth/authorization-pages";
import type { ConnectedAccess } from "./list-connected-apps";

/**
 * The connected-apps pages (UK Open Banking's access dashboard): server-rendered HTML in the
 * bank's own look, no script, one form per action, everything interpolated escaped.
 */
const styles = `
main{max-width:640px}
.access{border:1px solid #cfdcd7;border-radius:10px;padding:16px;margin:16px 0 0}
.access h2{font-size:18px;margin:0}.access .via{margin:2px 0 8px}
.access ul{margin:8px 0;padding-left:20px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:12px 0;font-size:14px}dl.facts dt{color:#4f635c}dl.facts dd{margin:0}
ul.accounts{list-style:none;margin:0;padding:0}.identifier{color:#4f635c;white-space:nowrap}
.access form{margin:12px 0 0}
.danger{background:#fff;color:#8c1d18;border-color:#8c1d18}
.notice{border:1px solid #0b4f3f;background:#e6f2ee;color:#0b4f3f;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.topline{display:flex;justify-content:space-between;align-items:flex-start;gap:12px;flex-wrap:wrap}
.topline form{margin:0}
.empty{border:1px dashed #9fb3ac;border-radius:10px;padding:16px;margin-top:16px;color:#3d524b}
a.button{display:inline-block;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:8px;border:1px solid #0b4f3f;background:#fff;color:#0b4f3f}
`;

const page = (title: string, body: string) => layout(title, body, styles);

const day = (date: Date) => date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

const appLabel = (access: Pick<ConnectedAccess, "appName" | "appId">) => access.appName ?? `App ${access.appId}`;

const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;

export function loginPage(options: {
  link: { tenant: string; app: string; exp: string; sig: string };
  csrf: string;
  username?: string;
  error?: string;
}): string {
  const invalid = options.error ? ` aria-invalid="true" aria-describedby="login-error"` : "";
  return page(
    "Connected apps",
    `<h1>Connected apps</h1>
<p>Log in to see the apps that can use your Open Bank accounts, and withdraw any of them.</p>
${alert(options.error, "login-error")}
<form method="post" action="/oauth/connected-apps/login" novalidate>
${hidden("tenant", options.link.tenant)}${hidden("app", options.link.app)}${hidden("exp", options.link.exp)}${hidden("sig", options.link.sig)}${hidden("csrf_token", options.csrf)}
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escape(options.username ?? "")}"${invalid}>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required${invalid}>
<div class="actions"><button class="primary" type="submit">Log in</button></div>
</form>
<p class="hint">Sandbox: log in as a test customer, <code>user_&lt;persona&gt;</code> with password <code>pass_&lt;persona&gt;</code>, e.g. <code>user_good_credit</code> / <code>pass_good_credit</code>.</p>`,
  );
}

function accessCard(access: ConnectedAccess, csrf: string): string {
  const id = `access-${escape(access.consentId)}`;
  const name = appLabel(access);
  const accounts = access.accounts.length
    ? `<ul class="accounts">${access.accounts
        .map((account) => `<li>${escape(account.name)} <span class="identifier">${escape(account.identifier)}</span></li>`)
        .join("")}</ul>`
    : "None";
  return `<section class="access" aria-labelledby="${id}" data-consent-id="${escape(access.consentId)}">
<h2 id="${id}">${escape(name)}</h2>
<p class="via muted">${escape(access.words.title)} · via ${escape(access.words.via)}</p>
${access.words.lines.length ? `<ul>${access.words.lines.map((line) => `<li>${escape(line)}</li>`).join("")}</ul>` : ""}
<dl class="facts"><dt>Accounts</dt><dd>${accounts}</dd><dt>Since</dt><dd>${escape(day(access.since))}</dd><dt>Until</dt><dd>${access.words.until ? escape(day(access.words.until)) : "You withdraw it"}</dd></dl>
<form method="post" action="/oauth/connected-apps/revoke">${hidden("csrf_token", csrf)}${hidden("consent_id", access.consentId)}
<button class="danger" type="submit" aria-label="Withdraw access: ${escape(name)}, ${escape(access.words.title)}">Withdraw access</button></form>
</section>`;
}

export function listPage(options: { customerName: string; accesses: ConnectedAccess[]; csrf: string; notice?: string }): string {
  const { accesses, csrf } = options;
  return page(
    "Connected apps",
    `<div class="topline"><h1>Connected apps</h1>
<form method="post" action="/oauth/connected-apps/logout">${hidden("csrf_token", csrf)}<button class="secondary" type="submit">Log out</button></form></div>
<p>Logged in as ${escape(options.customerName)}. These apps can use your Open Bank accounts. Withdraw access at any time: the app loses it at once.</p>
${options.notice ? `<div class="notice" role="status">${escape(options.notice)}</div>` : ""}
${accesses.length ? accesses.map((access) => accessCard(access, csrf)).join("\n") : `<p class="empty">No app can use your accounts right now.</p>`}`,
  );
}

export function confirmPage(options: { access: ConnectedAccess; csrf: string }): string {
  const { access, csrf } = options;
  const name = appLabel(access);
  return page(
    "Withdraw access",
    `<h1>Withdraw ${escape(name)}'s access?</h1>
<p>${escape(name)} will no longer be able to:</p>
<ul class="perms">${[access.words.title, ...access.words.lines].map((line) => `<li>${escape(line)}</li>`).join("")}</ul>
<p class="hint">This takes effect at once. To connect again, the app has to ask you for a new consent.</p>
<form method="post" action="/oauth/connected-apps/revoke">${hidden("csrf_token", csrf)}${hidden("consent_id", access.consentId)}${hidden("confirm", "yes")}
<div class="actions"><button class="primary" type="submit">Withdraw access</button><a class="button" href="/oauth/connected-apps">Keep access</a></div></form>`,
  );
}

/** A dead end that says what to do, never what exists: the same words for any tenant. */
export function messagePage(title: string, message: string, tone: "alert" | "notice" = "alert"): string {
  const box =
    tone === "alert"
      ? `<div class="alert" role="alert">${escape(message)}</div>`
      : `<div class="notice" role="status">${escape(message)}</div>`;
  return page(title, `<h1>${escape(title)}</h1>${box}`);
}
