import type { PrismaClient } from "@prisma/client";
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { isIP } from "node:net";
import { checkAddress } from "@openbank/contracts/address-policy";
import { BlockedAddressError, createGuardedLookup } from "@openbank/contracts/guarded-lookup";
import { dpopNonceSecret } from "@openbank/contracts/oauth-client";
import { ClientAdapter } from "./client-metadata";
import { endGrantConsent } from "./end-grant-consent";
import { explainError } from "./error-hints";
import { findCustomerAccount, IDENTITY_CLAIMS, IDENTITY_SCOPES } from "./identity-claims";
import { PrismaOidcAdapter } from "./oidc-adapter";
import { generateRegistrationAccessToken, generateToken } from "./opaque-token";
import { authorizationPagePolicy, renderErrorPage } from "./authorization-pages";
import { SCOPES, STANDARD_SCOPES } from "./scopes";
import { deriveSecret, deriveSigningKey } from "./signing-keys";
import { deriveMessageSigningJwk } from "@openbank/contracts/message-signing";

/** Codes live 60 s (FAPI 2.0 §5.3.2.1), access tokens an hour, refresh tokens 90 days (real time). */
export const TTL = {
  AuthorizationCode: 60,
  AccessToken: 3600,
  ClientCredentials: 600,
  IdToken: 3600,
  Interaction: 15 * 60,
  PushedAuthorizationRequest: 60,
  RefreshToken: 90 * 24 * 3600,
  Session: 15 * 60,
  Grant: 90 * 24 * 3600,
} as const;

/** Where the authorization server's endpoints are, on the portal's origin (the gateway forwards them). */
export const ROUTES = {
  authorization: "/oauth/authorize",
  pushed_authorization_request: "/oauth/par",
  token: "/oauth/token",
  jwks: "/oauth/jwks",
  userinfo: "/oauth/userinfo",
  revocation: "/oauth/revoke",
  introspection: "/oauth/introspect",
  registration: "/oauth/register",
  end_session: "/oauth/logout",
} as const;

export type AuthorizationServer = Provider;

/** The events oidc-provider emits with `(ctx, error)` when an endpoint refuses a request. */
const ERROR_EVENTS = [
  "authorization.error",
  "backchannel.error",
  "discovery.error",
  "grant.error",
  "introspection.error",
  "jwks.error",
  "pushed_authorization_request.error",
  "registration_create.error",
  "registration_delete.error",
  "registration_read.error",
  "registration_update.error",
  "revocation.error",
  "userinfo.error",
];

/**
 * Options for the server's outbound fetches: an address literal is judged at once (the socket
 * would not look it up); a name is resolved by the guarded lookup, every address judged.
 */
function guardedFetchOptions(url: URL, allowLoopback: boolean) {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal)) {
    const verdict = checkAddress(literal, { allowLoopback });
    if (!verdict.allowed) return { signal: AbortSignal.abort(new BlockedAddressError(`${url.hostname} is ${verdict.reason}`)) };
  }
  return {
    signal: AbortSignal.timeout(2_500),
    dnsLookup: createGuardedLookup({ allowLoopback }) as never,
    "user-agent": "OpenBankSandbox/1.0 (+jwks_uri)",
  };
}

/** A sandbox whose portal is on this machine (a developer's laptop, the test suites) may fetch keys from it too. */
function isLoopbackOrigin(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/**
 * The customer logs in to the bank for every authorization, as a bank's consent journey does: a
 * session left in the browser by an earlier one (possibly another app's tenant) never skips it.
 */
function freshLoginPolicy() {
  const { base, Check } = interactionPolicy;
  const policy = base();
  policy
    .get("login")!
    .checks.add(
      new Check("fresh_login", "The customer logs in to the bank for every authorization", (ctx) =>
        ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT,
      ),
    );
  return policy;
}

/** The answer's description, with the precise reason appended when the library gave one. */
function withDetail(out: { error: string; error_description?: string }, error: unknown): { error: string; error_description?: string } {
  const detail = (error as { error_detail?: string } | undefined)?.error_detail;
  if (!detail || out.error_description?.includes(detail)) return out;
  return { ...out, error_description: `${out.error_description ? `${out.error_description.replace(/\.?$/, "")}: ` : ""}${detail}` };
}

/**
 * The bank's authorization server: oidc-provider (OpenID Certified), configured. OAuth 2.0 with
 * PKCE, OpenID Connect, client credentials, PAR, DPoP, JAR at PAR, revocation, introspection,
 * dynamic registration, and the FAPI 2.0 Security Profile for the apps that choose it. The login
 * and consent steps are the bank's own pages (routes/oauth.ts); consents are the bank's model.
 */
export function createAuthorizationServer(options: {
  issuer: string;
  db: PrismaClient;
  secret: string;
  docsBaseUrl: string;
  /** The tenant's clock (consents and sandbox token lifetimes run on it). */
  tenantNow: (tenantId: string) => Promise<Date>;
}) {
  const { db, secret } = options;
  const clients = new ClientAdapter(db, secret);

  const configuration: Configuration = {
    adapter: (name: string) => (name === "Client" ? clients : new PrismaOidcAdapter(name, db)),
    // ES256 signs the protocol's own answers; the PS256 key is UK Open Banking's message-signing key
    // (x-jws-signature), published here so a TPP finds it by its kid (enabledJWA keeps it out of OIDC).
    jwks: { keys: [deriveSigningKey(secret), deriveMessageSigningJwk(secret)] },
    // Lax everywhere: every step is a top-level navigation on the portal's own site, and browsers
    // drop SameSite=None cookies on plain http (the sandbox on localhost).
    cookies: {
      keys: [deriveSecret(secret, "authorization-server-cookies").toString("base64url")],
      names: { session: "ob_session", interaction: "ob_interaction", resume: "ob_resume" },
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    routes: ROUTES,
    scopes: ["offline_access", ...IDENTITY_SCOPES, ...SCOPES, ...STANDARD_SCOPES],
    claims: { ...IDENTITY_CLAIMS, openbanking_intent_id: null } as unknown as Configuration["claims"],
    findAccount: (_ctx, sub, token) => findCustomerAccount(db, sub, (token as { grantId?: string } | undefined)?.grantId),
    interactions: { url: (_ctx, interaction) => `/oauth/interaction/${interaction.uid}`, policy: freshLoginPolicy() },
    // Every authorization is a new consent: only the grant the customer just gave is reused.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    pkce: { required: () => true, methods: ["S256"] },
    // "Sign in with Open Bank": the id_token carries the scopes' claims itself, not only userinfo.
    conformIdTokenClaims: false,
    ttl: TTL,
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      id_token_signed_response_alg: "ES256",
      response_types: ["code"],
      token_endpoint_auth_method: "private_key_jwt",
    },
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    responseTypes: ["code"],
    enabledJWA: {
      idTokenSigningAlgValues: ["ES256"],
      userinfoSigningAlgValues: ["ES256"],
      introspectionSigningAlgValues: ["ES256"],
      requestObjectSigningAlgValues: ["ES256", "PS256", "EdDSA"],
      clientAuthSigningAlgValues: ["ES256", "PS256", "EdDSA"],
      dPoPSigningAlgValues: ["ES256", "PS256", "EdDSA"],
    },
    // No browser calls the token endpoint: every client is confidential.
    clientBasedCORS: () => false,
    extraClientMetadata: { properties: ["app_id", "profile", "software_id"] },
    // Tokens of a consent outlive the customer's bank session; refresh tokens rotate on every use,
    // and a used one presented again revokes the whole grant.
    expiresWithSession: async () => false,
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed("refresh_token") && code.kind === "AuthorizationCode",
    rotateRefreshToken: true,
    // An access token names its consent, and expires an hour later on the tenant's clock too (the
    // sandbox clock can be advanced past it).
    extraTokenClaims: async (_ctx, token) => {
      if (!("grantId" in token) || !token.grantId) return undefined;
      const consent = await db.bankConsent.findUnique({ where: { grantId: token.grantId }, select: { id: true, tenantId: true } });
      if (!consent) return undefined;
      const now = await options.tenantNow(consent.tenantId);
      return { consent_id: consent.id, sandbox_exp: Math.floor(now.getTime() / 1000) + TTL.AccessToken };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => !token.clientId || token.clientId === client.clientId },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      claimsParameter: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      requestObjects: { request: true, requestUri: false, requireSignedRequestObject: false, mode: "strict" },
      // The gateway's /v1 nonces use the same key, so a client's one nonce per origin works at both.
      dPoP: { enabled: true, nonceSecret: dpopNonceSecret(secret), requireNonce: () => false },
      registration: { enabled: true, initialAccessToken: false, idFactory: () => `dcr_${crypto.randomUUID().replaceAll("-", "")}` },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
      fapi: {
        enabled: true,
        profile: (_ctx: KoaContextWithOIDC, client: { profile?: string }) => (client.profile === "fapi2" ? "2.0" : undefined),
      },
      rpInitiatedLogout: { enabled: false },
    } as Configuration["features"],
    // The only URLs the server fetches are clients' jwks_uri. The portal checks them when they are
    // saved; this checks where they resolve at connect time (DNS rebinding), like webhook deliveries.
    httpOptions: (url) => guardedFetchOptions(url, isLoopbackOrigin(options.issuer)),
    renderError: async (ctx, out, error) => {
      const described = withDetail(out, error);
      ctx.type = "html";
      // The same policy as the bank's other authorization pages (the gateway sends a page without one a policy that allows nothing).
      ctx.set("content-security-policy", authorizationPagePolicy());
      ctx.set("x-frame-options", "DENY");
      ctx.body = renderErrorPage(described.error_description ?? described.error, explainError(described, options.docsBaseUrl));
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = true;
  // Authorization codes and registration access tokens say what they are (`oac_…`, `rat_…`:
  // @openbank/contracts/credential-formats), so the portal's request log masks them wherever they
  // appear, not only under their field's name. (oidc-provider's opaque format names its token ids
  // with `generateTokenId`, untyped.)
  const named = (model: unknown, generate: () => string) => {
    (model as { prototype: { generateTokenId: () => string } }).prototype.generateTokenId = generate;
  };
  named(provider.AuthorizationCode, () => generateToken("code"));
  named(provider.RegistrationAccessToken, generateRegistrationAccessToken);

  // The token response names the consent the tokens act for (as `consent_id`), as before.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.oidc?.route !== "token" || ctx.status !== 200 || !body || typeof body.access_token !== "string") return;
    const issued = await provider.AccessToken.find(body.access_token);
    const consentId = (issued?.extra as { consent_id?: string } | undefined)?.consent_id;
    if (consentId) ctx.body = { ...body, consent_id: consentId };
  });

  // oidc-provider keeps the precise reason of a refusal (`error_detail`, e.g. "DPoP proof JWT not
  // provided") out of its answers; a sandbox is where a developer needs it, so it is kept for the answer.
  for (const event of ERROR_EVENTS)
    provider.on(event, (ctx: KoaContextWithOIDC, error: { error_detail?: string }) => {
      if (error?.error_detail) ctx.state.errorDetail = error.error_detail;
    });

  // A revoked grant (a replayed code or refresh token, or the app revoking a refresh token) ends its
  // consent, so the consent reads revoked rather than authorised with no working token. The event is
  // emitted inside the request; the consent is ended before the answer goes out.
  provider.on("grant.revoked", (ctx: KoaContextWithOIDC, grantId: string) => {
    (ctx.state.revokedGrants ??= []).push(grantId);
  });
  provider.use(async (ctx, next) => {
    try {
      await next();
    } finally {
      const revokedBy = ctx.oidc?.route === "revocation" ? "tpp" : "token_replay";
      for (const grantId of (ctx.state.revokedGrants as string[] | undefined) ?? [])
        await endGrantConsent({ db, grantId, revokedBy, tenantNow: options.tenantNow });
    }
  });

  // Every OAuth error in a JSON answer says which rule it broke and where the guide explains it.
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown> | undefined;
    if (ctx.status >= 400 && body && typeof body === "object" && typeof body.error === "string" && !Buffer.isBuffer(body)) {
      const described = withDetail(
        { error: body.error, error_description: String(body.error_description ?? "") },
        { error_detail: ctx.state.errorDetail as string | undefined },
      );
      const hint = explainError(described, options.docsBaseUrl);
      ctx.body = { ...body, error_description: hint?.description ?? described.error_description, ...(hint ? { error_uri: hint.uri } : {}) };
    }
  });
  return provider;
}

export { errors };
