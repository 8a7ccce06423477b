import { encodeClientDescriptor, OAUTH_CLIENT_HEADER, type OAuthClientDescriptor } from "@openbank/contracts/oauth-client";
import type { ClientApp } from "../oauth-clients/find-client-app";

/** The portal's settings of a client, as the bank's authorization server is told them. */
export function describeClient(client: ClientApp): OAuthClientDescriptor {
  return {
    client_id: client.clientId,
    app_id: client.appId,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    profile: client.profile,
    token_endpoint_auth_method: client.authMethod,
    ...(client.jwks ? { jwks: client.jwks as OAuthClientDescriptor["jwks"] } : {}),
    ...(client.jwksUri ? { jwks_uri: client.jwksUri } : {}),
  };
}

/**
 * The header that tells the bank a portal client's settings on this call (`x-oauth-client`): the
 * OAuth gateway sends it on every call naming a client, the Berlin Group dialect on a call naming
 * redirect URIs. Only the gateway writes it: no surface lets a developer's own header through.
 */
export function oauthClientHeader(client: ClientApp): Record<string, string> {
  return { [OAUTH_CLIENT_HEADER]: encodeClientDescriptor(describeClient(client)) };
}
