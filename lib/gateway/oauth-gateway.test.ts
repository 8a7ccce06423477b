import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSurfaces } from "@/tests/support/serve-surfaces";
import { decodeClientDescriptor, internalClientSecret } from "@openbank/contracts/oauth-client";
import type { ClientApp } from "../oauth-clients/find-client-app";
import { createOAuthPipeline } from "./oauth-gateway";
import type { GatewayLogEntry } from "./pipeline";
import { MemoryRateLimiter } from "./rate-limiter";

// The OAuth gateway behind the real fast path, with the bank replaced by an echo server.
const client: ClientApp = {
  appId: "app_budget",
  name: "Budget ✓ Buddy",
  clientId: "cli_AAAAAAAAAAAAAAAAAAAAAA",
  secretHash: "h",
  redirectUris: ["https://budget.example/cb"],
  profile: "basic",
  authMethod: "client_secret_basic",
  jwks: null,
  jwksUri: null,
  messageSigning: false,
  teamId: "team_1",
  tppCertificates: [],
};
const fapiClient: ClientApp = {
  ...client,
  appId: "app_fapi",
  clientId: "cli_FAPIFAPIFAPIFAPIFAPIFA",
  profile: "fapi2",
  authMethod: "private_key_jwt",
  jwks: { keys: [{ kty: "EC", crv: "P-256", x: "x", y: "y", kid: "k1" } as JsonWebKey] },
};
const INTERNAL = "internal-secret-for-tests-0123456789";
const SECRET = "cs_sandbox_right";
let bank: Server;
let baseUrl: string;
const seen: { url?: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  bank = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seen.push({ url: request.url, headers: request.headers, body });
      response.writeHead(200, {
        "content-type": "application/json",
        "set-cookie": "ob_interaction=v; path=/oauth/interaction/u1; httponly",
      });
      response.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => bank.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(bank.address() as AddressInfo).port}`;
});
const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  bank.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function gateway(options: { limit?: number; bankUrl?: string } = {}) {
  const logs: GatewayLogEntry[] = [];
  const run = createOAuthPipeline({
    upstream: { baseUrl: options.bankUrl ?? baseUrl, internalSecret: INTERNAL, timeoutMs: 2_000 },
    docsBaseUrl: "http://portal.test",
    internalSecret: INTERNAL,
    findClient: async (id) => [client, fapiClient].find((known) => known.clientId === id) ?? null,
    authenticateClient: async (id, secret) => (id === client.clientId && secret === SECRET ? client : null),
    limiter: new MemoryRateLimiter({ name: "oauth", limit: options.limit ?? 100, windowMs: 10_000 }),
    log: (entry) => logs.push(entry),
  });
  const served = await serveSurfaces([
    { prefix: "/oauth/", maxBodyBytes: 16 * 1024, run },
    { prefix: "/.well-known/", maxBodyBytes: 16 * 1024, run },
  ]);
  servers.push(served);
  return { handle: served.handle, logs };
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
const last = () => seen[seen.length - 1];

describe("the OAuth gateway", () => {
  it("describes the client to the bank on /oauth/authorize and passes only the authorization server's cookies", async () => {
    const { handle, logs } = await gateway();
    const response = await handle(
      new Request(`http://portal.test/oauth/authorize?client_id=${client.clientId}&state=s1&code=x&request_uri=urn:x`, {
        headers: {
          cookie: "next-auth.session-token=portal-session; ob_interaction=i; ob_interaction.sig=s; ob_resume=r; ob_session=x; other=1",
          authorization: "Bearer sk_sandbox_not_for_the_bank",
        },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toContain("ob_interaction=v");
    const headers = last().headers;
    expect(headers.cookie).toBe("ob_interaction=i; ob_interaction.sig=s; ob_resume=r; ob_session=x");
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-app-id"]).toBe("app_budget");
    expect(decodeClientDescriptor(headers["x-oauth-client"])).toEqual({
      client_id: client.clientId,
      app_id: "app_budget",
      client_name: "Budget ✓ Buddy",
      redirect_uris: client.redirectUris,
      profile: "basic",
      token_endpoint_auth_method: "client_secret_basic",
    });
    expect(headers["x-internal-secret"]).toBe(INTERNAL);
    expect(logs[0]).toMatchObject({
      appId: "app_budget",
      keyId: null,
      path: "/oauth/authorize?client_id=cli_AAAAAAAAAAAAAAAAAAAAAA&state=…&code=…&request_uri=…",
    });
  });

  it("passes the connected-apps page its own cookie and nothing of the portal's, naming no app", async () => {
    const { handle, logs } = await gateway();
    await handle(
      new Request("http://portal.test/oauth/connected-apps/revoke", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: "next-auth.session-token=portal-session; ob_connected_apps=c1; other=1",
        },
        body: "csrf_token=t&consent_id=cns_1",
      }),
    );
    const headers = last().headers;
    expect(headers.cookie).toBe("ob_connected_apps=c1");
    expect(headers["x-app-id"]).toBeUndefined();
    expect(headers["x-tenant-id"]).toBeUndefined();
    expect(logs).toEqual([]);
  });

  it("sends no client for an unknown or repeated client_id (the bank shows its error page)", async () => {
    const { handle } = await gateway();
    await handle(new Request("http://portal.test/oauth/authorize?client_id=cli_unknown"));
    expect(last().headers["x-oauth-client"]).toBeUndefined();
    await handle(new Request(`http://portal.test/oauth/authorize?client_id=${client.clientId}&client_id=${client.clientId}`));
    expect(last().headers["x-oauth-client"]).toBeUndefined();
  });

  it("passes a private_key_jwt assertion and a DPoP proof as they are, with the client's keys described", async () => {
    const { handle } = await gateway();
    const assertion = `e30.${Buffer.from(JSON.stringify({ sub: fapiClient.clientId })).toString("base64url")}.sig`;
    const body = `grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${assertion}`;
    const response = await handle(
      new Request("http://portal.test/oauth/par", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", dpop: "proof.jwt.sig" },
        body,
      }),
    );
    expect(response.status).toBe(200);
    expect(last().url).toBe("/oauth/par");
    expect(last().body).toBe(body);
    expect(last().headers.dpop).toBe("proof.jwt.sig");
    expect(last().headers.authorization).toBeUndefined();
    expect(decodeClientDescriptor(last().headers["x-oauth-client"])).toMatchObject({
      client_id: fapiClient.clientId,
      profile: "fapi2",
      token_endpoint_auth_method: "private_key_jwt",
      jwks: fapiClient.jwks,
    });
  });

  it("refuses a client_secret from a private_key_jwt (FAPI 2.0) app, saying why and where to read", async () => {
    const { handle } = await gateway();
    const before = seen.length;
    const response = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(fapiClient.clientId, SECRET) },
        body: "grant_type=client_credentials",
      }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "invalid_client",
      error_description: expect.stringContaining("private_key_jwt (FAPI 2.0)"),
      error_uri: "http://portal.test/docs/guides/openid-connect-fapi#client-authentication",
    });
    expect(seen.length).toBe(before);
  });

  it("passes a client registered at the bank (not a portal app) untouched, Basic credentials included", async () => {
    const { handle } = await gateway();
    const response = await handle(
      new Request("http://portal.test/oauth/revoke", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic("dcr_abc", "bank-issued") },
        body: "token=t",
      }),
    );
    expect(response.status).toBe(200);
    expect(last().headers.authorization).toBe(basic("dcr_abc", "bank-issued"));
    expect(last().headers["x-oauth-client"]).toBeUndefined();
  });

  it("authenticates the client at /oauth/token and never forwards the secret", async () => {
    const { handle } = await gateway();
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const viaPost = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: form,
        body: `grant_type=refresh_token&refresh_token=ort_x&client_id=${client.clientId}&client_secret=${SECRET}`,
      }),
    );
    expect(viaPost.status).toBe(200);
    // The client's first call on a fresh 100-per-10-s limiter.
    expect(viaPost.headers.get("ratelimit")).toBe('"oauth";r=99;t=1');
    expect(viaPost.headers.get("ratelimit-policy")).toBe('"oauth";q=100;w=10');
    expect(viaPost.headers.get("x-oauth-app")).toBeNull();
    expect(last().headers["x-app-id"]).toBe("app_budget");
    expect(last().body).toBe(`grant_type=refresh_token&refresh_token=ort_x&client_id=${client.clientId}`);
    // The bank sees the client's internal secret, derived from the internal secret, never the developer's.
    const internalBasic = basic(client.clientId, internalClientSecret(INTERNAL, client.clientId));
    expect(last().headers.authorization).toBe(internalBasic);
    const viaBasic = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: { ...form, authorization: basic(client.clientId, SECRET) },
        body: "grant_type=refresh_token&refresh_token=ort_x",
      }),
    );
    expect(viaBasic.status).toBe(200);
    expect(last().headers.authorization).toBe(internalBasic);
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });

  it("answers client failures itself in OAuth's format, without calling the bank", async () => {
    const { handle } = await gateway();
    const before = seen.length;
    const wrong = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client.clientId, "cs_sandbox_wrong") },
        body: "grant_type=refresh_token",
      }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Basic realm="oauth"');
    expect(wrong.headers.get("cache-control")).toBe("no-store");
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    const json = await handle(
      new Request("http://portal.test/oauth/token", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
    );
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    const both = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client.clientId, SECRET) },
        body: `client_secret=${SECRET}`,
      }),
    );
    expect((await both.json()).error).toBe("invalid_request");
    expect(seen.length).toBe(before);
  });

  it("refuses a token request over the fast path's 16 KiB limit with 413 problem+json, closing the connection, before any client lookup", async () => {
    const { handle } = await gateway();
    const before = seen.length;
    const large = await handle(
      new Request("http://portal.test/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=x&pad=${"a".repeat(17 * 1024)}`,
      }),
    );
    expect(large.status).toBe(413);
    expect(large.headers.get("content-type")).toBe("application/problem+json");
    expect(large.headers.get("connection")).toBe("close");
    expect(await large.json()).toMatchObject({ code: "payload_too_large", detail: "Request bodies are limited to 16 KiB here." });
    expect(seen.length).toBe(before);
  });

  it("logs a rate-limited token call under its app, with no app header leaking to the client", async () => {
    const { handle, logs } = await gateway({ limit: 1 });
    const send = () =>
      handle(
        new Request("http://portal.test/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client.clientId, SECRET) },
          body: "grant_type=refresh_token",
        }),
      );
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited.headers.get("x-oauth-app")).toBeNull();
    expect(logs.map((entry) => [entry.appId, entry.status])).toEqual([
      ["app_budget", 200],
      ["app_budget", 429],
    ]);
  });

  it("answers 502 bank_unavailable as a problem when the bank is down, still logged under the app", async () => {
    const { handle, logs } = await gateway({ bankUrl: "http://127.0.0.1:1" });
    const response = await handle(new Request(`http://portal.test/oauth/authorize?client_id=${client.clientId}`));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "bank_unavailable", request_id: response.headers.get("x-request-id") });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ appId: "app_budget", status: 502 });
  });
});
