import { createHmac, hkdfSync } from "node:crypto";

/**
 * What the portal's gateway tells the bank's authorization server about an app's OAuth client,
 * on the internal hop (`x-oauth-client`, base64url JSON). The portal owns apps, so this is the
 * one source of a portal client's metadata; the bank never stores it.
 */
export type OAuthClientDescriptor = {
  client_id: string;
  /** The app, which is also the sandbox tenant. */
  app_id: string;
  client_name: string;
  redirect_uris: string[];
  /** basic: authorization code + PKCE | fapi2: FAPI 2.0 Security Profile. */
  profile: "basic" | "fapi2";
  token_endpoint_auth_method: "client_secret_basic" | "private_key_jwt";
  jwks?: { keys: Record<string, unknown>[] };
  jwks_uri?: string;
};

export const OAUTH_CLIENT_HEADER = "x-oauth-client";

export function encodeClientDescriptor(client: OAuthClientDescriptor): string {
  return Buffer.from(JSON.stringify(client)).toString("base64url");
}

/** The descriptor, or null when the header is missing or not one (the bank then knows only registered clients). */
export function decodeClientDescriptor(header: string | string[] | undefined): OAuthClientDescriptor | null {
  if (typeof header !== "string" || header.length > 24_000) return null;
  try {
    const value = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as OAuthClientDescriptor;
    const ok =
      typeof value.client_id === "string" &&
      typeof value.app_id === "string" &&
      typeof value.client_name === "string" &&
      Array.isArray(value.redirect_uris) &&
      value.redirect_uris.every((uri) => typeof uri === "string") &&
      (value.profile === "basic" || value.profile === "fapi2") &&
      (value.token_endpoint_auth_method === "client_secret_basic" || value.token_endpoint_auth_method === "private_key_jwt");
    return ok ? value : null;
  } catch {
    return null;
  }
}

/**
 * The secret a portal client presents to the bank's authorization server after the gateway has
 * checked the developer's own secret against its stored hash. Derived from the internal secret,
 * so it exists only on the two sides of the internal hop and the developer's secret never crosses.
 */
export function internalClientSecret(internalSecret: string, clientId: string): string {
  return createHmac("sha256", internalSecret).update(`oauth-client-secret:${clientId}`).digest("base64url");
}

/**
 * The 32-byte key of server-provided DPoP nonces (RFC 9449 §8), derived from the internal secret.
 * The gateway (for /v1) and the bank's authorization server (for /oauth) use the same key: they
 * share the portal's origin, clients keep one nonce per origin, and a nonce from either works at both.
 */
export function dpopNonceSecret(internalSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", internalSecret, "", "openbank dpop-nonce v1", 32));
}
