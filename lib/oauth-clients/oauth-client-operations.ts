import { z } from "zod";
import { redirectUrisInput } from "@/lib/apps/app-input";
import { defineOperation } from "@/lib/portal-api/define-operation";
import { appParams, text } from "@/lib/portal-api/schemas";
import { oauthClientSettingsInput } from "./client-settings-input";
import { oauthClientDto } from "./oauth-client-dto";

export const getOAuthClientOperation = defineOperation({
  method: "GET",
  path: "/api/apps/{appId}/oauth-client",
  operationId: "getOAuthClient",
  tag: "OAuth client",
  summary: "Get the app's OAuth client",
  description: "Every app has exactly one client id, created on first sight. Never includes the secret.",
  access: { app: "app:read" },
  params: appParams,
  success: { status: 200, description: "The client.", schema: oauthClientDto },
});

export const rotateClientSecretOperation = defineOperation({
  method: "POST",
  path: "/api/apps/{appId}/oauth-client/secret",
  operationId: "rotateClientSecret",
  stepUp: true,
  tag: "OAuth client",
  summary: "Generate or rotate the client secret",
  description: "The previous secret stops working at once. The new one is in this response only: store it now.",
  access: { app: "key:create" },
  params: appParams,
  success: {
    status: 201,
    description: "The client and its new secret.",
    schema: z.object({
      client: oauthClientDto,
      client_secret: text(100).describe("`cs_sandbox_…`. Shown once: only its HMAC is stored."),
    }),
  },
});

export const updateRedirectUrisOperation = defineOperation({
  method: "PUT",
  path: "/api/apps/{appId}/redirect-uris",
  operationId: "updateRedirectUris",
  tag: "OAuth client",
  summary: "Replace the app's redirect URIs",
  description: "Matched exactly at the authorization endpoint: https, or http on loopback (RFC 8252); no fragment. Duplicates are dropped.",
  access: { app: "app:update" },
  params: appParams,
  body: redirectUrisInput,
  success: { status: 200, description: "The redirect URIs now registered.", schema: oauthClientDto.pick({ redirect_uris: true }) },
});

export const updateOAuthClientSettingsOperation = defineOperation({
  method: "PUT",
  path: "/api/apps/{appId}/oauth-client/settings",
  operationId: "updateOAuthClientSettings",
  // Changing how the client authenticates (whose keys it trusts) is as sensitive as its secret.
  stepUp: true,
  tag: "OAuth client",
  summary: "Set the app's security profile, client authentication, public keys and message signing",
  description: [
    "Replaces the settings as a whole; the bank enforces them from the next request.",
    "",
    "- `profile`: `basic` (authorization code + PKCE) or `fapi2` (FAPI 2.0: pushed authorization requests, `private_key_jwt`, DPoP-bound tokens).",
    "- `token_endpoint_auth_method`: `client_secret_basic` or `private_key_jwt`. FAPI 2.0 requires `private_key_jwt`.",
    "- `jwks` (a JWK Set of **public** keys: RSA of 2048 bits or more, EC P-256 or Ed25519, each with a unique `kid`, `use` `sig` if present; at most 10 keys and 8 KiB) or `jwks_uri` (https; not a private, loopback or metadata address), never both. `private_key_jwt` requires one of them.",
    "- `message_signing` (default `false`): UK Open Banking message signing. Payment requests on `/open-banking/v4.0/pisp` must then carry `x-jws-signature`, verified with the keys above (PS256: an RSA key). Needs `jwks` with an RSA key, or `jwks_uri`. The bank then signs every answer to the app; payment answers are signed in any case, with the PS256 key in `/oauth/jwks`.",
    "",
    "A refused field is named by its JSON pointer, down to the key member (`/body/jwks/keys/0/d`).",
  ].join("\n"),
  access: { app: "app:update" },
  params: appParams,
  body: oauthClientSettingsInput,
  success: { status: 200, description: "The client with its new settings.", schema: oauthClientDto },
});

export const oauthClientOperations = [
  getOAuthClientOperation,
  rotateClientSecretOperation,
  updateRedirectUrisOperation,
  updateOAuthClientSettingsOperation,
];
