import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkedUpload, HUGE_UPLOAD_BYTES } from "@/tests/support/chunked-upload";
import type { BodyRead, GatewayCall, GatewayResult } from "./call";
import { closeUnreadUploads } from "../http/close-unread-uploads";
import { createFastPath, resolveTarget } from "./fast-path";

describe("resolveTarget", () => {
  it("takes plain targets as they are", () => {
    expect(resolveTarget("/v1/accounts?limit=1")).toBe("/v1/accounts?limit=1");
    expect(resolveTarget("/oauth/authorize?client_id=cli_1")).toBe("/oauth/authorize?client_id=cli_1");
  });

  it("resolves dot segments and encoded dots as a URL parser would, so routing sees where a target really goes", () => {
    expect(resolveTarget("/v1/../internal/oauth/token-owner")).toBe("/internal/oauth/token-owner");
    expect(resolveTarget("/v1/%2e%2e/internal/oauth/token-owner")).toBe("/internal/oauth/token-owner");
    expect(resolveTarget("/v1/%2E%2E/api/health")).toBe("/api/health");
    expect(resolveTarget("/v1/..\\internal")).toBe("/internal");
    expect(resolveTarget("/v1//evil.example/x")).toBe("/v1//evil.example/x");
    expect(resolveTarget("/v1/accounts/../payments?x=1")).toBe("/v1/payments?x=1");
  });

  it("refuses targets that are not origin-form paths", () => {
    for (const target of [undefined, "", "*", "http://evil.example/v1/x", "//evil.example/v1/x"]) {
      const resolved = resolveTarget(target);
      expect(resolved === null || !resolved.startsWith("/v1/")).toBe(true);
    }
  });
});

describe("the fast path", () => {
  let server: Server;
  let base: string;
  const seen: { surface: string; call: GatewayCall; read: BodyRead }[] = [];

  const surface =
    (name: string) =>
    async (call: GatewayCall): Promise<GatewayResult> => {
      const read = await call.readBody();
      seen.push({ surface: name, call, read });
      if (!read.ok)
        return {
          status: read.error.status,
          headers: new Headers({ "content-type": "application/problem+json", ...read.error.headers }),
          body: JSON.stringify({ code: read.error.code }),
        };
      return {
        status: 200,
        headers: new Headers({ "content-type": "application/json", "x-request-id": "req_1" }),
        body: JSON.stringify({ surface: name }),
      };
    };

  beforeAll(async () => {
    const serve = createFastPath([
      { prefix: "/v1/", maxBodyBytes: 16, run: surface("api") },
      { prefix: "/oauth/", maxBodyBytes: 32, run: surface("oauth") },
      { prefix: "/.well-known/", maxBodyBytes: 32, run: surface("discovery") },
    ]);
    server = createServer((request, response) => {
      closeUnreadUploads(request, response); // as server.ts does
      if (!serve(request, response)) response.writeHead(404).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A raw request target, sent as written (fetch would normalise dot segments first). */
  const raw = (target: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpRequest(`${base}/`, { method: "GET", path: target }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      })
        .on("error", reject)
        .end();
    });

  it("answers /v1 with its pipeline's result, the security headers and a length", async () => {
    const response = await fetch(`${base}/v1/accounts?limit=1`, { headers: { authorization: "Bearer x" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(response.headers.get("content-length")).toBe(String(JSON.stringify({ surface: "api" }).length));
    expect(await response.json()).toEqual({ surface: "api" });
    const { call } = seen.at(-1)!;
    expect(call.path).toBe("/v1/accounts?limit=1");
    expect(call.headers.get("authorization")).toBe("Bearer x");
    // The client's address is server.ts's to resolve (stampClientAddress); the gateway invents no forwarding header.
    expect(call.headers.get("x-forwarded-for")).toBeNull();
    expect([...call.headers].some(([name]) => name === "authorization")).toBe(true);
  });

  it("routes /oauth/* and /.well-known/* to the authorization server's pipeline", async () => {
    expect(await (await fetch(`${base}/oauth/token`, { method: "POST", body: "grant_type=x" })).json()).toEqual({ surface: "oauth" });
    expect(await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()).toEqual({ surface: "discovery" });
  });

  it("hands everything else to the next handler, after resolving dot segments", async () => {
    expect(await (await fetch(`${base}/api/health`)).text()).toBe("next");
    for (const target of [
      "/v1",
      "/v10/x",
      "/docs/v1/x",
      "/oauth",
      "/v1/../internal/oauth/token-owner",
      "/v1/%2e%2e/internal/x",
      "/oauth/%2E%2E/api/keys",
    ]) {
      expect(await raw(target), target).toEqual({ status: 404, body: "next" });
    }
    // A target that resolves into another surface is that surface's, with the resolved path.
    expect(JSON.parse((await raw("/oauth/../v1/accounts")).body)).toEqual({ surface: "api" });
    expect(seen.at(-1)!.call.path).toBe("/v1/accounts");
  });

  it("reads a body once, and refuses it above the surface's own limit, declared or streamed", async () => {
    const small = await fetch(`${base}/v1/payments`, { method: "POST", body: "0123456789" });
    expect(small.status).toBe(200);
    const read = seen.at(-1)!.read;
    expect(read.ok && read.body?.toString()).toBe("0123456789");
    const large = await fetch(`${base}/v1/payments`, { method: "POST", body: "x".repeat(17) });
    expect([large.status, await large.json()]).toEqual([413, { code: "payload_too_large" }]);
    const chunked = await fetch(`${base}/v1/payments`, {
      method: "POST",
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("y".repeat(64))), c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // The OAuth surface takes up to its own, larger limit.
    expect((await fetch(`${base}/oauth/token`, { method: "POST", body: "z".repeat(32) })).status).toBe(200);
    expect((await fetch(`${base}/oauth/token`, { method: "POST", body: "z".repeat(33) })).status).toBe(413);
  });

  it("stops reading a 48 MiB chunked upload at the surface's limit: 413, and the connection closes before the upload ends", async () => {
    for (const path of ["/v1/payments", "/oauth/token"]) {
      const upload = await chunkedUpload(`${base}${path}`, { headers: { "content-type": "application/json" } });
      expect(upload.status, path).toBe(413);
      expect(JSON.parse(upload.body)).toEqual({ code: "payload_too_large" });
      // The answer came long before the end, and the server did not read on: the rest could not be sent.
      expect(upload.sentBeforeAnswer!).toBeLessThan(HUGE_UPLOAD_BYTES);
      expect(upload.completed, `${path}: sent ${upload.sent} bytes`).toBe(false);
      expect(upload.headers.connection).toBe("close");
    }
  });

  it("gives GET and HEAD no body, and answers HEAD with headers only", async () => {
    const response = await fetch(`${base}/v1/accounts`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(seen.at(-1)!.read).toEqual({ ok: true, body: undefined });
  });
});
