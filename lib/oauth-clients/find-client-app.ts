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
  /** UK Open Banking message signing: the app's payment requests carry x-jws-signature, checked with the keys above. */
  messageSigning: boolean;
  /** The app's team: the directory's org_id, half of a message signature's `iss` (`{org_id}/{software_id}`). */
  teamId: string;
  /**
   * The test certificates the sandbox CA issued to the app (the latest 20, revoked and expired
   * ones included): while one is active, its Berlin Group requests must be signed with it.
   */
  tppCertificates: TppCertificateRef[];
};

/** `roles`: the PSD2 roles written in the certificate, comma-separated (PSP_AI,PSP_PI,PSP_IC). */
export type TppCertificateRef = { fingerprint: string; serialNumber: string; roles: string; notAfter: Date; revokedAt: Date | null };

const CLIENT_ID = /^cli_[0-9A-Za-z]{22}$/;

const clientSelect = {
  clientId: true,
  secretHash: true,
  profile: true,
  authMethod: true,
  jwks: true,
  jwksUri: true,
  messageSigning: true,
  app: { select: { id: true, name: true, status: true, redirectUris: true, teamId: true } },
  tppCertificates: {
    select: { fingerprint: true, serialNumber: true, roles: true, notAfter: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
    take: 20,
  },
} as const;

type ClientRow = {
  clientId: string;
  secretHash: string | null;
  profile: string;
  authMethod: string;
  jwks: string | null;
  jwksUri: string | null;
  messageSigning: boolean;
  app: { id: string; name: string; status: string; redirectUris: unknown; teamId: string };
  tppCertificates: TppCertificateRef[];
};

function toClientApp(row: ClientRow | null): ClientApp | null {
  if (!row || row.app.status !== "active") return null;
  return {
    appId: row.app.id,
    name: row.app.name,
    clientId: row.clientId,
    secretHash: row.secretHash,
    redirectUris: Array.isArray(row.app.redirectUris) ? (row.app.redirectUris as string[]) : [],
    profile: toClientProfile(row.profile),
    authMethod: toClientAuthMethod(row.authMethod),
    jwks: parseStoredJwks(row.jwks),
    jwksUri: row.jwksUri,
    messageSigning: row.messageSigning,
    teamId: row.app.teamId,
    tppCertificates: row.tppCertificates,
  };
}

/** An active app by its public client id (for /oauth/authorize), or null. */
export async function findClientApp(clientId: string): Promise<ClientApp | null> {
  if (!CLIENT_ID.test(clientId)) return null;
  const cache = portal().caches.clients;
  const cached = cache.get(clientId);
  if (cached !== undefined) return cached;
  const value = toClientApp(await db().oAuthClient.findUnique({ where: { clientId }, select: clientSelect }));
  cache.set(clientId, value);
  return value;
}

/**
 * An active app's client by the app's id (the gateway's question on the UK surface: does this app
 * sign its messages, with which keys?), or null when it has none yet. Cached beside the lookups by
 * client id (an `app:` key), so the same invalidation clears both.
 */
export async function findClientAppOfApp(appId: string): Promise<ClientApp | null> {
  const cache = portal().caches.clients;
  const cacheKey = `app:${appId}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const value = toClientApp(await db().oAuthClient.findUnique({ where: { appId }, select: clientSelect }));
  cache.set(cacheKey, value);
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
