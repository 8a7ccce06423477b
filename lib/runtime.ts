import type { PrismaClient } from "@prisma/client";
import type Redis from "ioredis";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { databaseProvider, type DatabaseProvider } from "@openbank/database/database-url";
import { createThrottles, type AccountThrottles } from "./auth/throttles";
import type { BatchWriter } from "./batch-writer";
import type { Env } from "./env";
import { createGateway } from "./gateway/gateway";
import type { FastPath } from "./gateway/fast-path";
import { TOKEN_OWNER_CACHE, type TokenRecord } from "./gateway/resolve-consent-token";
import { listenForInvalidations } from "./keys/cache-invalidation";
import { createKeyCache, type CachedKey } from "./keys/key-cache";
import { createKeyUseWriter, type KeyUse } from "./keys/record-key-use";
import { createClientCache } from "./oauth-clients/client-cache";
import type { ClientApp } from "./oauth-clients/find-client-app";
import { createRedis } from "./redis";
import { createInProcessRequestLogs, type RequestLogSink, type RequestLogWriterOptions } from "./request-logs/request-log-writer";
import { createTokenUseWriter, type TokenUse } from "./tokens/record-token-use";
import { createTtlCache, type TtlCache } from "./ttl-cache";
import { ReadinessFaults } from "./readiness/readiness-faults";
import { listenForFaultPlans, redisFaultStore } from "./readiness/shared-fault-plans";

/**
 * The portal's process: everything with a lifetime (database and Redis clients, caches,
 * write-behind buffers, the gateway), built once at start from the settings the process parsed.
 * server.ts starts it before it serves anything; the gateway's fast path and Next.js's route
 * bundles then use the same instance through `portal()`.
 */
export type Portal = {
  env: Env;
  db: PrismaClient;
  dbProvider: DatabaseProvider;
  /** Scale-out mode's command connection (REDIS_URL); null on one instance. */
  redis: Redis | null;
  /** `appStatuses`: app id → status (null: deleted), for consent-token calls; keys carry their app's standing themselves. */
  caches: { keys: TtlCache<CachedKey>; clients: TtlCache<ClientApp>; tokenOwners: TtlCache<TokenRecord>; appStatuses: TtlCache<string> };
  /** Masked and written behind the response: on the log thread under server.ts, in process otherwise. */
  requestLogs: RequestLogSink;
  keyUses: BatchWriter<KeyUse>;
  /** Personal access tokens' last use (the portal API's bearer tokens). */
  tokenUses: BatchWriter<TokenUse>;
  /** Sign-in, step-up and password-reset attempts: in memory, or shared through Redis (REDIS_URL). */
  throttles: AccountThrottles;
  /** Faults planned by readiness runs for their apps: set by the engine (portal API routes), read by the gateway. */
  readinessFaults: ReadinessFaults;
  /** Serves /v1, /open-banking/v4.0, /berlin-group/v1, /oauth and /.well-known; false for anything else (server.ts). */
  gateway: FastPath;
  /** Writes what is queued and closes connections (graceful shutdown). */
  close(): Promise<void>;
};

/**
 * `db`: a client to use instead of opening DATABASE_URL (benchmarks on a prepared database).
 * `requestLogs`: where the gateway's calls go instead of the in-process writer (server.ts starts
 * the log thread, lib/request-logs/request-log-thread.ts; `fallback` is the in-process writer).
 */
export type PortalOptions = {
  db?: PrismaClient;
  requestLogs?: (writer: Omit<RequestLogWriterOptions, "db"> & { databaseUrl: string; fallback: () => RequestLogSink }) => RequestLogSink;
};

export function createPortal(env: Env, options: PortalOptions = {}): Portal {
  const db = options.db ?? createPrismaClient(env.DATABASE_URL);
  const dbProvider = databaseProvider(env.DATABASE_URL);
  const redis = env.REDIS_URL ? createRedis(env.REDIS_URL, { name: "commands", timeoutMs: env.REDIS_TIMEOUT_MS }) : null;
  const caches = {
    keys: createKeyCache(env.KEY_CACHE_TTL_SECONDS * 1000),
    clients: createClientCache(),
    tokenOwners: createTtlCache<TokenRecord>(TOKEN_OWNER_CACHE),
    appStatuses: createTtlCache<string>({ max: 20_000, ttlMs: env.KEY_CACHE_TTL_SECONDS * 1000 }),
  };
  // Other instances' revocations, roll-overs, suspensions and client changes reach these caches here.
  const listener = env.REDIS_URL
    ? listenForInvalidations({ url: env.REDIS_URL, targets: { keys: caches.keys, clients: caches.clients, apps: caches.appStatuses } })
    : null;
  const logWriter = {
    provider: dbProvider,
    logRetentionDays: env.REQUEST_LOG_RETENTION_DAYS,
    rollupRetentionDays: env.ANALYTICS_RETENTION_DAYS,
  };
  const inProcessLogs = () => createInProcessRequestLogs({ ...logWriter, db });
  // A portal given its own client writes its logs there, on this thread.
  const requestLogs =
    options.requestLogs && !options.db
      ? options.requestLogs({ ...logWriter, databaseUrl: env.DATABASE_URL, fallback: inProcessLogs })
      : inProcessLogs();
  const keyUses = createKeyUseWriter(db);
  const tokenUses = createTokenUseWriter(db);
  const throttles = createThrottles(env, redis);
  // With REDIS_URL, plans reach every instance and each fault is taken once cluster-wide (shared-fault-plans.ts).
  const readinessFaults = new ReadinessFaults(Date.now, redis ? redisFaultStore(redis) : null);
  const faultPlans = env.REDIS_URL && redis ? listenForFaultPlans({ url: env.REDIS_URL, redis, faults: readinessFaults }) : null;
  const gateway = createGateway({
    env,
    db,
    redis,
    tokenOwners: caches.tokenOwners,
    appStatuses: caches.appStatuses,
    requestLogs,
    keyUses,
    readinessFaults,
  });

  return {
    env,
    db,
    dbProvider,
    redis,
    caches,
    requestLogs,
    keyUses,
    tokenUses,
    throttles,
    readinessFaults,
    gateway,
    async close() {
      await Promise.allSettled([requestLogs.close ? requestLogs.close() : requestLogs.flush(), keyUses.flush(), tokenUses.flush()]);
      listener?.stop();
      faultPlans?.stop();
      redis?.disconnect();
      await db.$disconnect();
    },
  };
}

/**
 * Next's dev-reload guard, and the one process-wide slot: the custom server and Next.js's route
 * bundles load their own copies of this module, and a dev reload loads it again, but they all
 * share the portal the process started.
 */
const slot = globalThis as unknown as { openbankPortal?: Portal };

/** Builds the process's portal (once: a dev reload gets the one already started). */
export function startPortal(env: Env, options?: PortalOptions): Portal {
  return (slot.openbankPortal ??= createPortal(env, options));
}

/** The portal this process started. */
export function portal(): Portal {
  if (!slot.openbankPortal) {
    throw new Error(
      "The portal has not been started: run it through server.ts (npm run dev / npm start), or call startPortal() first (scripts, tests).",
    );
  }
  return slot.openbankPortal;
}
