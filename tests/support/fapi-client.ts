import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { JWK } from "jose";
import { generators, Issuer, type BaseClient } from "openid-client";
import { expect } from "vitest";
import { BankBrowser } from "./bank-browser";
import type { PortalClient } from "./portal-client";

/**
 * A partner's FAPI 2.0 relying party in tests: openid-client against the portal's origin, an app
 * switched to FAPI 2.0 with a registered ES256 key, and the PAR → bank pages → code walk.
 */
export const FAPI_REDIRECT = "https://tpp.example/callback";

export type KeyPair = { privateJwk: JWK; publicJwk: JWK; privateKey: KeyObject };

export function ecKey(kid: string): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    privateKey,
    privateJwk: { ...(privateKey.export({ format: "jwk" }) as JWK), kid, alg: "ES256", use: "sig" },
    publicJwk: { ...(publicKey.export({ format: "jwk" }) as JWK), kid, alg: "ES256", use: "sig" },
  };
}

export const dpopKey = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;

export async function newOAuthApp(developer: PortalClient, name: string) {
  const created = await developer.json("POST", "/api/apps", { name, redirect_uris: [FAPI_REDIRECT] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const appId = created.body.app.id as string;
  const oauth = await developer.json("GET", `/api/apps/${appId}/oauth-client`);
  return { appId, clientId: oauth.body.client_id as string, apiKey: created.body.secret as string };
}

/** An app on the FAPI 2.0 profile with one ES256 key registered, and its openid-client client. */
export async function fapiApp(issuer: Issuer<BaseClient>, developer: PortalClient, name: string) {
  const app = await newOAuthApp(developer, name);
  const signing = ecKey(`${name}-sig`);
  const settings = await developer.json("PUT", `/api/apps/${app.appId}/oauth-client/settings`, {
    profile: "fapi2",
    token_endpoint_auth_method: "private_key_jwt",
    jwks: { keys: [signing.publicJwk] },
  });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const client = new issuer.Client(
    {
      client_id: app.clientId,
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      redirect_uris: [FAPI_REDIRECT],
      response_types: ["code"],
      id_token_signed_response_alg: "ES256",
    },
    { keys: [signing.privateJwk as never] },
  );
  return { ...app, signing, client };
}

/** FAPI 2.0: only client_id and request_uri at /authorize (openid-client adds scope and the rest unless told not to). */
export const onlyRequestUri = (client: BaseClient, requestUri: string) =>
  client.authorizationUrl({ request_uri: requestUri, scope: undefined, response_type: undefined, redirect_uri: undefined });

/** PAR → the bank's pages (a sandbox persona approves) → back with a code, as a FAPI 2.0 client does it. */
export async function fapiAuthorize(portalUrl: string, client: BaseClient, scope = "openid accounts:read transactions:read") {
  const verifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const pushed = await client.pushedAuthorizationRequest({
    scope,
    redirect_uri: FAPI_REDIRECT,
    code_challenge: generators.codeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  const walk = await new BankBrowser(portalUrl).authorize(onlyRequestUri(client, pushed.request_uri as string));
  expect(walk.code, JSON.stringify(walk.location)).toBeTruthy();
  return { walk, checks: { code_verifier: verifier, state, nonce }, params: client.callbackParams(walk.location!.toString()) };
}

/** RFC 7591 registration with the portal's software statement for the app (openid-client's static register). */
export async function registerWithStatement(issuer: Issuer<BaseClient>, developer: PortalClient, appId: string, signing: KeyPair) {
  const statement = await developer.json("POST", `/api/apps/${appId}/software-statement`);
  expect(statement.status, JSON.stringify(statement.body)).toBe(200);
  const register = (issuer.Client as unknown as { register: (metadata: object, options: object) => Promise<BaseClient> }).register;
  return register.call(
    issuer.Client,
    {
      software_statement: statement.body.software_statement,
      redirect_uris: [FAPI_REDIRECT],
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      id_token_signed_response_alg: "ES256",
      dpop_bound_access_tokens: true,
      require_pushed_authorization_requests: true,
    },
    { jwks: { keys: [signing.privateJwk] } },
  );
}
