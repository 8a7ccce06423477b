import { AUTHENTICATION_SCENARIOS, AUTHENTICATION_SCENARIO_DESCRIPTIONS } from "./authentication-scenarios";
import type { AuthorizationOutcome, ConsentScreenAccount } from "./authorization-outcome";
import { DECOUPLED_POLL_SECONDS, SANDBOX_CODE, SCENARIO_FIELD } from "./sandbox-authentication";
import { scopeDescriptions, type Scope } from "./scopes";

/** What the customer reads for the identity scopes ("Sign in with Open Bank"). */
const identityDescriptions: Record<string, string> = {
  profile: "Know your name and date of birth",
  email: "Know your email address",
  address: "Know your address",
  kyc: "Know that Open Bank verified your identity, how and when",
};

/**
 * The bank-hosted pages of the authorization flow: server-rendered HTML, no script, one
 * form per step. Everything interpolated is escaped. Accessible: real labels, a fieldset
 * per choice, errors announced (role="alert") and tied to their fields.
 */
export const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const accountTypes: Record<string, string> = {
  current: "Current account",
  savings: "Savings account",
  credit_card: "Credit card",
  fixed_term: "Fixed-term deposit",
  loan: "Loan",
};

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#10231d;background:#eef3f1}
header{background:#0b4f3f;color:#fff;padding:14px 24px;display:flex;align-items:center;gap:10px}
.mark{width:28px;height:28px;border-radius:6px;background:#f2c94c;color:#0b4f3f;font-weight:800;display:grid;place-items:center}
header strong{font-size:18px}header span.sandbox{margin-left:auto;font-size:13px;background:#ffffff22;padding:2px 8px;border-radius:999px}
main{max-width:480px;margin:32px auto;padding:0 16px}
.card{background:#fff;border:1px solid #cfdcd7;border-radius:12px;padding:24px}
h1{font-size:22px;margin:0 0 8px}p{margin:0 0 16px}
label{display:block;font-weight:600;margin:16px 0 4px}
input[type=text],input[type=password]{width:100%;padding:10px 12px;border:1px solid #7d918a;border-radius:8px;font:inherit}
input[aria-invalid=true]{border-color:#b3261e}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
button{font:inherit;font-weight:600;padding:10px 18px;border-radius:8px;border:1px solid #0b4f3f;cursor:pointer}
.primary{background:#0b4f3f;color:#fff}.secondary{background:#fff;color:#0b4f3f}
.actions{display:flex;gap:12px;margin-top:24px;flex-wrap:wrap}
.alert{border:1px solid #b3261e;background:#fdecea;color:#6b1610;border-radius:8px;padding:10px 12px;margin:0 0 16px}
.hint{font-size:14px;color:#3d524b;background:#f6f9f8;border:1px dashed #9fb3ac;border-radius:8px;padding:10px 12px;margin-top:20px}
fieldset{border:1px solid #cfdcd7;border-radius:8px;padding:8px 16px 12px;margin:16px 0 0}legend{font-weight:600;padding:0 4px}
.account{display:flex;gap:10px;align-items:flex-start;padding:8px 0}.account input{margin-top:5px;width:18px;height:18px}
.account label{margin:0;font-weight:500}.muted{color:#4f635c;font-size:14px;display:block}
ul.perms{margin:8px 0 0;padding-left:20px}code{font-family:ui-monospace,monospace;font-size:14px}
select{width:100%;padding:10px 12px;border:1px solid #7d918a;border-radius:8px;font:inherit;background:#fff;color:inherit}
.scenario{margin-top:20px;border-style:dashed}.scenario label{margin-top:4px}
input.otp{letter-spacing:.3em;font-size:20px;max-width:12ch}
.waiting{display:flex;gap:12px;align-items:center;border:1px solid #cfdcd7;border-radius:8px;padding:12px;margin:0 0 16px}
.spinner{flex:none;width:22px;height:22px;border-radius:50%;border:3px solid #cfdcd7;border-top-color:#0b4f3f;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.spinner{animation:none;border-top-color:#cfdcd7}}
.ref{font-family:ui-monospace,monospace;font-size:15px;word-break:break-all;background:#f6f9f8;border:1px solid #cfdcd7;border-radius:6px;padding:2px 6px}
a.button{display:inline-block;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:8px;border:1px solid #0b4f3f}
a{color:#0b5cad}
@media (prefers-color-scheme:dark){body{color:#e3ece8;background:#0f1a17}.card{background:#16241f;border-color:#2c4139}
input[type=text],input[type=password],select{background:#0f1a17;color:#e3ece8;border-color:#6f8780}
.secondary{background:#16241f;color:#cfe7dd;border-color:#6f8780}.primary,a.button.primary{background:#2f8f6f;border-color:#2f8f6f;color:#fff}
.alert{background:#3a1512;color:#ffd9d4;border-color:#e2766b}.hint,.ref{background:#1b2b26;color:#c5d6cf;border-color:#4b6259}
.muted{color:#a9bcb5}fieldset,.waiting{border-color:#2c4139}a{color:#8cc4ff}.spinner{border-color:#2c4139;border-top-color:#8fd3b6}}
`;

/** The bank's page frame (also the connected-apps page's); `extraStyles` adds rules a page of its own needs. */
export function layout(title: string, body: string, extraStyles = "", extraHead = ""): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light dark">${extraHead}
<title>${escape(title)} · Open Bank</title><style>${styles}${extraStyles}</style></head>
<body><header><span class="mark" aria-hidden="true">O</span><strong>Open Bank</strong><span class="sandbox">Sandbox</span></header>
<main><div class="card">${body}</div></main></body></html>`;
}

export const alert = (message: string | undefined, id: string) =>
  message ? `<div class="alert" role="alert" id="${id}">${escape(message)}</div>` : "";

const describe = (scope: string) => scopeDescriptions[scope as Scope] ?? identityDescriptions[scope];

const permissionList = (scopes: string[]) =>
  `<ul class="perms">${scopes
    .filter(describe)
    .map((scope) => `<li>${escape(describe(scope))} <span class="muted"><code>${escape(scope)}</code></span></li>`)
    .join("")}</ul>`;

function loginPage(outcome: Extract<AuthorizationOutcome, { kind: "login" }>): string {
  const invalid = outcome.error ? ` aria-invalid="true" aria-describedby="login-error"` : "";
  return layout(
    "Log in",
    `<h1>Log in to Open Bank</h1>
<p><strong>${escape(outcome.appName)}</strong> wants to connect to your accounts. Log in to your bank to choose what to share; ${escape(outcome.appName)} never sees your password.</p>
${alert(outcome.error, "login-error")}
<form method="post" action="/oauth/interaction/${escape(outcome.requestId)}/login" novalidate>
<input type="hidden" name="request_id" value="${escape(outcome.requestId)}"><input type="hidden" name="csrf_token" value="${escape(outcome.csrf)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escape(outcome.username ?? "")}"${invalid}>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required${invalid}>
${scenarioField()}
<div class="actions"><button class="primary" type="submit">Log in</button></div>
</form>
<p class="hint">Sandbox: log in as a test customer, <code>user_&lt;persona&gt;</code> with password <code>pass_&lt;persona&gt;</code>, e.g. <code>user_good_credit</code> / <code>pass_good_credit</code>.</p>`,
  );
}

/** The login page's "Sandbox scenario" select: how this sign-in goes (default: the customer's own scenario). */
export function scenarioField(): string {
  const options = AUTHENTICATION_SCENARIOS.map(
    (name) => `<option value="${name}">${escape(name)}: ${escape(AUTHENTICATION_SCENARIO_DESCRIPTIONS[name])}</option>`,
  ).join("");
  return `<fieldset class="scenario"><legend>Sandbox only</legend>
<label for="${SCENARIO_FIELD}">Sandbox scenario</label>
<select id="${SCENARIO_FIELD}" name="${SCENARIO_FIELD}" aria-describedby="${SCENARIO_FIELD}-hint"><option value="" selected>The customer's own scenario</option>${options}</select>
<span class="muted" id="${SCENARIO_FIELD}-hint">How this sign-in goes: one-time code, approval in the banking app, a failure, a timeout or a partial grant. A real bank has no such choice.</span>
</fieldset>`;
}

/** Scenario `one_time_code`: the code step after the password (the fixed sandbox code passes). */
export function renderCodePage(page: { action: string; appName: string; csrf: string; error?: string; attemptsLeft: number }): string {
  const invalid = page.error ? ` aria-invalid="true" aria-describedby="code-error code-hint"` : ` aria-describedby="code-hint"`;
  return layout(
    "Enter your one-time code",
    `<h1>Enter your one-time code</h1>
<p>We sent a 6-digit code to the phone ending 0042. Enter it to finish logging in for <strong>${escape(page.appName)}</strong>.</p>
<form method="post" action="${escape(page.action)}" novalidate>
<input type="hidden" name="csrf_token" value="${escape(page.csrf)}">
<label for="code">One-time code</label>
${alert(page.error, "code-error")}
<input type="text" class="otp" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${invalid}>
<span class="muted" id="code-hint">${page.attemptsLeft} ${page.attemptsLeft === 1 ? "attempt" : "attempts"} left.</span>
<div class="actions"><button class="primary" type="submit">Continue</button></div>
</form>
<p class="hint">Sandbox: the one-time code is always <code>${SANDBOX_CODE}</code>; any other code is refused.</p>`,
  );
}

/** Scenario `decoupled`: the page waits for the banking app, checking again every few seconds (no script: a meta refresh). */
export function renderWaitingPage(page: { appName: string; authenticationId: string; refreshUrl: string }): string {
  const refresh = `<meta http-equiv="refresh" content="${DECOUPLED_POLL_SECONDS};url=${escape(page.refreshUrl)}">`;
  return layout(
    "Approve in your banking app",
    `<h1>Approve in your banking app</h1>
<p>To log in for <strong>${escape(page.appName)}</strong>, open the Open Bank app on your phone and approve the sign-in.</p>
<div class="waiting" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span><span>Waiting for your approval… This page checks again every ${DECOUPLED_POLL_SECONDS} seconds.</span></div>
<p>Authentication id: <span class="ref" id="authentication-id">${escape(page.authenticationId)}</span></p>
<div class="actions"><a class="button secondary" href="${escape(page.refreshUrl)}">Check now</a></div>
<p class="hint">Sandbox: approve or refuse it with <code>POST /v1/sandbox/authentications/${escape(page.authenticationId)}</code> and <code>{"decision":"approve"}</code> or <code>{"decision":"refuse"}</code>, with the app's API key.</p>`,
    "",
    refresh,
  );
}

/** The sign-in ended without approval (a refusal, a lockout, a timeout, too many wrong codes). */
export function renderEndedPage(page: { appName: string; title: string; message: string; continueTo: string | null }): string {
  const back = page.continueTo
    ? `<div class="actions"><a class="button primary" href="${escape(page.continueTo)}">Return to ${escape(page.appName)}</a></div>`
    : `<p>Go back to ${escape(page.appName)} and start again.</p>`;
  return layout(page.title, `<h1>${escape(page.title)}</h1><div class="alert" role="alert">${escape(page.message)}</div>${back}`);
}

export function accountRow(account: ConsentScreenAccount, input: "checkbox" | "radio" = "checkbox", checked = false): string {
  const id = `account-${escape(account.id)}`;
  const type = accountTypes[account.type] ?? account.type;
  const frozen = account.status === "frozen" ? " · frozen" : "";
  return `<div class="account"><input type="${input}" id="${id}" name="account_id" value="${escape(account.id)}"${checked ? " checked" : ""}><label for="${id}">${escape(account.name)}<span class="muted">${escape(type)} ${escape(account.identifier)}${frozen}</span></label></div>`;
}

/** A standard's consent (UK Open Banking): what the app asks, in the customer's words, and the account choice it needs. */
function intentPage(
  outcome: Extract<AuthorizationOutcome, { kind: "consent" }>,
  intent: NonNullable<Extract<AuthorizationOutcome, { kind: "consent" }>["intent"]>,
): string {
  const one = intent.choice === "one";
  const until = intent.expiresAt ? `It lasts until ${intent.expiresAt.slice(0, 10)}. ` : "";
  return layout(
    intent.title,
    `<h1>${escape(intent.title)}</h1>
<p>Logged in as ${escape(outcome.customerName)}. <strong>${escape(outcome.appName)}</strong> is asking to:</p>
<ul class="perms">${intent.lines.map((line) => `<li>${escape(line)}</li>`).join("")}</ul>
<form method="post" action="/oauth/interaction/${escape(outcome.requestId)}/decision">
<input type="hidden" name="request_id" value="${escape(outcome.requestId)}"><input type="hidden" name="csrf_token" value="${escape(outcome.csrf)}">
<fieldset${outcome.error ? ` aria-describedby="consent-error"` : ""}><legend>${one ? "Choose the account to use" : "Choose the accounts to share"}</legend>
${alert(outcome.error, "consent-error")}
${outcome.accounts.map((account) => accountRow(account, one ? "radio" : "checkbox", (one && outcome.accounts.length === 1) || !!outcome.partial?.accountIds.includes(account.id))).join("\n")}
</fieldset>
${partialHint(outcome)}
<p class="hint">${escape(until)}You can withdraw it at any time from your bank's connected apps; the app then loses access at once.</p>
<div class="actions">${outcome.accounts.length ? `<button class="primary" type="submit" name="decision" value="approve">Allow</button>` : ""}<button class="secondary" type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>`,
  );
}

/** Scenario `partial_grant` on /v1: the permissions are a choice, with fewer pre-selected than asked. */
const permissionChoice = (asked: string[], selected: string[]) =>
  `<fieldset><legend>Choose what to share</legend>${asked
    .filter((scope) => scopeDescriptions[scope as Scope])
    .map(
      (scope) =>
        `<div class="account"><input type="checkbox" id="scope-${escape(scope.replace(":", "-"))}" name="scope" value="${escape(scope)}"${selected.includes(scope) ? " checked" : ""}><label for="scope-${escape(scope.replace(":", "-"))}">${escape(scopeDescriptions[scope as Scope])}<span class="muted"><code>${escape(scope)}</code></span></label></div>`,
    )
    .join("")}</fieldset>`;

const partialHint = (outcome: Extract<AuthorizationOutcome, { kind: "consent" }>) =>
  outcome.partial
    ? `<p class="hint">Sandbox scenario <code>partial_grant</code>: fewer accounts${outcome.intent ? "" : " and permissions"} than asked are pre-selected; what you leave selected is all the app gets.</p>`
    : "";

function consentPage(outcome: Extract<AuthorizationOutcome, { kind: "consent" }>): string {
  if (outcome.intent) return intentPage(outcome, outcome.intent);
  return layout(
    "Share your accounts",
    `<h1>Share accounts with ${escape(outcome.appName)}</h1>
<p>Logged in as ${escape(outcome.customerName)}. ${escape(outcome.appName)} is asking to:</p>
${outcome.partial ? "" : permissionList(outcome.scopes)}
<form method="post" action="/oauth/interaction/${escape(outcome.requestId)}/decision">
<input type="hidden" name="request_id" value="${escape(outcome.requestId)}"><input type="hidden" name="csrf_token" value="${escape(outcome.csrf)}">
${outcome.partial ? permissionChoice(outcome.scopes, outcome.partial.scopes) : ""}
${
  outcome.accounts.length
    ? `<fieldset${outcome.error ? ` aria-describedby="consent-error"` : ""}><legend>Choose the accounts to share</legend>
${alert(outcome.error, "consent-error")}
${outcome.accounts.map((account) => accountRow(account, "checkbox", !!outcome.partial?.accountIds.includes(account.id))).join("\n")}
</fieldset>`
    : alert(outcome.error, "consent-error")
}
${partialHint(outcome)}
<p class="hint">This consent lasts 90 days. You can withdraw it at any time; the app then loses access at once.</p>
<div class="actions"><button class="primary" type="submit" name="decision" value="approve">Allow access</button><button class="secondary" type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>`,
  );
}

function errorPageHtml(outcome: Extract<AuthorizationOutcome, { kind: "error_page" }>): string {
  if (outcome.hint !== undefined) return renderErrorPage(outcome.message, outcome.hint);
  return layout(
    outcome.title,
    `<h1>${escape(outcome.title)}</h1><div class="alert" role="alert">${escape(outcome.message)}</div><p>You have not been logged in and nothing was shared.</p>`,
  );
}

/** The authorization server's own error page (an unknown client, a redirect URI that does not match, …). */
/**
 * The policy of every authorization page (sign-in, consent, errors): inline styles only, no
 * script, no framing. `formTargets`: the consent form's answer is a redirect to the app, so its
 * form-action must allow it; other pages post to the bank only.
 */
export function authorizationPagePolicy(formTargets: "'self'" | "'self' *" = "'self'"): string {
  return `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`;
}

export function renderErrorPage(message: string, hint: { description: string; uri: string } | null): string {
  const more = hint ? `<p class="hint">${escape(hint.description)} <a href="${escape(hint.uri)}">Read the guide</a>.</p>` : "";
  return layout(
    "This request cannot continue",
    `<h1>This request cannot continue</h1><div class="alert" role="alert">${escape(message)}</div><p>You have not been logged in and nothing was shared. Go back to the app and try again.</p>${more}`,
  );
}

export function renderAuthorizationPage(
  outcome: Extract<AuthorizationOutcome, { kind: "login" | "consent" | "error_page" | "code" | "waiting" | "ended" }>,
): string {
  if (outcome.kind === "login") return loginPage(outcome);
  if (outcome.kind === "consent") return consentPage(outcome);
  if (outcome.kind === "code") return renderCodePage(outcome);
  if (outcome.kind === "waiting") return renderWaitingPage(outcome);
  if (outcome.kind === "ended") return renderEndedPage(outcome);
  return errorPageHtml(outcome);
}
