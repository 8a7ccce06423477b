import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { errorPage, redirectTo, type AuthorizationOutcome } from "./authorization-outcome";
import { browserCookie, csrfToken, hashBrowserValue, newBrowserValue } from "./browser-binding";
import type { ClientApp } from "./client-app";
import { CHALLENGE_PATTERN } from "./pkce";
import { parseScope } from "./scopes";

/** How long the customer has to log in and decide (real time). */
export const AUTHORIZATION_REQUEST_TTL_MS = 15 * 60 * 1000;

type Query = Record<string, string | string[] | undefined>;

export type StartAuthorizationOptions = {
  db: PrismaClient;
  /** Seeds the tenant if this is the app's first call, so its personas can log in. */
  ensureTenant: (tenantId: string) => Promise<unknown>;
  client: ClientApp | null;
  query: Query;
  /** The browser's existing binding cookie, if any. */
  browserValue?: string;
  secret: string;
  issuer: string;
  secureCookie: boolean;
  now: Date;
};

/**
 * GET /oauth/authorize. The client and its redirect URI are checked first: until both are
 * known good, errors are shown on a bank page and never redirected (RFC 6749 §4.1.2.1,
 * RFC 9700 §4.1: exact string match, no normalising of case, slashes, ports or queries).
 * After that, every error goes back to the app with `state` untouched.
 */
export async function startAuthorization(options: StartAuthorizationOptions): Promise<AuthorizationOutcome> {
  const { db, client, query, now } = options;
  const single = (name: string): string | undefined | null => {
    const value = query[name];
    if (Array.isArray(value)) return null; // repeated: RFC 6749 §3.1 forbids it
    return value;
  };

  const clientId = single("client_id");
  if (!clientId)
    return errorPage(
      400,
      "Unknown app",
      "The link you followed does not name an app (client_id is missing or repeated). Go back to the app and try again.",
    );
  if (!client)
    return errorPage(400, "Unknown app", "The link you followed names an app this bank does not know. Go back to the app and try again.");

  const redirectUri = single("redirect_uri");
  if (!redirectUri)
    return errorPage(
      400,
      "Invalid redirect",
      `${client.name} did not say where to send you back (redirect_uri is missing or repeated), so this request cannot continue.`,
    );
  if (!client.redirectUris.includes(redirectUri)) {
    return errorPage(
      400,
      "Invalid redirect",
      `${client.name} asked to send you back to an address it has not registered, so this request cannot continue. (Developers: redirect_uri must exactly match one of the app's registered redirect URIs.)`,
    );
  }

  const state = single("state");
  const fail = (error: string, description: string) =>
    redirectTo(redirectUri, {
      error,
      error_description: description,
      state: typeof state === "string" ? state : undefined,
      iss: options.issuer,
    });

  if (state === null) return fail("invalid_request", "state must not be repeated.");
  for (const name of ["response_type", "scope", "code_challenge", "code_challenge_method"]) {
    if (single(name) === null) return fail("invalid_request", `${name} must not be repeated.`);
  }
  const responseType = single("response_type");
  if (!responseType) return fail("invalid_request", "response_type is required; use response_type=code.");
  if (responseType !== "code")
    return fail("unsupported_response_type", "Only response_type=code (authorization code with PKCE) is supported.");
  const scopes = parseScope(single("scope"));
  if (!scopes)
    return fail("invalid_scope", "scope must list one or more of accounts:read, transactions:read, payments:write, separated by spaces.");
  const challenge = single("code_challenge");
  if (!challenge)
    return fail(
      "invalid_request",
      "PKCE is required: send code_challenge (the base64url SHA-256 of your code_verifier) and code_challenge_method=S256.",
    );
  const method = single("code_challenge_method");
  if (method !== "S256") return fail("invalid_request", "code_challenge_method must be S256; plain (or no method) is not accepted.");
  if (!CHALLENGE_PATTERN.test(challenge))
    return fail("invalid_request", "code_challenge must be 43 base64url characters: the SHA-256 of your code_verifier.");

  await options.ensureTenant(client.appId);
  const browserValue = options.browserValue && options.browserValue.length >= 43 ? options.browserValue : newBrowserValue();
  const request = await db.bankAuthorizationRequest.create({
    data: {
      id: newId("authorizationRequest"),
      tenantId: client.appId,
      appId: client.appId,
      appName: client.name,
      redirectUri,
      scopes: JSON.stringify(scopes),
      state,
      codeChallenge: challenge,
      browserHash: hashBrowserValue(browserValue),
      status: "pending",
      expiresAt: new Date(now.getTime() + AUTHORIZATION_REQUEST_TTL_MS),
    },
    select: { id: true },
  });
  return {
    kind: "login",
    requestId: request.id,
    appName: client.name,
    scopes,
    csrf: csrfToken(options.secret, request.id, browserValue),
    setCookie: browserCookie(browserValue, options.secureCookie),
  };
}
