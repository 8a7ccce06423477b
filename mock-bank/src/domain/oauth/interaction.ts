import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";
import { createConsent } from "../consents/create-consent";
import { errorPage, type AuthorizationOutcome } from "./authorization-outcome";
import { consentScreenAccounts } from "./consent-screen-accounts";
import { loginHandle, sandboxPassword } from "./sandbox-password";
import { isScope, isStandardScope, SCOPES, type Scope } from "./scopes";
import { authorisableIntent, type Intent } from "./standard-intent";

/** Wrong passwords allowed per authorization before it is closed. */
export const MAX_FAILED_LOGINS = 5;

type Raw = { req: IncomingMessage; res: ServerResponse };
type Deps = {
  provider: Provider;
  db: PrismaClient;
  secret: string;
  ensureTenant: (tenantId: string) => Promise<unknown>;
  /** The tenant's clock, for the consent's dates. */
  tenantNow: (tenantId: string) => Promise<Date>;
};

/** The bank's login and consent steps answer with a page, or with where the browser goes next. */
export type InteractionOutcome = AuthorizationOutcome;

const csrf = (secret: string, uid: string) => createHmac("sha256", secret).update(`interaction:${uid}`).digest("base64url");

function sameCsrf(secret: string, uid: string, given: string): boolean {
  const expected = Buffer.from(csrf(secret, uid));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>;

async function load(deps: Deps, raw: Raw) {
  let details: Details;
  try {
    details = await deps.provider.interactionDetails(raw.req, raw.res);
  } catch {
    return null;
  }
  const client = await deps.provider.Client.find(String(details.params.client_id));
  if (!client) return null;
  const tenantId = String((client as unknown as { app_id?: string }).app_id ?? "");
  return { details, client, tenantId, appName: client.clientName ?? client.clientId };
}

const expired = () =>
  errorPage(400, "This request has expired", "The page was open too long or was already used. Go back to the app and start again.");

const requestedScopes = (details: Details) =>
  String(details.params.scope ?? "")
    .split(" ")
    .filter(Boolean);

async function consentPage(deps: Deps, loaded: NonNullable<Awaited<ReturnType<typeof load>>>, error?: string): Promise<InteractionOutcome> {
  const { details, tenantId } = loaded;
  const customerId = String(details.session?.accountId ?? "");
  const customer = await deps.db.bankCustomer.findFirst({
    where: { id: customerId, tenantId },
    select: { givenName: true, familyName: true },
  });
  if (!customer) return expired();
  const scopes = requestedScopes(details);
  const intent = await authorisableIntent(deps, loaded);
  if (intent?.ok) {
    const accounts = await intent.value.accounts(customerId);
    return {
      kind: "consent",
      requestId: details.uid,
      appName: loaded.appName,
      scopes,
      csrf: csrf(deps.secret, details.uid),
      customerName: `${customer.givenName} ${customer.familyName}`,
      accounts,
      error: error ?? (accounts.length ? undefined : intent.value.noAccounts),
      intent: {
        title: intent.value.summary.title,
        lines: intent.value.summary.lines,
        choice: intent.value.summary.choice,
        expiresAt: intent.value.summary.expiresAt?.toISOString() ?? null,
      },
    };
  }
  const wantsAccounts = scopes.some(isScope);
  return {
    kind: "consent",
    requestId: details.uid,
    appName: loaded.appName,
    scopes,
    csrf: csrf(deps.secret, details.uid),
    customerName: `${customer.givenName} ${customer.familyName}`,
    accounts: wantsAccounts ? await consentScreenAccounts(deps.db, { tenantId, customerId }) : [],
    error,
  };
}

/** GET /oauth/interaction/:uid: the login page, or the consent page once the customer logged in. */
export async function showInteraction(deps: Deps, raw: Raw): Promise<InteractionOutcome> {
  const loaded = await load(deps, raw);
  if (!loaded) return expired();
  if (!requestedScopes(loaded.details).some((scope) => isScope(scope) || isStandardScope(scope) || scope === "openid")) {
    const location = await deps.provider.interactionResult(raw.req, raw.res, {
      error: "invalid_scope",
      error_description: `scope must list one or more of ${SCOPES.join(", ")} (or openid to sign in), separated by spaces.`,
    });
    return { kind: "see_other", location };
  }
  // A standard's consent is checked before the customer logs in: nobody logs in for a request that cannot succeed.
  const intent = await authorisableIntent(deps, loaded);
  if (intent && !intent.ok) {
    const location = await deps.provider.interactionResult(raw.req, raw.res, { error: intent.error, error_description: intent.detail });
    return { kind: "see_other", location };
  }
  if (loaded.details.prompt.name === "login") {
    await deps.ensureTenant(loaded.tenantId);
    return {
      kind: "login",
      requestId: loaded.details.uid,
      appName: loaded.appName,
      scopes: requestedScopes(loaded.details),
      csrf: csrf(deps.secret, loaded.details.uid),
    };
  }
  return consentPage(deps, loaded);
}

/** POST /oauth/interaction/:uid/login: a test customer of the app's tenant logs in to the bank. */
export async function submitLogin(deps: Deps, raw: Raw, form: URLSearchParams): Promise<InteractionOutcome> {
  const loaded = await load(deps, raw);
  if (!loaded || loaded.details.prompt.name !== "login" || !sameCsrf(deps.secret, loaded.details.uid, form.get("csrf_token") ?? ""))
    return expired();
  const { details, tenantId } = loaded;
  const username = (form.get("username") ?? "").trim();
  const customer = username
    ? await deps.db.bankCustomer.findFirst({ where: { tenantId, username }, select: { id: true, username: true } })
    : null;
  // Test customers only (personas and custom ones: user_<handle>); onboarded customers have no login.
  const handle = loginHandle(customer);
  if (!customer || !handle || !same(form.get("password") ?? "", sandboxPassword(handle))) {
    const failed = Number((details.result as { failedLogins?: number } | undefined)?.failedLogins ?? 0) + 1;
    if (failed >= MAX_FAILED_LOGINS) {
      const location = await deps.provider.interactionResult(raw.req, raw.res, {
        error: "access_denied",
        error_description: "The customer could not log in to the bank (too many attempts).",
      });
      return { kind: "see_other", location };
    }
    await deps.provider.interactionResult(raw.req, raw.res, { failedLogins: failed });
    return {
      kind: "login",
      requestId: details.uid,
      appName: loaded.appName,
      scopes: requestedScopes(details),
      csrf: csrf(deps.secret, details.uid),
      username,
      error: "The username or password is not right. Sandbox customers log in as user_<persona> with password pass_<persona>.",
    };
  }
  const location = await deps.provider.interactionResult(raw.req, raw.res, { login: { accountId: customer.id, remember: false } });
  return { kind: "see_other", location };
}

/**
 * POST /oauth/interaction/:uid/decision. Approve: the grant (the scopes the tokens carry) and the
 * bank's consent (the accounts, its expiry on the tenant clock) are written, and the browser goes
 * on to the app with a code. Deny: `access_denied`.
 */
export async function submitDecision(deps: Deps, raw: Raw, form: URLSearchParams): Promise<InteractionOutcome> {
  const loaded = await load(deps, raw);
  if (!loaded || loaded.details.prompt.name !== "consent" || !sameCsrf(deps.secret, loaded.details.uid, form.get("csrf_token") ?? ""))
    return expired();
  const { details, client, tenantId } = loaded;
  const intent = await authorisableIntent(deps, loaded);
  if (intent && !intent.ok) {
    const location = await deps.provider.interactionResult(raw.req, raw.res, { error: intent.error, error_description: intent.detail });
    return { kind: "see_other", location };
  }
  if (intent) return decideIntent(deps, raw, loaded, intent.value, form);
  if (form.get("decision") === "deny") {
    const location = await deps.provider.interactionResult(raw.req, raw.res, {
      error: "access_denied",
      error_description: "The customer declined to share their accounts.",
    });
    return { kind: "see_other", location };
  }
  const scopes = requestedScopes(details);
  const permissions = SCOPES.filter((scope) => scopes.includes(scope)) as Scope[];
  const customerId = String(details.session!.accountId);
  const chosen = [...new Set(form.getAll("account_id"))].sort();
  if (permissions.length) {
    const allowed = new Set((await consentScreenAccounts(deps.db, { tenantId, customerId })).map((account) => account.id));
    if (form.get("decision") !== "approve" || !chosen.length || !chosen.every((id) => allowed.has(id)))
      return consentPage(deps, loaded, "Choose at least one account to share, or deny the request.");
  } else if (form.get("decision") !== "approve") return consentPage(deps, loaded);

  const grant = new deps.provider.Grant({ accountId: customerId, clientId: client.clientId });
  grant.addOIDCScope(scopes.join(" "));
  if (details.params.claims) grant.addOIDCClaims(Object.keys(JSON.parse(String(details.params.claims)).id_token ?? {}));
  const grantId = await grant.save();
  if (permissions.length) {
    const tenantNow = await deps.tenantNow(tenantId);
    await deps.db.$transaction((tx) =>
      createConsent(tx, {
        tenantId,
        appId: tenantId,
        customerId,
        permissions,
        accountIds: chosen,
        source: "authorization_code",
        now: tenantNow,
        grantId,
      }),
    );
  }
  const location = await deps.provider.interactionResult(raw.req, raw.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  return { kind: "see_other", location };
}

/**
 * The decision on a standard's consent (UK Open Banking): the SAME consent the app created
 * becomes `authorised` with the customer and the chosen accounts (or `rejected`), in one
 * conditional update, so a consent is authorised once even if two browsers race.
 */
async function decideIntent(
  deps: Deps,
  raw: Raw,
  loaded: NonNullable<Awaited<ReturnType<typeof load>>>,
  intent: Intent,
  form: URLSearchParams,
): Promise<InteractionOutcome> {
  const { details, client, tenantId } = loaded;
  const customerId = String(details.session!.accountId);
  const tenantNow = await deps.tenantNow(tenantId);
  if (form.get("decision") === "deny") {
    await deps.db.bankConsent.updateMany({
      where: { id: intent.consent.id, status: "awaiting_authorisation" },
      data: { status: "rejected", statusUpdatedAt: tenantNow },
    });
    const location = await deps.provider.interactionResult(raw.req, raw.res, {
      error: "access_denied",
      error_description: "The customer rejected the consent.",
    });
    return { kind: "see_other", location };
  }
  const allowed = new Set((await intent.accounts(customerId)).map((account) => account.id));
  const chosen = [...new Set(form.getAll("account_id"))].sort();
  const fits = intent.summary.choice === "one" ? chosen.length === 1 : chosen.length >= 1;
  if (form.get("decision") !== "approve" || !fits || !chosen.every((id) => allowed.has(id)))
    return consentPage(
      deps,
      loaded,
      intent.summary.choice === "one"
        ? "Choose the account to use, or deny the request."
        : "Choose at least one account to share, or deny the request.",
    );

  const scopes = requestedScopes(details);
  const grant = new deps.provider.Grant({ accountId: customerId, clientId: client.clientId });
  grant.addOIDCScope(scopes.join(" "));
  grant.addOIDCClaims(["openbanking_intent_id"]);
  if (details.params.claims) grant.addOIDCClaims(Object.keys(JSON.parse(String(details.params.claims)).id_token ?? {}));
  const grantId = await grant.save();
  const { count } = await deps.db.bankConsent.updateMany({
    where: { id: intent.consent.id, status: "awaiting_authorisation", expiresAt: { gt: tenantNow } },
    data: { status: "authorised", customerId, accountIds: JSON.stringify(chosen), grantId, statusUpdatedAt: tenantNow },
  });
  if (count !== 1) {
    await grant.destroy();
    return expired();
  }
  const location = await deps.provider.interactionResult(raw.req, raw.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  return { kind: "see_other", location };
}
