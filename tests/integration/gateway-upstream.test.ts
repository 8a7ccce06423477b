import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiPipeline, type GatewayLogEntry } from "@/lib/gateway/pipeline";
import { MemoryRateLimiter } from "@/lib/gateway/rate-limiter";
import { expectProblem } from "../support/contract";
import { serveSurfaces } from "../support/serve-surfaces";

// The pipeline behind the real fast path, with the bank replaced by servers that misbehave.
const key = {
  keyId: "key_test",
  appId: "app_test",
  prefix: "sk_sandbox_test…0000",
  revoked: false,
  scope: "read_write" as const,
  expiresAt: null,
  rolled: false,
  appSuspended: false,
};
let slow: Server;
let echo: Server;
const seenByBank: { headers: Record<string, string | string[] | undefined>; url?: string; body: string }[] = [];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

const gateways: { close(): Promise<void> }[] = [];

async function gatewayTo(baseUrl: string, timeoutMs = 300) {
  const logs: GatewayLogEntry[] = [];
  const run = createApiPipeline({
    credentials: { verifyKey: async (secret) => (secret === "good" ? { valid: true, key } : { valid: false, code: "invalid_api_key" }) },
    limiter: new MemoryRateLimiter({ name: "sandbox", limit: 100, windowMs: 10_000 }),
    upstream: { baseUrl, internalSecret: "internal-secret-for-tests-0123456789", timeoutMs },
    docsBaseUrl: "http://portal.test",
    log: (entry) => logs.push(entry),
    onKeyUsed: () => {},
  });
  const served = await serveSurfaces([{ prefix: "/v1/", maxBodyBytes: 1024, run }]);
  gateways.push(served);
  return { handle: served.handle, logs };
}

const call = (handle: (r: Request) => Promise<Response>, init: RequestInit & { path?: string } = {}) =>
  handle(
    new Request(`http://portal.test${init.path ?? "/v1/accounts?limit=1"}`, {
      ...init,
      headers: { authorization: "Bearer good", ...(init.headers as object) },
    }),
  );

beforeAll(async () => {
  slow = createServer((_request, response) => setTimeout(() => response.end("{}"), 2_000));
  echo = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seenByBank.push({ headers: request.headers, url: request.url, body });
      response.writeHead(201, { "content-type": "application/json", server: "bank", "x-request-id": "bank-own-id" });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await Promise.all([listen(slow), listen(echo)]);
});

afterAll(async () => {
  slow.close();
  echo.close();
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

describe("gateway upstream failures", () => {
  it("answers 502 bank_unavailable when nothing listens, and logs it", async () => {
    const unused = createServer();
    const url = await listen(unused);
    await new Promise((resolve) => unused.close(resolve));
    const { handle, logs } = await gatewayTo(url);
    const response = await call(handle);
    await expectProblem(response, 502, "bank_unavailable");
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: 502, appId: "app_test", keyPrefix: key.prefix });
  });

  it("answers 504 bank_timeout when the bank is slower than the timeout", async () => {
    const { handle } = await gatewayTo(`http://127.0.0.1:${(slow.address() as AddressInfo).port}`, 200);
    const started = Date.now();
    const response = await call(handle);
    await expectProblem(response, 504, "bank_timeout");
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe("what crosses the trust boundary", () => {
  it("sends the internal secret, tenant, app and request id; never the developer's key or cookies", async () => {
    const { handle } = await gatewayTo(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`);
    const response = await call(handle, {
      method: "POST",
      path: "/v1/payments?x=1",
      body: JSON.stringify({ amount: "1.00" }),
      headers: {
        "content-type": "application/json",
        "idempotency-key": "idem-1",
        cookie: "next-auth.session-token=secret",
        "x-tenant-id": "app_spoofed",
      },
    });
    expect(response.status).toBe(201);
    const seen = seenByBank.at(-1)!;
    expect(seen.url).toBe("/v1/payments?x=1");
    expect(seen.body).toBe('{"amount":"1.00"}');
    expect(seen.headers).toMatchObject({
      "x-internal-secret": "internal-secret-for-tests-0123456789",
      "x-tenant-id": "app_test",
      "x-app-id": "app_test",
      "idempotency-key": "idem-1",
      "content-type": "application/json",
    });
    expect(seen.headers["x-request-id"]).toBe(response.headers.get("x-request-id"));
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
    // Bank-internal response headers do not leak out; ours replace them.
    expect(response.headers.get("server")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("refuses bodies over the limit with 413 before calling the bank", async () => {
    const { handle } = await gatewayTo(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`);
    const before = seenByBank.length;
    const response = await call(handle, { method: "POST", body: "x".repeat(2048), headers: { "content-type": "application/json" } });
    await expectProblem(response, 413, "payload_too_large");
    expect(seenByBank.length).toBe(before);
  });
});
