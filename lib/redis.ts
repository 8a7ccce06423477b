import Redis from "ioredis";
import { env } from "./env";

/**
 * Redis connections for scale-out mode (REDIS_URL). Absent REDIS_URL, `sharedRedis()` is null
 * and every caller keeps its in-memory behaviour (one instance).
 *
 * Connections never queue commands while disconnected and time out after REDIS_TIMEOUT_MS:
 * a Redis outage turns into a fast error that each caller maps to its documented fallback,
 * never into a hung request or a 500. ioredis reconnects in the background.
 */
export function createRedis(url: string, options: { name: string; timeoutMs?: number; subscriber?: boolean }): Redis {
  const client = new Redis(url, {
    connectionName: `openbank-${options.name}`,
    enableOfflineQueue: options.subscriber ?? false,
    maxRetriesPerRequest: options.subscriber ? null : 0,
    commandTimeout: options.subscriber ? undefined : (options.timeoutMs ?? 250),
    retryStrategy: (attempt) => Math.min(50 * attempt, 1_000),
    lazyConnect: false,
  });
  // Errors surface on the commands; the event only needs a listener (else Node throws). Log
  // once per outage, never the URL (it may carry a password).
  let reported = false;
  client.on("error", (error: Error) => {
    if (reported) return;
    reported = true;
    console.warn(`[redis:${options.name}] connection problem: ${error.message}; retrying in the background`);
  });
  client.on("ready", () => {
    if (reported) console.warn(`[redis:${options.name}] connected again`);
    reported = false;
  });
  return client;
}

const globalForRedis = globalThis as unknown as { sharedRedis?: Redis | null };

/** The process's command connection, or null without REDIS_URL. */
export function sharedRedis(): Redis | null {
  if (globalForRedis.sharedRedis !== undefined) return globalForRedis.sharedRedis;
  const config = env();
  globalForRedis.sharedRedis = config.REDIS_URL ? createRedis(config.REDIS_URL, { name: "commands", timeoutMs: config.REDIS_TIMEOUT_MS }) : null;
  return globalForRedis.sharedRedis;
}
