/**
 * The per-app OAuth settings the portal stores (OAuthClient.profile / authMethod) and the bank
 * enforces: one list, read by the input schema, the DTO, the gateway's ClientApp and the UI.
 */
export const CLIENT_PROFILES = ["basic", "fapi2"] as const;
export type ClientProfile = (typeof CLIENT_PROFILES)[number];

export const CLIENT_AUTH_METHODS = ["client_secret_basic", "private_key_jwt"] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export const profileLabels: Record<ClientProfile, string> = { basic: "Basic (PKCE)", fapi2: "FAPI 2.0" };

/** A stored value we do not know (an older row, a hand edit) reads as the safe default. */
export function toClientProfile(value: string): ClientProfile {
  return (CLIENT_PROFILES as readonly string[]).includes(value) ? (value as ClientProfile) : "basic";
}

export function toClientAuthMethod(value: string): ClientAuthMethod {
  return (CLIENT_AUTH_METHODS as readonly string[]).includes(value) ? (value as ClientAuthMethod) : "client_secret_basic";
}

/** A JWKS of public keys, as stored (validated by clientJwksInput on the way in). */
export type PublicJwks = { keys: JsonWebKey[] };

/** The stored JSON text of a JWKS, or null (absent, or unreadable: never trusted half-parsed). */
export function parseStoredJwks(text: string | null): PublicJwks | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && Array.isArray((value as PublicJwks).keys) ? (value as PublicJwks) : null;
  } catch {
    return null;
  }
}
