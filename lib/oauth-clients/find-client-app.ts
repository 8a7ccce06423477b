import { timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import { hashApiKey } from "../keys/api-key";
import { portal } from "../runtime";
import { parseStoredJwks, toClientAuthMethod, toClientProfile, type ClientAuthMethod, type ClientProfile } from "./client-profile";
import { isWellFormedClientSecret } from "./client-secret";

/** What the gateway tells the bank about an OAuth client (one source of truth: the portal). */
export type ClientApp = {
  appId: string;
  name: string;
  redirectUris: string[];
  clientId: string;
  secretHash: string | null;
  /** basic (authorization code + PKCE) | fapi2 (FAPI 2.0: PAR, private_key_jwt, DPoP). */
  profile: ClientProfile;
  /** How the client authenticates at the token endpoint. */
  authMethod: ClientAuthMethod;
  /** The app's public keys as pasted (public members only, validated on save), or null. */
  jwks: { keys: JsonWebKey[] } | null;
  /** Where the app's public keys are fetched (https; not a private address when saved), or null. Never both. */
  jwksUri: string | null;
};

const CLIENT_ID = /^cli_[0-9A-Za-z]{22}$/;

/** An active app by its public client id (for /oauth/authorize), or null. */
export async function findClientApp(clientId: string): Promise<ClientApp | null> {
  if (!CLIENT_ID.test(clientId)) return null;
  const cache = portal().caches.clients;
  const cached = cache.get(clientId);
  if (cached !== undefined) return cached;
  const row = await db().oAuthClient.findUnique({
    where: { clientId },
    select: {
      clientId: true,
      secretHash: true,
      profile: true,
      authMethod: true,
      jwks: true,
      jwksUri: true,
      app: { select: { id: true, name: true, status: true, redirectUris: true } },
    },
  });
  const value =
    row && row.app.status === "active"
      ? {
          appId: row.app.id,
          name: row.app.name,
          clientId: row.clientId,
          secretHash: row.secretHash,
          redirectUris: Array.isArray(row.app.redirectUris) ? (row.app.redirectUris as string[]) : [],
          profile: toClientProfile(row.profile),
          authMethod: toClientAuthMethod(row.authMethod),
          jwks: parseStoredJwks(row.jwks),
          jwksUri: row.jwksUri,
        }
      : null;
  cache.set(clientId, value);
  return value;
}

/** Client authentication at the token endpoint: the id and its current secret, or null. */
export async function authenticateClient(clientId: string, secret: string): Promise<ClientApp | null> {
  if (!isWellFormedClientSecret(secret)) return null;
  const client = await findClientApp(clientId);
  if (!client?.secretHash) return null;
  const given = Buffer.from(hashApiKey(secret, env().API_KEY_PEPPER));
  const expected = Buffer.from(client.secretHash);
  return given.length === expected.length && timingSafeEqual(given, expected) ? client : null;
}
