import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayCall } from "./call";
import { gatewayPath, serveGateway } from "./node-gateway";
import type { GatewayResult } from "./pipeline";

describe("gatewayPath", () => {
  it("takes /v1/ targets as they are", () => {
    expect(gatewayPath("/v1/accounts?limit=1")).toBe("/v1/accounts?limit=1");
    expect(gatewayPath("/v1/sandbox/clock")).toBe("/v1/sandbox/clock");
  });

  it("leaves everything else to Next.js", () => {
    for (const target of ["/", "/v1", "/v1?x=1", "/api/health", "/v10/x", "/docs/v1/x", undefined]) expect(gatewayPath(target)).toBeNull();
  });

  it("resolves dot segments first, so no target leaves /v1 on the bank", () => {
    expect(gatewayPath("/v1/../internal/oauth/token-owner")).toBeNull();
    expect(gatewayPath("/v1/%2e%2e/internal/oauth/token-owner")).toBeNull();
    expect(gatewayPath("/v1/%2E%2E/api/health")).toBeNull();
    expect(gatewayPath("/v1/..\\internal")).toBeNull();
    expect(gatewayPath("/v1//evil.example/x")).toBe("/v1//evil.example/x");
    expect(gatewayPath("/v1/accounts/../payments?x=1")).toBe("/v1/payments?x=1");
  });
});

describe("serveGateway", () => {
  let server: Server;
  let base: string;
  const seen: { call: GatewayCall; body?: ArrayBuffer | string }[] = [];

  const run = async (call: GatewayCall): Promise<GatewayResult> => {
    let body: ArrayBuffer | undefined;
    try {
      body = await call.readBody(16);
    } catch (error) {
      return { status: 413, headers: new Headers({ "content-type": "application/problem+json" }), body: JSON.stringify({ code: (error as { code?: string }).code }) };
    }
    seen.push({ call, body });
    return { status: 200, headers: new Headers({ "content-type": "application/json", "x-request-id": "req_1" }), body: call.method === "HEAD" ? null : JSON.stringify({ ok: true }) };
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!serveGateway(run, request, response)) response.writeHead(404).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers /v1 with the pipeline's result, the security headers and a length", async () => {
    const response = await fetch(`${base}/v1/accounts?limit=1`, { headers: { authorization: "Bearer x" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(response.headers.get("content-length")).toBe(String(JSON.stringify({ ok: true }).length));
    expect(await response.json()).toEqual({ ok: true });
    const { call } = seen.at(-1)!;
    expect(call.path).toBe("/v1/accounts?limit=1");
    expect(call.headers.get("authorization")).toBe("Bearer x");
    // As Next.js did: the peer's address when no proxy named one.
    expect(call.headers.get("x-forwarded-for")).toBe("127.0.0.1");
    expect([...call.headers].some(([name]) => name === "authorization")).toBe(true);
  });

  it("hands other paths, and dot-segment escapes, to the next handler", async () => {
    expect(await (await fetch(`${base}/api/health`)).text()).toBe("next");
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(`${base}/v1/../internal/oauth/token-owner`, { method: "GET", path: "/v1/../internal/oauth/token-owner" }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      }).on("error", reject).end();
    });
    expect(status).toBe(404);
  });

  it("reads bodies once and refuses them above the limit, declared or streamed", async () => {
    const small = await fetch(`${base}/v1/payments`, { method: "POST", body: "0123456789" });
    expect(small.status).toBe(200);
    expect(Buffer.from(seen.at(-1)!.body as ArrayBuffer).toString()).toBe("0123456789");
    const large = await fetch(`${base}/v1/payments`, { method: "POST", body: "x".repeat(64) });
    expect(large.status).toBe(413);
    const chunked = await fetch(`${base}/v1/payments`, {
      method: "POST",
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("y".repeat(64))), c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("answers HEAD with headers and no body", async () => {
    const response = await fetch(`${base}/v1/accounts`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});
