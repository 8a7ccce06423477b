import Redis from "ioredis";

/**
 * Redis connections for scale-out mode (REDIS_URL). Absent REDIS_URL, the portal has none
 * (lib/runtime.ts) and every caller keeps its in-memory behaviour (one instance).
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
