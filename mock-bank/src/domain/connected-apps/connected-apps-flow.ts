import { timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { verifyConnectedAppsLink } from "@openbank/contracts/connected-apps-link";
import { markConsentRevoked } from "../consents/revoke-consent";
import { loginHandle, sandboxPassword } from "../oauth/sandbox-password";
import { confirmPage, listPage, loginPage, messagePage } from "./connected-apps-pages";
import {
  csrfToken,
  endCustomerSession,
  findCustomerSession,
  newCookieValue,
  sessionCookie,
  startCustomerSession,
  validCsrf,
  type CustomerSession,
} from "./customer-session";
import { listConnectedApps } from "./list-connected-apps";

export type ConnectedAppsDeps = {
  db: PrismaClient;
  secret: string;
  /** Cookies get `Secure` when the portal is served over https. */
  secureCookies: boolean;
  /** Seeds the tenant on first use (a signed link names a real app). */
  ensureTenant: (tenantId: string) => Promise<unknown>;
  tenantNow: (tenantId: string) => Promise<Date>;
  now: () => Date;
};

/** What a step answers: a page, or where the browser goes next; either may set the page's cookie. */
export type ConnectedAppsOutcome =
  { kind: "page"; status: number; html: string; setCookie?: string } | { kind: "see_other"; location: string; setCookie?: string };

type Browser = { cookie: string | null };
type Form = URLSearchParams;

export const HOME = "/oauth/connected-apps";

const dead = (status: number, title: string, message: string): ConnectedAppsOutcome => ({
  kind: "page",
  status,
  html: messagePage(title, message),
});

const badLink = () =>
  dead(403, "This link is not valid", "Open the connected-apps page from your app's page in the portal: it gives you a signed link.");
const expiredLink = () =>
  dead(403, "This link has expired", "Links to this page work for a few minutes. Open it again from your app's page in the portal.");
const signedOut = () =>
  dead(401, "You are not logged in", "Your session has ended. Open the connected-apps page again from your app's page in the portal.");
const staleForm = () =>
  dead(403, "This form has expired", "The page was open too long or came from elsewhere. Go back, reload it and try again.");

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The browser's session, if its cookie names one whose customer still exists (a reset may re-seed the tenant). */
async function sessionOf(deps: ConnectedAppsDeps, browser: Browser): Promise<(CustomerSession & { name: string }) | null> {
  const session = await findCustomerSession(deps.db, browser.cookie);
  if (!session) return null;
  const customer = await deps.db.bankCustomer.findFirst({
    where: { id: session.customerId, tenantId: session.tenantId },
    select: { givenName: true, familyName: true },
  });
  return customer ? { ...session, name: `${customer.givenName} ${customer.familyName}` } : null;
}

type LinkFields = { tenant: string; app: string; exp: string; sig: string };

function login(
  deps: ConnectedAppsDeps,
  link: LinkFields,
  nonce: string,
  extra: { status?: number; username?: string; error?: string } = {},
) {
  return {
    kind: "page" as const,
    status: extra.status ?? 200,
    html: loginPage({ link, csrf: csrfToken(deps.secret, "login", nonce), username: extra.username, error: extra.error }),
    setCookie: sessionCookie(nonce, deps.secureCookies),
  };
}

/**
 * GET /oauth/connected-apps. With a signed link (`tenant`, `app`, `exp`, `sig`): the login page for that
 * sandbox, or straight to the list when this browser is already signed in there. Without one: the
 * signed-in customer's list, or a dead end. A link never shows anything of a tenant before login.
 */
export async function showConnectedApps(
  deps: ConnectedAppsDeps,
  query: Record<string, unknown>,
  browser: Browser,
): Promise<ConnectedAppsOutcome> {
  const session = await sessionOf(deps, browser);
  if (query.tenant !== undefined || query.sig !== undefined || query.exp !== undefined || query.app !== undefined) {
    const link = verifyConnectedAppsLink({
      internalSecret: deps.secret,
      tenant: query.tenant,
      app: query.app,
      exp: query.exp,
      sig: query.sig,
      now: deps.now(),
    });
    if (!link.ok) return link.reason === "expired" ? expiredLink() : badLink();
    // Signed in to this sandbox already: the list, at an address without the signature.
    if (session?.tenantId === link.tenantId) return { kind: "see_other", location: HOME };
    // Another sandbox's session in this browser ends here; the login nonce takes its cookie.
    if (session) await endCustomerSession(deps.db, browser.cookie);
    const nonce = browser.cookie && !session ? browser.cookie : newCookieValue();
    return login(deps, { tenant: link.tenantId, app: link.appName, exp: String(query.exp), sig: String(query.sig) }, nonce);
  }
  if (!session) return signedOut();
  const accesses = await listConnectedApps({
    db: deps.db,
    tenantId: session.tenantId,
    customerId: session.customerId,
    appName: session.appName,
    tenantNow: await deps.tenantNow(session.tenantId),
  });
  let notice: string | undefined;
  if (typeof query.revoked === "string") {
    const ended = await deps.db.bankConsent.findFirst({
      where: { id: query.revoked, tenantId: session.tenantId, customerId: session.customerId, status: "revoked" },
      select: { id: true },
    });
    if (ended) notice = "Access withdrawn. That app can no longer use your accounts.";
  }
  return {
    kind: "page",
    status: 200,
    html: listPage({ customerName: session.name, accesses, csrf: csrfToken(deps.secret, "session", browser.cookie!), notice }),
  };
}

/** POST /oauth/connected-apps/login: a test customer of the link's sandbox signs in (the bank's login rule). */
export async function submitConnectedAppsLogin(deps: ConnectedAppsDeps, form: Form, browser: Browser): Promise<ConnectedAppsOutcome> {
  if (!validCsrf(deps.secret, "login", browser.cookie, form.get("csrf_token"))) return staleForm();
  const fields = { tenant: form.get("tenant") ?? "", app: form.get("app") ?? "", exp: form.get("exp") ?? "", sig: form.get("sig") ?? "" };
  const link = verifyConnectedAppsLink({ internalSecret: deps.secret, ...fields, now: deps.now() });
  if (!link.ok) return link.reason === "expired" ? expiredLink() : badLink();
  const tenantId = link.tenantId;
  await deps.ensureTenant(tenantId);
  const username = (form.get("username") ?? "").trim().slice(0, 100);
  const customer = username
    ? await deps.db.bankCustomer.findFirst({ where: { tenantId, username }, select: { id: true, username: true } })
    : null;
  if (!customer || !loginHandle(customer) || !same(form.get("password") ?? "", sandboxPassword(loginHandle(customer)!)))
    return login(deps, fields, browser.cookie!, {
      status: 401,
      username,
      error: "The username or password is not right. Sandbox customers log in as user_<persona> with password pass_<persona>.",
    });
  // A new id at login: whatever the cookie held before (a nonce anyone might have planted) is not the session.
  const id = await startCustomerSession(deps.db, { tenantId, customerId: customer.id, appName: link.appName });
  return { kind: "see_other", location: HOME, setCookie: sessionCookie(id, deps.secureCookies) };
}

/**
 * POST /oauth/connected-apps/revoke: first a confirmation page, then (`confirm=yes`) the customer's
 * own authorised consent is revoked (`revokedBy: customer`), its tokens stop at once and
 * `consent.revoked` is recorded, as for any revocation. Another customer's or sandbox's consent is
 * the same 404 as an unknown one.
 */
export async function submitConnectedAppsRevoke(deps: ConnectedAppsDeps, form: Form, browser: Browser): Promise<ConnectedAppsOutcome> {
  const session = await sessionOf(deps, browser);
  if (!session) return signedOut();
  if (!validCsrf(deps.secret, "session", browser.cookie, form.get("csrf_token"))) return staleForm();
  const consentId = (form.get("consent_id") ?? "").slice(0, 64);
  const tenantNow = await deps.tenantNow(session.tenantId);
  const accesses = await listConnectedApps({
    db: deps.db,
    tenantId: session.tenantId,
    customerId: session.customerId,
    appName: session.appName,
    tenantNow,
  });
  const access = accesses.find((candidate) => candidate.consentId === consentId);
  const notYours = () => dead(404, "Nothing to withdraw", "That access is not in your list of connected apps (it may have ended already).");
  if (!access) return notYours();
  const csrf = csrfToken(deps.secret, "session", browser.cookie!);
  if (form.get("confirm") !== "yes") return { kind: "page", status: 200, html: confirmPage({ access, csrf }) };
  try {
    await deps.db.$transaction((tx) =>
      markConsentRevoked(tx, {
        tenantId: session.tenantId,
        consentId,
        customerId: session.customerId,
        revokedBy: "customer",
        now: deps.now(),
        tenantNow,
      }),
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "resource_not_found") return notYours();
    throw error;
  }
  return { kind: "see_other", location: `${HOME}?${new URLSearchParams({ revoked: consentId })}` };
}

/** POST /oauth/connected-apps/logout: the session ends at the bank and the cookie is cleared. */
export async function submitConnectedAppsLogout(deps: ConnectedAppsDeps, form: Form, browser: Browser): Promise<ConnectedAppsOutcome> {
  const session = await sessionOf(deps, browser);
  if (!session) return signedOut();
  if (!validCsrf(deps.secret, "session", browser.cookie, form.get("csrf_token"))) return staleForm();
  await endCustomerSession(deps.db, browser.cookie);
  return {
    kind: "page",
    status: 200,
    html: messagePage(
      "You have logged out",
      "To see your connected apps again, open the page from your app's page in the portal.",
      "notice",
    ),
    setCookie: sessionCookie(null, deps.secureCookies),
  };
}
