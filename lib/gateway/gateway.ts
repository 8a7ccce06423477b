import type { PrismaClient } from "@prisma/client";
import type Redis from "ioredis";
import type { BatchWriter } from "../batch-writer";
import type { Env } from "../env";
import type { KeyUse } from "../keys/record-key-use";
import { verifyKey } from "../keys/verify-key";
import { authenticateClient, findClientApp, findClientAppOfApp } from "../oauth-clients/find-client-app";
import type { RequestLogSink } from "../request-logs/request-log-writer";
import { snapshotLogEntry } from "../request-logs/to-log-row";
import { sandboxCa } from "../tpp-certificates/sandbox-ca";
import type { TtlCache } from "../ttl-cache";
import { berlinGroupDialect, BERLIN_GROUP_PREFIX } from "./dialects/berlin-group-dialect";
import { openBankingDialect, OPEN_BANKING_PREFIX } from "./dialects/open-banking-dialect";
import { createFastPath, type FastPath } from "./fast-path";
import { createAppSigningLookup } from "./message-signing/app-signing";
import { createJwksFetcher } from "./message-signing/fetch-jwks";
import { createMessageSigner, type MessageSigner } from "@openbank/contracts/message-signing";
import { createOAuthPipeline } from "./oauth-gateway";
import { createApiPipeline, type GatewayLogEntry } from "./pipeline";
import { MemoryRateLimiter, type RateLimiter, type RateLimitPolicy } from "./rate-limiter";
import { RedisRateLimiter } from "./redis-rate-limiter";
import { createDpopNonces } from "./dpop/dpop-nonce";
import { MemoryReplayStore, RedisReplayStore } from "./dpop/dpop-replay-store";
import { createDpopVerifier, DPOP_REPLAY_TTL_MS } from "./dpop/verify-dpop-proof";
import { createTokenOwnerLookup, type TokenRecord } from "./resolve-consent-token";
import { resolvePortalKey } from "./resolve-portal-key";
import type { ReadinessFaults } from "../readiness/readiness-faults";

export type GatewayParts = {
  env: Env;
  db: PrismaClient;
  redis: Redis | null;
  tokenOwners: TtlCache<TokenRecord>;
  /** App id → status (null: deleted), dropped on suspension, reinstatement and deletion (lib/keys/cache-invalidation.ts). */
  appStatuses: TtlCache<string>;
  requestLogs: RequestLogSink;
  keyUses: BatchWriter<KeyUse>;
  /** Readiness runs' faults for their apps (lib/readiness/readiness-faults.ts). */
  readinessFaults?: ReadinessFaults;
};

/** The largest body each surface takes; the fast path refuses more (413, or OAuth's invalid_request). */
export const MAX_API_BODY_BYTES = 256 * 1024;
export const MAX_OAUTH_BODY_BYTES = 16 * 1024;
/**
 * POST /v1/sandbox/import takes a whole sandbox export (a seeded sandbox is about 0.7 MB): the
 * same /v1 pipeline with room for the file; the bank refuses a file over its own limit (413).
 */
export const SANDBOX_IMPORT_PATH = "/v1/sandbox/import";
export const MAX_SANDBOX_IMPORT_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The portal's gateway, built once at start (lib/runtime.ts): the sandbox API (/v1), the two
 * open-banking standards (/open-banking/v4.0, /berlin-group/v1) and the authorization server's
 * endpoints (/oauth, /.well-known) on one fast path in front of Next.js. The API surfaces share
 * one pipeline's steps, credentials and quota (a key's bucket is the same on every surface);
 * each speaks its standard through its dialect (lib/gateway/dialects).
 */
export function createGateway(parts: GatewayParts): FastPath {
  const { env } = parts;
  // Shared and exact across instances with REDIS_URL (scale-out mode); in memory otherwise.
  const limiter = (name: string): RateLimiter => {
    const policy: RateLimitPolicy = { name, limit: env.RATE_LIMIT_REQUESTS, windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000 };
    return parts.redis ? new RedisRateLimiter(policy, { redis: parts.redis }) : new MemoryRateLimiter(policy);
  };
  const upstream = { baseUrl: env.BANK_URL, internalSecret: env.BANK_INTERNAL_SECRET, timeoutMs: env.BANK_TIMEOUT_MS };
  const log = (entry: GatewayLogEntry) => parts.requestLogs.push(snapshotLogEntry(entry));

  const resolveConsentToken = createTokenOwnerLookup({
    bankUrl: env.BANK_URL,
    internalSecret: env.BANK_INTERNAL_SECRET,
    timeoutMs: env.BANK_TIMEOUT_MS,
    cache: parts.tokenOwners,
    appStatus: async (appId) => {
      const cached = parts.appStatuses.get(appId);
      if (cached !== undefined) return cached;
      const status = (await parts.db.app.findUnique({ where: { id: appId }, select: { status: true } }))?.status ?? null;
      parts.appStatuses.set(appId, status);
      return status;
    },
  });
  // DPoP-bound tokens (FAPI 2.0 apps): proofs checked here, nonces keyed by dpopNonceSecret(the
  // internal secret), the same on every instance and at the bank's token endpoint; replays
  // remembered in Redis when it is shared.
  const dpop = createDpopVerifier({
    publicUrl: env.PORTAL_URL,
    nonces: createDpopNonces({ secret: env.BANK_INTERNAL_SECRET }),
    replay: parts.redis
      ? new RedisReplayStore(parts.redis, { ttlMs: DPOP_REPLAY_TTL_MS })
      : new MemoryReplayStore({ ttlMs: DPOP_REPLAY_TTL_MS }),
  });
  const apiDeps = {
    credentials: { verifyKey, resolvePortalKey, resolveConsentToken, dpop },
    limiter: limiter("sandbox"),
    upstream,
    docsBaseUrl: env.PORTAL_URL,
    onKeyUsed: (keyId: string, at: Date, ip: string) => parts.keyUses.push({ keyId, at, ip }),
    log,
    faults: parts.readinessFaults,
  };
  const api = createApiPipeline(apiDeps);
  // UK message signing: the app's keys as its Security profile names them (a jwks_uri fetched
  // through the SSRF guard; loopback only when the portal itself is on this machine), and the bank's
  // key (derived from the internal secret, as the bank derives it; published at /oauth/jwks), made
  // on first use.
  const portalHost = new URL(env.PORTAL_URL).hostname;
  let signer: MessageSigner | undefined;
  const messageSigning = {
    appSigning: createAppSigningLookup({
      findClient: findClientAppOfApp,
      fetchJwks: createJwksFetcher({ allowLoopback: ["localhost", "127.0.0.1", "[::1]"].includes(portalHost) }),
    }),
    trustAnchor: portalHost,
    sign: (body: Buffer) =>
      (signer ??= createMessageSigner({ secret: env.BANK_INTERNAL_SECRET, trustAnchor: portalHost })).sign(body, new Date()),
  };
  const openBanking = createApiPipeline({ ...apiDeps, dialect: openBankingDialect({ docsBaseUrl: env.PORTAL_URL, messageSigning }) });
  // Berlin Group request signing: the apps' test certificates, checked against the portal's sandbox CA (derived from the pepper).
  const berlinGroup = createApiPipeline({
    ...apiDeps,
    dialect: berlinGroupDialect({ findClient: findClientAppOfApp, ca: () => sandboxCa(env.API_KEY_PEPPER) }),
  });
  // No exchange in the OAuth logs: those endpoints' bodies and headers are all credentials.
  const oauth = createOAuthPipeline({
    findClient: findClientApp,
    authenticateClient,
    limiter: limiter("oauth"),
    upstream,
    docsBaseUrl: env.PORTAL_URL,
    internalSecret: env.BANK_INTERNAL_SECRET,
    log,
  });

  return createFastPath([
    // Before /v1/: the first surface whose prefix matches serves the request.
    { prefix: SANDBOX_IMPORT_PATH, maxBodyBytes: MAX_SANDBOX_IMPORT_BODY_BYTES, run: api },
    { prefix: "/v1/", maxBodyBytes: MAX_API_BODY_BYTES, run: api },
    { prefix: OPEN_BANKING_PREFIX, maxBodyBytes: MAX_API_BODY_BYTES, run: openBanking },
    { prefix: BERLIN_GROUP_PREFIX, maxBodyBytes: MAX_API_BODY_BYTES, run: berlinGroup },
    { prefix: "/oauth/", maxBodyBytes: MAX_OAUTH_BODY_BYTES, run: oauth },
    { prefix: "/.well-known/", maxBodyBytes: MAX_OAUTH_BODY_BYTES, run: oauth },
  ]);
}
