import { expect } from "vitest";
import type { BankApp } from "../src/app";
import { verifyDetachedSignature, type RsaPublicJwk } from "@openbank/contracts/message-signing";
import { expectConformant, type StandardName } from "../../tests/support/standards-contract";
import { gatewayHeaders, TEST_SECRET } from "./helpers";
import { authoriseStandardConsent, basicAuth, clientHeaders, token } from "./oauth-fixture";

/**
 * Calls to the UK VRP and Confirmation of Funds surfaces as the gateway forwards them (internal
 * secret, tenant and app, the OAuth token as `x-consent-token`), every answer checked against the
 * official document (expectConformant) and, when signed, its x-jws-signature checked against the
 * key the bank publishes at /oauth/jwks.
 */

// Parsed JSON: tests read fields freely; expectConformant has already validated the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ObReply = { status: number; headers: Record<string, unknown>; body: any; raw: string };

export function obClient(app: BankApp, standard: StandardName) {
  let published: RsaPublicJwk | undefined;
  async function bankKey(kid: string): Promise<RsaPublicJwk> {
    if (published?.kid === kid) return published;
    const response = await app.inject({ url: "/oauth/jwks", headers: { "x-internal-secret": TEST_SECRET } });
    const key = (response.json().keys as RsaPublicJwk[]).find((candidate) => candidate.kid === kid);
    if (!key) throw new Error(`the bank's JWKS has no key ${kid}`);
    expect(key).toMatchObject({ kty: "RSA", alg: "PS256", use: "sig" });
    expect(key).not.toHaveProperty("d");
    return (published = key);
  }

  async function call(options: {
    method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    url: string;
    tenant: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<ObReply> {
    const method = options.method ?? "GET";
    const headers: Record<string, string> = { ...gatewayHeaders(options.tenant), ...options.headers };
    if (options.token) headers["x-consent-token"] = options.token;
    if (options.body !== undefined) headers["content-type"] ??= "application/json";
    const response = await app.inject({
      method,
      url: options.url,
      headers,
      payload: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    });
    const raw = response.body;
    const body = raw === "" ? undefined : JSON.parse(raw);
    expectConformant({
      method,
      path: options.url,
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
      body,
      standard,
    });
    const signature = response.headers["x-jws-signature"];
    if (typeof signature === "string") {
      const header = JSON.parse(Buffer.from(signature.split(".")[0], "base64url").toString("utf8")) as { kid: string };
      const verified = verifyDetachedSignature(signature, raw, await bankKey(header.kid));
      expect(verified, `x-jws-signature of ${method} ${options.url} → ${response.statusCode}`).toMatchObject({ valid: true });
    }
    return { status: response.statusCode, headers: response.headers, body, raw };
  }
  return { call, bankKey };
}

/** Each app its own OAuth client (as the portal registers one per app). */
export const clientIdOf = (appId: string) => `cli_${appId.replace(/^app_/, "")}`;

/** The app's own client-credentials token with a UK scope. */
export async function clientToken(app: BankApp, appId: string, scope: "payments" | "fundsconfirmations" | "accounts"): Promise<string> {
  const clientId = clientIdOf(appId);
  const reply = await token(
    app,
    null,
    { grant_type: "client_credentials", scope },
    { ...clientHeaders(appId, { client_id: clientId }), authorization: basicAuth(clientId), "x-app-id": appId, "x-tenant-id": appId },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.access_token as string;
}

/**
 * The customer authorises a UK consent on the bank's pages (openbanking_intent_id, login, the
 * consent page, approve or deny: the lead's authoriseStandardConsent) and the app exchanges the
 * code. The chosen account is the one the consent names, else the persona's current account.
 * Returns the access and refresh tokens (null when denied).
 */
export async function authoriseConsent(
  app: BankApp,
  options: { consentId: string; persona?: string; scope: string; approve?: boolean },
): Promise<{ accessToken: string; refreshToken: string }> {
  const consent = await app.db.bankConsent.findUniqueOrThrow({ where: { id: options.consentId } });
  const persona = options.persona ?? "good_credit";
  const current = await app.db.bankAccount.findFirst({
    where: { tenantId: consent.tenantId, customer: { persona }, type: "current" },
    orderBy: { id: "asc" },
  });
  const result = await authoriseStandardConsent(app, {
    appId: consent.appId,
    consentId: consent.id,
    scope: options.scope,
    persona,
    deny: options.approve === false,
    accounts: (ids) => (current && ids.includes(current.id) ? [current.id] : ids.slice(0, 1)),
  });
  if (options.approve === false) return { accessToken: "", refreshToken: "" };
  expect(result.accessToken, JSON.stringify(result.tokens ?? result.flow.final?.body)).toBeTruthy();
  return { accessToken: result.accessToken!, refreshToken: result.tokens.refresh_token as string };
}

/** A fresh access token from the refresh token (access tokens live an hour on the sandbox clock too). */
export async function refreshConsentToken(
  app: BankApp,
  appId: string,
  refresh: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const reply = await token(app, appId, { grant_type: "refresh_token", refresh_token: refresh });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { accessToken: reply.body.access_token as string, refreshToken: reply.body.refresh_token as string };
}

/** An access token for a consent whatever its status (to show what the routes do with one that is not authorised). */
export async function mintConsentToken(app: BankApp, options: { consentId: string; customerId: string; scope: string }): Promise<string> {
  // The authorization server names the consent in the token (consent_id) from the consent's grant.
  await app.db.bankConsent.update({ where: { id: options.consentId }, data: { grantId: `grant_${options.consentId}` } });
  const AccessToken = app.authorizationServer.AccessToken;
  const consent = await app.db.bankConsent.findUniqueOrThrow({ where: { id: options.consentId }, select: { appId: true } });
  const issued = new AccessToken({
    accountId: options.customerId,
    clientId: clientIdOf(consent.appId),
    grantId: `grant_${options.consentId}`,
    scope: `openid ${options.scope}`,
    expiresIn: 3600,
  } as unknown as ConstructorParameters<typeof AccessToken>[0]);
  return issued.save();
}

/** The error's UK.OBIE name (4.0 carries it at the head of each Message) and path. */
export function obErrors(reply: ObReply): { name: string; path?: string }[] {
  return (reply.body?.Errors ?? []).map((error: { Message: string; Path?: string }) => ({
    name: error.Message.split(":")[0],
    ...(error.Path ? { path: error.Path } : {}),
  }));
}
