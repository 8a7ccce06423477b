import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";
import { createConsent } from "../consents/create-consent";
import { errorPage, type AuthorizationOutcome } from "./authorization-outcome";
import { consentScreenAccounts } from "./consent-screen-accounts";
import { sandboxPassword } from "./sandbox-password";
import { isScope, SCOPES, type Scope } from "./scopes";

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
  if (!requestedScopes(loaded.details).some((scope) => isScope(scope) || scope === "openid")) {
    const location = await deps.provider.interactionResult(raw.req, raw.res, {
      error: "invalid_scope",
      error_description: `scope must list one or more of ${SCOPES.join(", ")} (or openid to sign in), separated by spaces.`,
    });
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
    ? await deps.db.bankCustomer.findFirst({ where: { tenantId, username }, select: { id: true, persona: true } })
    : null;
  if (!customer?.persona || !same(form.get("password") ?? "", sandboxPassword(customer.persona))) {
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
