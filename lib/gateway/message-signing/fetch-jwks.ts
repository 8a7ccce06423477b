import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { JWK } from "jose";
import { checkAddress } from "@openbank/contracts/address-policy";
import { createGuardedLookup } from "@openbank/contracts/guarded-lookup";
import { createTtlCache } from "../../ttl-cache";

const MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 2_500;

/**
 * An app's keys from its `jwks_uri` (checked for message signatures): fetched through the SSRF
 * guard the webhooks and the bank use (every address judged at connect time), at most 64 KiB in
 * 2.5 s, kept 5 minutes (a failure 30 s). null when they cannot be had.
 */
export function createJwksFetcher(options: { allowLoopback: boolean }) {
  const cache = createTtlCache<{ keys: JWK[] }>({ max: 1_000, ttlMs: 5 * 60_000, missTtlMs: 30_000 });
  const lookup = createGuardedLookup({ allowLoopback: options.allowLoopback });

  function fetchOnce(uri: string): Promise<{ keys: JWK[] } | null> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(uri);
      } catch {
        return resolve(null);
      }
      const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
      if (!client) return resolve(null);
      // An address literal is never looked up: judged here, as the bank does.
      const literal = url.hostname.replace(/^\[|\]$/g, "");
      if (isIP(literal) && !checkAddress(literal, { allowLoopback: options.allowLoopback }).allowed) return resolve(null);
      const request = client.get(
        url,
        { lookup: lookup as never, timeout: TIMEOUT_MS, headers: { accept: "application/json" } },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            return resolve(null);
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BYTES) request.destroy();
            else chunks.push(chunk);
          });
          response.on("end", () => {
            try {
              const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { keys?: unknown };
              resolve(Array.isArray(parsed.keys) ? { keys: parsed.keys as JWK[] } : null);
            } catch {
              resolve(null);
            }
          });
          response.on("error", () => resolve(null));
        },
      );
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve(null));
    });
  }

  return async function fetchJwks(uri: string): Promise<JWK[] | null> {
    const cached = cache.get(uri);
    if (cached !== undefined) return cached?.keys ?? null;
    const found = await fetchOnce(uri);
    cache.set(uri, found);
    return found?.keys ?? null;
  };
}
