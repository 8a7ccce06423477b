import type { BankConsent, PrismaClient } from "@prisma/client";
import type Provider from "oidc-provider";
import { AppError } from "@openbank/contracts/errors";
import { tokenChallenge } from "./authenticate-access-token";

/**
 * Who calls a standard's route (UK Open Banking, Berlin Group):
 * - the app itself: its API key (the sandbox's stand-in for a TPP certificate) or its own
 *   client-credentials token, which creates and reads consents;
 * - a customer's consent: an access token the authorization server issued for a consent the
 *   customer authorised, which reaches that consent's resources only.
 */
export type StandardCaller =
  | { kind: "app"; via: "api_key" }
  | { kind: "app"; via: "client_credentials"; scopes: string[]; dpopBound: boolean }
  | { kind: "consent"; consent: BankConsent; scopes: string[]; dpopBound: boolean };

/**
 * The OAuth access token of a standard's call (forwarded by the gateway as `x-consent-token`),
 * checked on every call: a client-credentials token of this app, or an authorization's token
 * whose consent belongs to this app and tenant. Its consent's status and expiry are the route's
 * to judge (each standard has its own rules and errors); an unknown, expired or foreign token is
 * `invalid_token` here.
 */
export async function authenticateStandardToken(options: {
  db: PrismaClient;
  provider: Provider;
  token: string;
  appId: string | null;
  tenantId: string;
  /** The tenant's clock: an access token expires on it too (`sandbox_exp`). */
  tenantNow: Date;
}): Promise<Exclude<StandardCaller, { via: "api_key" }>> {
  const { db, provider, token, appId, tenantId, tenantNow } = options;
  const invalid = (dpopBound: boolean, detail: string) =>
    new AppError("invalid_token", detail, { headers: tokenChallenge(dpopBound, 'error="invalid_token"') });
  const scopesOf = (scope: string | undefined) => (scope ?? "").split(" ").filter(Boolean);

  const issued = await provider.AccessToken.find(token);
  if (issued) {
    const dpopBound = Boolean((issued as { jkt?: string }).jkt);
    const extra = issued.extra as { consent_id?: string; sandbox_exp?: number } | undefined;
    const consent = extra?.consent_id ? await db.bankConsent.findUnique({ where: { id: extra.consent_id } }) : null;
    if (!consent || consent.appId !== appId || consent.tenantId !== tenantId)
      throw invalid(dpopBound, "The access token is not valid for this app.");
    if (extra?.sandbox_exp && extra.sandbox_exp * 1000 <= tenantNow.getTime())
      throw invalid(dpopBound, "The access token has expired (sandbox clock). Use your refresh token at POST /oauth/token.");
    return { kind: "consent", consent, scopes: scopesOf(issued.scope), dpopBound };
  }
  const own = await provider.ClientCredentials.find(token);
  if (own?.clientId) {
    const dpopBound = Boolean((own as { jkt?: string }).jkt);
    const client = await provider.Client.find(own.clientId);
    if ((client as { app_id?: string } | undefined)?.app_id !== appId)
      throw invalid(dpopBound, "The access token is not valid for this app.");
    return { kind: "app", via: "client_credentials", scopes: scopesOf(own.scope), dpopBound };
  }
  throw invalid(false, "The access token is unknown or has expired. Get a new one at POST /oauth/token.");
}
