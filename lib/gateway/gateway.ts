import { db } from "../db";
import { env } from "../env";
import { recordKeyUse } from "../keys/record-key-use";
import { verifyKey } from "../keys/verify-key";
import { requestLogs } from "../request-logs/request-log-writer";
import { authenticateClient, findClientApp } from "../oauth-clients/find-client-app";
import { createOAuthGateway } from "./oauth-gateway";
import { toLogRow } from "../request-logs/to-log-row";
import { createGatewayCore } from "./pipeline";
import { MemoryRateLimiter, type RateLimiter, type RateLimitPolicy } from "./rate-limiter";
import { RedisRateLimiter } from "./redis-rate-limiter";
import { sharedRedis } from "../redis";
import { ensureInvalidationListener } from "../keys/cache-invalidation";
import { resolvePortalKey } from "./resolve-portal-key";
import { resolveConsentToken } from "./resolve-consent-token";

/**
 * A consent token's app, and whether a platform admin suspended it: read on every token
 * call (one primary-key lookup), so a suspension stops tokens as at once as it stops keys.
 */
async function resolveConsentCaller(token: string) {
  const owner = await resolveConsentToken(token);
  if (!owner) return null;
  const app = await db.app.findUnique({ where: { id: owner.appId }, select: { status: true } });
  return { appId: owner.appId, appSuspended: app?.status === "suspended" };
}

/** Shared and exact across instances with REDIS_URL (scale-out mode); in memory otherwise. */
function createLimiter(policy: RateLimitPolicy): RateLimiter {
  const redis = sharedRedis();
  return redis ? new RedisRateLimiter(policy, { redis }) : new MemoryRateLimiter(policy);
}

/** The portal's configured gateway: one per process, shared by every route bundle. */
function buildGateway() {
  const config = env();
  ensureInvalidationListener();
  return createGatewayCore({
    credentials: { verifyKey, resolvePortalKey, resolveConsentToken: resolveConsentCaller },
    limiter: createLimiter({
      name: "sandbox",
      limit: config.RATE_LIMIT_REQUESTS,
      windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    }),
    upstream: {
      baseUrl: config.BANK_URL,
      internalSecret: config.BANK_INTERNAL_SECRET,
      timeoutMs: config.BANK_TIMEOUT_MS,
      maxBodyBytes: 256 * 1024,
    },
    docsBaseUrl: config.PORTAL_URL,
    onKeyUsed: recordKeyUse,
    log: (entry) => requestLogs.push(toLogRow(entry)),
  });
}

function buildOAuthGateway() {
  const config = env();
  ensureInvalidationListener();
  return createOAuthGateway({
    findClient: findClientApp,
    authenticateClient,
    limiter: createLimiter({ name: "oauth", limit: config.RATE_LIMIT_REQUESTS, windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000 }),
    upstream: {
      baseUrl: config.BANK_URL,
      internalSecret: config.BANK_INTERNAL_SECRET,
      timeoutMs: config.BANK_TIMEOUT_MS,
      maxBodyBytes: 16 * 1024,
    },
    docsBaseUrl: config.PORTAL_URL,
    // No exchange: the OAuth endpoints' bodies and headers are all credentials.
    log: (entry) => requestLogs.push(toLogRow(entry)),
  });
}

const globalForGateway = globalThis as unknown as { gateway?: ReturnType<typeof createGatewayCore>; oauthGateway?: ReturnType<typeof createOAuthGateway> };

/** The /oauth/* and discovery endpoints (lib/gateway/oauth-gateway.ts). */
export function oauthGateway(): ReturnType<typeof createOAuthGateway> {
  return (globalForGateway.oauthGateway ??= buildOAuthGateway());
}

/** The /v1 pipeline, served by the custom server's fast path (server.ts, lib/gateway/node-gateway.ts). */
export function gateway(): ReturnType<typeof createGatewayCore> {
  return (globalForGateway.gateway ??= buildGateway());
}
