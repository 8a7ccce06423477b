import { createHmac, timingSafeEqual } from "node:crypto";
import type { BankConsent, BankScaAuthorisation, PrismaClient } from "@prisma/client";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import { consentScreenAccounts } from "../oauth/consent-screen-accounts";
import { loginHandle, sandboxPassword } from "../oauth/sandbox-password";
import {
  chosenScenario,
  findDecoupledAuthentication,
  MAX_CODE_FAILURES,
  REFUSED_AT_SIGN_IN,
  SANDBOX_CODE,
  signInFailure,
  startDecoupledAuthentication,
  type SignInFailure,
} from "../oauth/sandbox-authentication";
import type { ConsentsInput } from "../../schemas/berlin-group/consents";
import type { BulkPaymentInitiationInput, PaymentInitiationInput } from "../../schemas/berlin-group/payments";
import { BgError } from "./bg-errors";
import { readDetails, writeDetails } from "./bg-details";
import { accessKind } from "./create-bg-consent";
import { finaliseAuthorisation } from "./finalise-authorisation";
import { accountKey, eligibleAccountIds, referenceKey } from "./psu-accounts";
import { advanceAuthorisation, FINAL_SCA } from "./sca-authorisation";
import type { AuthorisationState } from "./bg-details";
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

/** Where the browser is: logged in (`ok`), at the one-time code (`code`), or waiting for the banking app (`wait`). */
type Stage = "ok" | "code" | "wait";

function ticketCookie(deps: ScaDeps, authorisationId: string, customerId: string, secure: boolean, stage: Stage = "ok"): string {
  const payload = `${authorisationId}.${customerId}.${Date.now() + TICKET_MS}.${stage}`;
  const value = `${payload}.${mac(deps.secret, `sca-ticket:${payload}`)}`;
  return `${SCA_COOKIE}=${value}; Path=${cookiePath(authorisationId)}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}; Max-Age=${TICKET_MS / 1000}`;
}

const clearCookie = (authorisationId: string) => `${SCA_COOKIE}=; Path=${cookiePath(authorisationId)}; HttpOnly; SameSite=Lax; Max-Age=0`;

/** The customer this browser logged in as on this authorisation's page, and the ticket, or null. */
function readTicket(
  deps: ScaDeps,
  cookieHeader: string | undefined,
  authorisationId: string,
): { customerId: string; ticket: string; stage: Stage } | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SCA_COOKIE) continue;
    const ticket = rest.join("=");
    const [id, customerId, expires, stage, signature] = ticket.split(".");
    if (!signature || id !== authorisationId || Number(expires) < Date.now()) continue;
    if (same(signature, mac(deps.secret, `sca-ticket:${id}.${customerId}.${expires}.${stage}`)))
      return { customerId, ticket, stage: stage as Stage };
  }
  return null;
}

/** This authorisation's page state (scenario, code failures, decoupled sign-in), merged into the resource's details. */
async function saveOwnState(db: PrismaClient, consentId: string, authorisationId: string, patch: AuthorisationState) {
  const fresh = await db.bankConsent.findUniqueOrThrow({ where: { id: consentId }, select: { details: true } });
  const { body, state } = readDetails(fresh.details);
  const own = { ...state.authorisations?.[authorisationId], ...patch };
  await db.bankConsent.update({
    where: { id: consentId },
    data: { details: writeDetails(body, { ...state, authorisations: { ...state.authorisations, [authorisationId]: own } }) },
  });
}

const ownState = (consent: BankConsent, authorisationId: string): AuthorisationState =>
  readDetails(consent.details).state.authorisations?.[authorisationId] ?? {};

/**
 * The sign-in ends without approval (a scenario's refusal, lockout, timeout, wrong codes): the
 * authorisation fails with the cause as its psuMessage (a payment's too), the consent or payment is
 * rejected, and the page says why, with the way back (TPP-Nok-Redirect-URI).
 */
async function failSignIn(deps: ScaDeps, loaded: Loaded, failure: SignInFailure): Promise<ScaOutcome> {
  const { authorisation, consent, tenantNow } = loaded;
  await saveOwnState(deps.db, consent.id, authorisation.id, { failureMessage: failure.description });
  if (consent.kind !== "account_access" && authorisation.purpose === "authorisation") {
    const fresh = await deps.db.bankConsent.findUniqueOrThrow({ where: { id: consent.id }, select: { details: true } });
    const { body, state } = readDetails(fresh.details);
    await deps.db.bankConsent.update({
      where: { id: consent.id },
      data: { details: writeDetails(body, { ...state, rejection: { code: "PSU_CREDENTIALS_INVALID", text: failure.description } }) },
    });
  }
  const current = await deps.db.bankScaAuthorisation.findUniqueOrThrow({ where: { id: authorisation.id } });
  await finaliseAuthorisation({ db: deps.db, authorisation: current, outcome: { decision: "deny" }, tenantNow }).catch((error: unknown) => {
    if (!(error instanceof BgError)) throw error;
  });
  return {
    kind: "page",
    status: 200,
    page: {
      kind: "ended",
      appName: loaded.appName,
      title: failure.title,
      message: failure.message,
      continueTo: redirectOf(consent, authorisation.id, false),
    },
    setCookie: clearCookie(authorisation.id),
  };
}

const codePage = (deps: ScaDeps, loaded: Loaded, ticket: string, error?: string): ScaOutcome => ({
  kind: "page",
  status: 200,
  page: {
    kind: "code",
    action: `${cookiePath(loaded.authorisation.id)}/code`,
    appName: loaded.appName,
    csrf: mac(deps.secret, `sca-code:${ticket}`),
    error,
    attemptsLeft: MAX_CODE_FAILURES - (ownState(loaded.consent, loaded.authorisation.id).codeFailures ?? 0),
  },
});

/** The step between the password and the review: the code page, or the decoupled wait (and what the app decided). */
async function pendingStep(
  deps: ScaDeps,
  loaded: Loaded,
  ticket: { customerId: string; ticket: string; stage: Stage },
  secure: boolean,
): Promise<ScaOutcome> {
  if (ticket.stage === "code") return codePage(deps, loaded, ticket.ticket);
  const { authorisation, consent } = loaded;
  const authentication = await findDecoupledAuthentication(deps.db, {
    id: ownState(consent, authorisation.id).authenticationId ?? "",
    tenantId: consent.tenantId,
    reference: authorisation.id,
  });
  if (!authentication) return gone();
  if (authentication.status === "refused") return failSignIn(deps, loaded, signInFailure("decoupled"));
  if (authentication.status === "approved")
    return {
      kind: "see_other",
      location: cookiePath(authorisation.id),
      setCookie: ticketCookie(deps, authorisation.id, ticket.customerId, secure),
    };
  return {
    kind: "page",
    status: 200,
    page: { kind: "waiting", appName: loaded.appName, authenticationId: authentication.id, refreshUrl: cookiePath(authorisation.id) },
  };
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
  const partial = ownState(consent, authorisation.id).scenario === "partial_grant";
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
        preselected: partial && choose.length ? choose.slice(0, 1).map((account) => account.id) : undefined,
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
export async function showScaPage(
  deps: ScaDeps,
  request: { authorisationId: string; cookie?: string; secure?: boolean },
): Promise<ScaOutcome> {
  const loaded = await load(deps, request.authorisationId);
  if (!loaded) return gone();
  const done = closed(loaded);
  if (done) return done;
  const ticket = readTicket(deps, request.cookie, request.authorisationId);
  if (ticket && ticket.stage !== "ok") return pendingStep(deps, loaded, ticket, request.secure ?? false);
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
    ? await db.bankCustomer.findFirst({
        where: { tenantId: consent.tenantId, username },
        select: { id: true, username: true, authScenario: true },
      })
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
  const scenario = chosenScenario(form, customer.authScenario);
  await saveOwnState(db, consent.id, authorisationId, { scenario });
  if (REFUSED_AT_SIGN_IN.has(scenario)) return failSignIn(deps, loaded, signInFailure(scenario as "authentication_failed"));
  await advanceAuthorisation(db, authorisation, { scaStatus: "psuAuthenticated", psuId: username }, tenantNow);
  let stage: Stage = "ok";
  if (scenario === "one_time_code") stage = "code";
  if (scenario === "decoupled") {
    stage = "wait";
    const authenticationId = await startDecoupledAuthentication(db, {
      tenantId: consent.tenantId,
      appId: consent.appId,
      customerId: customer.id,
      flow: "sca",
      reference: authorisationId,
    });
    await saveOwnState(db, consent.id, authorisationId, { authenticationId });
  }
  return {
    kind: "see_other",
    location: cookiePath(authorisationId),
    setCookie: ticketCookie(deps, authorisationId, customer.id, request.secure, stage),
  };
}

/** POST /oauth/sca/{authorisationId}/code: scenario `one_time_code`; the third wrong code fails the authorisation. */
export async function submitScaCode(
  deps: ScaDeps,
  request: { authorisationId: string; form: URLSearchParams; cookie?: string; secure: boolean },
): Promise<ScaOutcome> {
  const { authorisationId, form } = request;
  const loaded = await load(deps, authorisationId);
  if (!loaded) return gone();
  const done = closed(loaded);
  if (done) return done;
  const ticket = readTicket(deps, request.cookie, authorisationId);
  if (!ticket || ticket.stage !== "code" || !same(form.get("csrf_token") ?? "", mac(deps.secret, `sca-code:${ticket.ticket}`)))
    return message(
      400,
      "This request has expired",
      "Log in again from the app: this page was open too long, or was opened in another browser.",
    );
  if (same((form.get("code") ?? "").trim(), SANDBOX_CODE))
    return {
      kind: "see_other",
      location: cookiePath(authorisationId),
      setCookie: ticketCookie(deps, authorisationId, ticket.customerId, request.secure),
    };
  const codeFailures = (ownState(loaded.consent, authorisationId).codeFailures ?? 0) + 1;
  if (codeFailures >= MAX_CODE_FAILURES) return failSignIn(deps, loaded, signInFailure("one_time_code"));
  await saveOwnState(deps.db, loaded.consent.id, authorisationId, { codeFailures });
  const reloaded = (await load(deps, authorisationId))!;
  return codePage(deps, reloaded, ticket.ticket, "That code is not right. Check the code and try again.");
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
  if (!ticket || ticket.stage !== "ok" || !same(form.get("csrf_token") ?? "", csrf))
    return message(
      400,
      "This request has expired",
      "Log in again from the app: this page was open too long, or was opened in another browser.",
    );
  const approve = form.get("decision") === "approve";
  if (!approve && form.get("decision") !== "deny") return review(deps, loaded, ticket.customerId, csrf);
  const scenario = ownState(loaded.consent, authorisationId).scenario;
  if (scenario === "session_timeout") return failSignIn(deps, loaded, signInFailure("session_timeout"));
  const chosen = [...new Set(form.getAll("account_id"))];
  if (approve && !chosen.length && needsChoice(loaded.consent))
    return review(deps, loaded, ticket.customerId, csrf, "Choose at least one account to share, or refuse the request.");
  try {
    await finaliseAuthorisation({
      db: deps.db,
      authorisation: loaded.authorisation,
      outcome: approve
        ? {
            decision: "approve",
            customerId: ticket.customerId,
            accountIds: chosen.length ? chosen : undefined,
            partial: scenario === "partial_grant",
          }
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
