import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { CachedKey } from "@/lib/keys/key-cache";
import type { Credentials } from "@/lib/gateway/authenticate";
import { createDpopNonces } from "@/lib/gateway/dpop/dpop-nonce";
import { MemoryReplayStore } from "@/lib/gateway/dpop/dpop-replay-store";
import { createDpopVerifier, DPOP_REPLAY_TTL_MS } from "@/lib/gateway/dpop/verify-dpop-proof";
import { createApiPipeline, type GatewayLogEntry } from "@/lib/gateway/pipeline";
import { MemoryRateLimiter } from "@/lib/gateway/rate-limiter";
import { serveSurfaces } from "./serve-surfaces";

/**
 * What the gateway's pipeline tests share: a cached key and a key table, a bank that records what
 * it received and answers as told, and the pipeline behind the real fast path with test settings.
 */

/** An active read-write key of app_1, with any field replaced. */
export function cachedKey(overrides: Partial<CachedKey> = {}): CachedKey {
  return {
    keyId: "key_rw",
    appId: "app_1",
    prefix: "sk_sandbox_rw…0001",
    revoked: false,
    scope: "read_write",
    expiresAt: null,
    rolled: false,
    appSuspended: false,
    ...overrides,
  };
}

/** The pipeline's key check over a table of secrets: any other secret is `invalid_api_key`. */
export function keyTable(keys: Record<string, CachedKey>): (secret: string) => ReturnType<Credentials["verifyKey"]> {
  return async (secret) => (keys[secret] ? { valid: true, key: keys[secret] } : { valid: false, code: "invalid_api_key" });
}

export type BankReceived = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
export type BankAnswer = { status?: number; headers?: Record<string, string>; body?: unknown };

/** A bank on a free port that records every request (whole body read) and answers with `answer`'s result. */
export async function startRecordingBank(answer: (request: BankReceived, raw: IncomingMessage) => BankAnswer = () => ({})) {
  const received: BankReceived[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const seen = {
        method: request.method ?? "GET",
        url: request.url ?? "/",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      received.push(seen);
      const { status = 200, headers = {}, body = { ok: true } } = answer(seen, request);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type PipelineOptions = Parameters<typeof createApiPipeline>[0];

/**
 * One surface's pipeline served behind the real fast path: test upstream secret and timeout, a
 * memory rate limit (`limit` per minute, 100 by default), the log kept in `logs`. Close `served`.
 */
export async function servePipeline(
  options: Omit<PipelineOptions, "limiter" | "upstream" | "docsBaseUrl" | "log" | "onKeyUsed"> & {
    prefix: string;
    bankUrl: string;
    limit?: number;
    maxBodyBytes?: number;
    onKeyUsed?: PipelineOptions["onKeyUsed"];
  },
) {
  const { prefix, bankUrl, limit, maxBodyBytes, onKeyUsed, ...rest } = options;
  const logs: GatewayLogEntry[] = [];
  const run = createApiPipeline({
    ...rest,
    limiter: new MemoryRateLimiter({ name: "sandbox", limit: limit ?? 100, windowMs: 60_000 }),
    upstream: { baseUrl: bankUrl, internalSecret: "internal-secret-for-tests-0123456789", timeoutMs: 2_000 },
    docsBaseUrl: "http://portal.test",
    log: (entry) => logs.push(entry),
    onKeyUsed: onKeyUsed ?? (() => {}),
  });
  const served = await serveSurfaces([{ prefix, maxBodyBytes: maxBodyBytes ?? 64, run }]);
  return { served, logs };
}

/** DPoP proofs checked as the portal checks them, for the test origin http://portal.test. */
export function testDpopVerifier() {
  return createDpopVerifier({
    publicUrl: "http://portal.test",
    nonces: createDpopNonces({ secret: "nextauth-secret-for-tests-0123456789abcdef" }),
    replay: new MemoryReplayStore({ ttlMs: DPOP_REPLAY_TTL_MS }),
  });
}
