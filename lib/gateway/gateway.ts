import { env } from "../env";
import { recordKeyUse } from "../keys/record-key-use";
import { verifyKey } from "../keys/verify-key";
import { requestLogs } from "../request-logs/request-log-writer";
import { toLogRow } from "../request-logs/to-log-row";
import { createGateway } from "./pipeline";
import { MemoryRateLimiter } from "./rate-limiter";
import { resolvePortalKey } from "./resolve-portal-key";

/** The portal's configured gateway: one per process, shared by every route bundle. */
function buildGateway() {
  const config = env();
  return createGateway({
    credentials: { verifyKey, resolvePortalKey },
    limiter: new MemoryRateLimiter({
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

const globalForGateway = globalThis as unknown as { gateway?: ReturnType<typeof createGateway> };

export function gateway(): ReturnType<typeof createGateway> {
  return (globalForGateway.gateway ??= buildGateway());
}
