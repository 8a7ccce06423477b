import type { ConsentScreenAccount } from "../oauth/authorization-outcome";
import {
  accountRow,
  accountTypes,
  alert,
  escape,
  layout,
  renderCodePage,
  renderEndedPage,
  renderWaitingPage,
  scenarioField,
} from "../oauth/authorization-pages";

/**
 * The bank-hosted pages of a Berlin Group REDIRECT authorisation, in the look of the
 * authorization server's own pages (domain/oauth/authorization-pages.ts): a login, then what the
 * TPP asks (a consent's accounts and services, a payment, a cancellation) with approve and refuse.
 * No script; everything interpolated is escaped.
 */

export type ScaPage =
  | { kind: "login"; authorisationId: string; appName: string; what: string; csrf: string; username?: string; error?: string }
  | {
      kind: "review";
      authorisationId: string;
      appName: string;
      customerName: string;
      title: string;
      /** What the customer agrees to, one line each. */
      lines: string[];
      /** Accounts the customer picks (bank-offered, availableAccounts), or the fixed ones shown. */
      choose: ConsentScreenAccount[];
      fixed: ConsentScreenAccount[];
      approveLabel: string;
      csrf: string;
      error?: string;
      note?: string;
      /** Sandbox scenario `partial_grant`: the accounts pre-selected (fewer than offered). */
      preselected?: string[];
    }
  | { kind: "message"; status: number; title: string; message: string }
  | { kind: "code"; action: string; appName: string; csrf: string; error?: string; attemptsLeft: number }
  | { kind: "waiting"; appName: string; authenticationId: string; refreshUrl: string }
  | { kind: "ended"; appName: string; title: string; message: string; continueTo: string | null };

function loginPage(page: Extract<ScaPage, { kind: "login" }>): string {
  const invalid = page.error ? ` aria-invalid="true" aria-describedby="login-error"` : "";
  return layout(
    "Log in",
    `<h1>Log in to Open Bank</h1>
<p><strong>${escape(page.appName)}</strong> asks you to ${escape(page.what)}. Log in to your bank to review it; ${escape(page.appName)} never sees your password.</p>
${alert(page.error, "login-error")}
<form method="post" action="/oauth/sca/${escape(page.authorisationId)}/login" novalidate>
<input type="hidden" name="csrf_token" value="${escape(page.csrf)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escape(page.username ?? "")}"${invalid}>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required${invalid}>
${scenarioField()}
<div class="actions"><button class="primary" type="submit">Log in</button></div>
</form>
<p class="hint">Sandbox: log in as a test customer, <code>user_&lt;persona&gt;</code> with password <code>pass_&lt;persona&gt;</code>, e.g. <code>user_good_credit</code> / <code>pass_good_credit</code>.</p>`,
  );
}

const fixedRow = (account: ConsentScreenAccount) =>
  `<li>${escape(account.name)} <span class="muted">${escape(accountTypes[account.type] ?? account.type)} ${escape(account.identifier)}</span></li>`;

function reviewPage(page: Extract<ScaPage, { kind: "review" }>): string {
  const choose = page.choose.length
    ? `<fieldset${page.error ? ` aria-describedby="review-error"` : ""}><legend>Choose the accounts to share</legend>
${alert(page.error, "review-error")}
${page.choose.map((account) => accountRow(account, "checkbox", !!page.preselected?.includes(account.id))).join("\n")}
</fieldset>${page.preselected ? `<p class="hint">Sandbox scenario <code>partial_grant</code>: fewer accounts than offered are pre-selected, and the bank shares no transactions; what you leave selected is all the app gets.</p>` : ""}`
    : alert(page.error, "review-error");
  const fixed = page.fixed.length ? `<p>Accounts:</p><ul class="perms">${page.fixed.map(fixedRow).join("")}</ul>` : "";
  return layout(
    page.title,
    `<h1>${escape(page.title)}</h1>
<p>Logged in as ${escape(page.customerName)}. <strong>${escape(page.appName)}</strong> asks to:</p>
<ul class="perms">${page.lines.map((line) => `<li>${escape(line)}</li>`).join("")}</ul>
${fixed}
<form method="post" action="/oauth/sca/${escape(page.authorisationId)}/decision">
<input type="hidden" name="csrf_token" value="${escape(page.csrf)}">
${choose}
${page.note ? `<p class="hint">${escape(page.note)}</p>` : ""}
<div class="actions"><button class="primary" type="submit" name="decision" value="approve">${escape(page.approveLabel)}</button><button class="secondary" type="submit" name="decision" value="deny" formnovalidate>Refuse</button></div>
</form>`,
  );
}

function messagePage(page: Extract<ScaPage, { kind: "message" }>): string {
  return layout(page.title, `<h1>${escape(page.title)}</h1><div class="alert" role="alert">${escape(page.message)}</div>`);
}

export function renderScaPage(page: ScaPage): string {
  if (page.kind === "login") return loginPage(page);
  if (page.kind === "review") return reviewPage(page);
  if (page.kind === "code") return renderCodePage(page);
  if (page.kind === "waiting") return renderWaitingPage(page);
  if (page.kind === "ended") return renderEndedPage(page);
  return messagePage(page);
}
