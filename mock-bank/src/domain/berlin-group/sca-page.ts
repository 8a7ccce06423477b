import { createHmac, timingSafeEqual } from "node:crypto";
import type { BankConsent, BankScaAuthorisation, PrismaClient } from "@prisma/client";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import { consentScreenAccounts } from "../oauth/consent-screen-accounts";
import { loginHandle, sandboxPassword } from "../oauth/sandbox-password";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import type { BulkPaymentInitiationInput, PaymentInitiationInput } from "../../schemas/berlin-group/payments";
import { BgError } from "./bg-errors";
import { readDetails, writeDetails } from "./bg-details";
import { accessKind } from "./create-bg-consent";
import { finaliseAuthorisation } from "./finalise-authorisation";
import { accountKey, eligibleAccountIds, referenceKey } from "./psu-accounts";
import { advanceAuthorisation, FINAL_SCA } from "./sca-authorisation";
import type { ScaPage } from "./sca-page-html";
import { assertHolder } from "./update-psu-data";

/** Wrong logins on the page before the authorisation fails (as the authorization server's pages allow). */
export const MAX_PAGE_LOGINS = 5;

/** How long a login on the page lasts (real time: a browser step, not a banking fact). */
const TICKET_MS = 10 * 60_000;

/**
 * The browser's proof that it logged in on this authorisation's page: authorisation, customer and
 * expiry, signed. Kept in the authorization server's interaction cookie, scoped to the page's path
 * (the gateway passes only the authorization server's cookies to /oauth/*).
 */
export const SCA_COOKIE = "ob_interaction";

export type ScaDeps = {
  db: PrismaClient;
  secret: string;
  tenantNow: (tenantId: string) => Promise<Date>;
};

export type ScaOutcome =
  { kind: "page"; status: number; page: ScaPage; setCookie?: string } | { kind: "see_other"; location: string; setCookie?: string };

const mac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("base64url");

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const message = (status: number, title: string, text: string): ScaOutcome => ({
  kind: "page",
  status,
  page: { kind: "message", status, title, message: text },
});

const gone = () =>
  message(
    404,
    "This link is not valid",
    "This authorisation link is unknown or not for the bank's page. Go back to the app and start again.",
  );

const cookiePath = (authorisationId: string) => `/oauth/sca/${authorisationId}`;

function ticketCookie(deps: ScaDeps, authorisationId: string, customerId: string, secure: boolean): string {
  const payload = `${authorisationId}.${customerId}.${Date.now() + TICKET_MS}`;
  const value = `${payload}.${mac(deps.secret, `sca-ticket:${payload}`)}`;
  return `${SCA_COOKIE}=${value}; Path=${cookiePath(authorisationId)}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}; Max-Age=${TICKET_MS / 1000}`;
}

const clearCookie = (authorisationId: string) => `${SCA_COOKIE}=; Path=${cookiePath(authorisationId)}; HttpOnly; SameSite=Lax; Max-Age=0`;

/** The customer this browser logged in as on this authorisation's page, and the ticket, or null. */
function readTicket(
  deps: ScaDeps,
  cookieHeader: string | undefined,
  authorisationId: string,
): { customerId: string; ticket: string } | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SCA_COOKIE) continue;
    const ticket = rest.join("=");
    const [id, customerId, expires, signature] = ticket.split(".");
    if (!signature || id !== authorisationId || Number(expires) < Date.now()) continue;
    if (same(signature, mac(deps.secret, `sca-ticket:${id}.${customerId}.${expires}`))) return { customerId, ticket };
  }
  return null;
}

type Loaded = { authorisation: BankScaAuthorisation; consent: BankConsent; tenantNow: Date; appName: string };

async function load(deps: ScaDeps, authorisationId: string): Promise<Loaded | null> {
  const authorisation = await deps.db.bankScaAuthorisation.findUnique({ where: { id: authorisationId } });
  if (!authorisation || authorisation.scaApproach !== "REDIRECT") return null;
  const consent = await deps.db.bankConsent.findUnique({ where: { id: authorisation.consentId } });
  if (!consent) return null;
  return { authorisation, consent, tenantNow: await deps.tenantNow(consent.tenantId), appName: await appName(deps.db, consent.appId) };
}

/** The TPP's name as its OAuth client has it (the bank knows apps only through their clients). */
async function appName(db: PrismaClient, appId: string): Promise<string> {
  const row = await db.bankOidcRecord.findFirst({
    where: { kind: "Client", payload: { contains: `"app_id":${JSON.stringify(appId)}` } },
    select: { payload: true },
  });
  const name = row ? (JSON.parse(row.payload) as { client_name?: unknown }).client_name : undefined;
  return typeof name === "string" && name ? name : "The app";
}

/** Where the PSU goes back to: TPP-Redirect-URI, or TPP-Nok-Redirect-URI after a refusal or failure. */
function redirectOf(consent: BankConsent, authorisationId: string, ok: boolean): string | null {
  const { state } = readDetails(consent.details);
  const redirect = state.authorisations?.[authorisationId]?.redirect ?? state.redirect;
  if (!redirect) return null;
  return ok ? redirect.ok : (redirect.nok ?? redirect.ok);
}

/** Why the page cannot go on, or null: an authorisation already decided, a resource no longer waiting. */
function closed(loaded: Loaded): ScaOutcome | null {
  const { authorisation, consent } = loaded;
  if (FINAL_SCA.has(authorisation.scaStatus))
    return message(409, "Already done", `This authorisation is already ${authorisation.scaStatus}. Go back to the app.`);
  if (authorisation.purpose === "authorisation" && consent.status !== "awaiting_authorisation")
    return message(
      409,
      "Nothing to authorise",
      "This request no longer awaits your authorisation (it was cancelled, refused or already authorised).",
    );
  return null;
}

const money = (amount: { amount: string; currency: string }) => {
  const minor = parseMinor(amount.amount, amount.currency);
  return `${minor === null ? amount.amount : formatMinor(minor, amount.currency)} ${amount.currency}`;
};

/** What the TPP asks, in the customer's words, and which accounts are shown or picked. */
async function review(deps: ScaDeps, loaded: Loaded, customerId: string, csrf: string, error?: string): Promise<ScaOutcome> {
  const { db } = deps;
  const { authorisation, consent, appName: app } = loaded;
  const customer = await db.bankCustomer.findUniqueOrThrow({ where: { id: customerId }, select: { givenName: true, familyName: true } });
  const all = await consentScreenAccounts(db, { tenantId: consent.tenantId, customerId });
  const byId = (ids: string[]) => all.filter((account) => ids.includes(account.id));
  const base = {
    kind: "review" as const,
    authorisationId: authorisation.id,
    appName: app,
    customerName: `${customer.givenName} ${customer.familyName}`,
    csrf,
    error,
  };
  if (consent.kind === "account_access") {
    const input = readDetails<ConsentsInput>(consent.details).body;
    const kind = accessKind(input.access);
    const eligible = byId(
      await eligibleAccountIds(db, { tenantId: consent.tenantId, customerId, restrictedTo: input.access.restrictedTo }),
    );
    const named = byId(JSON.parse(consent.accountIds) as string[]);
    const nameOf = new Map<string, string>();
    if (kind === "dedicated") {
      const rows = await db.bankAccount.findMany({
        where: { id: { in: named.map((a) => a.id) } },
        select: { iban: true, maskedPan: true, name: true },
      });
      for (const row of rows) nameOf.set(accountKey(row), row.name);
    }
    const list = (references: { iban?: string; maskedPan?: string }[] | undefined) =>
      (references ?? [])
        .map((reference) => nameOf.get(referenceKey(reference) ?? "") ?? reference.iban ?? reference.maskedPan ?? "")
        .join(", ");
    const lines =
      kind === "dedicated"
        ? [
            `See the details of ${list(input.access.accounts) || "these accounts"}`,
            ...(input.access.balances?.length ? [`See the balances of ${list(input.access.balances)}`] : []),
            ...(input.access.transactions?.length ? [`See the transactions of ${list(input.access.transactions)}`] : []),
          ]
        : kind === "availableAccounts"
          ? ["See the list of the accounts you choose"]
          : kind === "availableAccountsWithBalance"
            ? ["See the list of the accounts you choose, with their balances"]
            : kind === "allPsd2"
              ? ["See the details, balances and transactions of all your payment accounts"]
              : ["See the details, balances and transactions of the accounts you choose"];
    lines.push(
      input.recurringIndicator
        ? `Until ${input.validUntil}, up to ${input.frequencyPerDay} times a day when you are not using the app`
        : "Once",
    );
    const choose = kind === "dedicated" || kind === "allPsd2" ? [] : eligible;
    return {
      kind: "page",
      status: 200,
      page: {
        ...base,
        title: `Share your accounts with ${app}`,
        lines,
        choose,
        fixed: kind === "dedicated" ? named : kind === "allPsd2" ? eligible : [],
        approveLabel: "Allow access",
        note: "You can withdraw this consent at any time; the app then loses access at once.",
      },
    };
  }
  const { body } = readDetails<PaymentInitiationInput | BulkPaymentInitiationInput>(consent.details);
  const debtor = byId(JSON.parse(consent.accountIds) as string[]);
  const elements = "payments" in body ? body.payments : [body];
  const lines = elements
    .slice(0, 10)
    .map(
      (element) =>
        `Pay ${money(element.instructedAmount)} to ${element.creditorName} (${element.creditorAccount.iban ?? ""})${element.remittanceInformationUnstructured ? `, reference “${element.remittanceInformationUnstructured}”` : ""}`,
    );
  if (elements.length > 10) lines.push(`…and ${elements.length - 10} more payments`);
  const cancellation = authorisation.purpose === "cancellation";
  const count = elements.length === 1 ? "a payment" : `${elements.length} payments`;
  return {
    kind: "page",
    status: 200,
    page: {
      ...base,
      title: cancellation ? `Cancel ${count}` : `Approve ${count}`,
      lines: cancellation ? lines.map((line) => `Cancel: ${line}`) : lines,
      choose: [],
      fixed: debtor,
      approveLabel: cancellation ? "Cancel the payment" : "Approve",
      note: cancellation ? undefined : "Payments in another currency are converted at the sandbox's FX rate; its fee is debited too.",
    },
  };
}

/** Whether the PSU picks the accounts on the page (bank-offered and available-accounts consents). */
function needsChoice(consent: BankConsent): boolean {
  if (consent.kind !== "account_access") return false;
  const kind = accessKind(readDetails<ConsentsInput>(consent.details).body.access);
  return kind === "bankOffered" || kind === "availableAccounts" || kind === "availableAccountsWithBalance";
}

/** GET /oauth/sca/{authorisationId}: the login page, or what the TPP asks once the customer logged in here. */
export async function showScaPage(deps: ScaDeps, request: { authorisationId: string; cookie?: string }): Promise<ScaOutcome> {
  const loaded = await load(deps, request.authorisationId);
  if (!loaded) return gone();
  const done = closed(loaded);
  if (done) return done;
  const ticket = readTicket(deps, request.cookie, request.authorisationId);
  if (ticket) return review(deps, loaded, ticket.customerId, mac(deps.secret, `sca-decision:${ticket.ticket}`));
  const what =
    loaded.consent.kind === "account_access"
      ? "share your account information"
      : loaded.authorisation.purpose === "cancellation"
        ? "cancel a payment"
        : "approve a payment";
  return {
    kind: "page",
    status: 200,
    page: {
      kind: "login",
      authorisationId: request.authorisationId,
      appName: loaded.appName,
      what,
      csrf: mac(deps.secret, `sca-login:${request.authorisationId}`),
    },
  };
}

/** POST /oauth/sca/{authorisationId}/login: a test customer logs in; the fifth wrong attempt fails the authorisation. */
export async function submitScaLogin(
  deps: ScaDeps,
  request: { authorisationId: string; form: URLSearchParams; secure: boolean },
): Promise<ScaOutcome> {
  const { db } = deps;
  const { authorisationId, form } = request;
  const loaded = await load(deps, authorisationId);
  if (!loaded) return gone();
  const done = closed(loaded);
  if (done) return done;
  const csrf = mac(deps.secret, `sca-login:${authorisationId}`);
  if (!same(form.get("csrf_token") ?? "", csrf))
    return message(400, "This request has expired", "The page was open too long or was already used. Go back to the app and start again.");
  const { authorisation, consent, tenantNow } = loaded;
  const username = (form.get("username") ?? "").trim();
  const what = consent.kind === "account_access" ? "share your account information" : "approve a payment";
  const retry = (error: string): ScaOutcome => ({
    kind: "page",
    status: 200,
    page: { kind: "login", authorisationId, appName: loaded.appName, what, csrf, username, error },
  });
  const customer = username
    ? await db.bankCustomer.findFirst({ where: { tenantId: consent.tenantId, username }, select: { id: true, username: true } })
    : null;
  if (!customer || !loginHandle(customer) || !same(form.get("password") ?? "", sandboxPassword(loginHandle(customer)!))) {
    const { body, state } = readDetails(consent.details);
    const own = state.authorisations?.[authorisationId] ?? {};
    const failures = (own.failures ?? 0) + 1;
    await db.bankConsent.update({
      where: { id: consent.id },
      data: {
        details: writeDetails(body, { ...state, authorisations: { ...state.authorisations, [authorisationId]: { ...own, failures } } }),
      },
    });
    if (failures >= MAX_PAGE_LOGINS) {
      await finaliseAuthorisation({ db, authorisation, outcome: { decision: "deny" }, tenantNow }).catch((error: unknown) => {
        if (!(error instanceof BgError)) throw error;
      });
      const location = redirectOf(consent, authorisationId, false);
      return location
        ? { kind: "see_other", location }
        : message(400, "Too many attempts", "The authorisation failed. Go back to the app.");
    }
    return retry("The username or password is not right. Sandbox customers log in as user_<persona> with password pass_<persona>.");
  }
  try {
    await assertHolder(db, consent, customer.id);
  } catch (error) {
    if (!(error instanceof BgError)) throw error;
    return retry(`${error.message} Log in as the customer who holds them.`);
  }
  await advanceAuthorisation(db, authorisation, { scaStatus: "psuAuthenticated", psuId: username }, tenantNow);
  return {
    kind: "see_other",
    location: cookiePath(authorisationId),
    setCookie: ticketCookie(deps, authorisationId, customer.id, request.secure),
  };
}

/** POST /oauth/sca/{authorisationId}/decision: approve or refuse, then back to the TPP. */
export async function submitScaDecision(
  deps: ScaDeps,
  request: { authorisationId: string; form: URLSearchParams; cookie?: string },
): Promise<ScaOutcome> {
  const { authorisationId, form } = request;
  const loaded = await load(deps, authorisationId);
  if (!loaded) return gone();
  const done = closed(loaded);
  if (done) return done;
  const ticket = readTicket(deps, request.cookie, authorisationId);
  const csrf = ticket ? mac(deps.secret, `sca-decision:${ticket.ticket}`) : "";
  if (!ticket || !same(form.get("csrf_token") ?? "", csrf))
    return message(
      400,
      "This request has expired",
      "Log in again from the app: this page was open too long, or was opened in another browser.",
    );
  const approve = form.get("decision") === "approve";
  if (!approve && form.get("decision") !== "deny") return review(deps, loaded, ticket.customerId, csrf);
  const chosen = [...new Set(form.getAll("account_id"))];
  if (approve && !chosen.length && needsChoice(loaded.consent))
    return review(deps, loaded, ticket.customerId, csrf, "Choose at least one account to share, or refuse the request.");
  try {
    await finaliseAuthorisation({
      db: deps.db,
      authorisation: loaded.authorisation,
      outcome: approve
        ? { decision: "approve", customerId: ticket.customerId, accountIds: chosen.length ? chosen : undefined }
        : { decision: "deny" },
      tenantNow: loaded.tenantNow,
    });
  } catch (error) {
    if (!(error instanceof BgError)) throw error;
    if (error.status === 400)
      return review(deps, loaded, ticket.customerId, csrf, "Choose at least one account to share, or refuse the request.");
    return message(error.status, "This request cannot continue", error.message);
  }
  const location = redirectOf(loaded.consent, authorisationId, approve);
  if (!location)
    return { ...message(200, approve ? "Done" : "Refused", "You can go back to the app now."), setCookie: clearCookie(authorisationId) };
  return { kind: "see_other", location, setCookie: clearCookie(authorisationId) };
}
