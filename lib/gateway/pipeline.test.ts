import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { cachedKey, keyTable, servePipeline, startRecordingBank, testDpopVerifier } from "@/tests/support/gateway-fixture";
import { dpopClientKey, makeProof } from "@/tests/support/dpop-proofs";
import type { Credentials } from "./authenticate";

// The /v1 pipeline behind the real fast path, with an echo server as the bank: every expected
// failure is answered as a problem by its own step, and the bank is called only when all pass.
const keys = {
  rw: cachedKey(),
  ro: cachedKey({ keyId: "key_ro", scope: "read_only" }),
  suspended: cachedKey({ keyId: "key_sus", appSuspended: true }),
};
const TOKEN = `oat_${"A".repeat(43)}`;
const DOWN_TOKEN = `oat_${"B".repeat(43)}`;
// The authorization server's tokens have no prefix; a bound one comes with its key's thumbprint.
const BOUND_TOKEN = "Hx3kQ8bqv0wPnE5r9ZtYc2LmA7dF4sJ6uG1oK_-iWRV";
const BEARER_TOKEN = "bq8Hx3kQv0wPnE5r9ZtYc2LmA7dF4sJ6uG1oK_-iWRV";
let dpopKey: Awaited<ReturnType<typeof dpopClientKey>>;

let bank: Awaited<ReturnType<typeof startRecordingBank>>;
const servers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  bank = await startRecordingBank((request) =>
    // The bank's simulated 429 (Sandbox-Scenario: rate_limited): Retry-After, no RateLimit of its own.
    request.headers["sandbox-scenario"] === "rate_limited"
      ? { status: 429, headers: { "retry-after": "1" }, body: { code: "rate_limited" } }
      : { body: { consent_token: request.headers["x-consent-token"] ?? null } },
  );
  dpopKey = await dpopClientKey();
});

afterAll(async () => {
  await bank.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function gateway(options: { limit?: number; credentials?: Partial<Credentials> } = {}) {
  const used: string[] = [];
  const { served, logs } = await servePipeline({
    prefix: "/v1/",
    bankUrl: bank.url,
    limit: options.limit,
    credentials: {
      verifyKey: keyTable(keys),
      resolveConsentToken: async (token) =>
        token === TOKEN || token === BEARER_TOKEN
          ? { ok: true, owner: { appId: "app_1", jkt: null } }
          : token === BOUND_TOKEN
            ? { ok: true, owner: { appId: "app_1", jkt: dpopKey.jkt } }
            : token === DOWN_TOKEN
              ? { ok: false, error: new AppError("bank_unavailable") }
              : { ok: true, owner: null },
      dpop: testDpopVerifier(),
      ...options.credentials,
    },
    onKeyUsed: (keyId) => used.push(keyId),
  });
  servers.push(served);
  const call = (key: string, init: RequestInit = {}) =>
    served.handle(
      new Request("http://portal.test/v1/payments", { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as object) } }),
    );
  /** A call with a DPoP-bound token: `DPoP <token>` and a proof for POST /v1/payments (or `proof`). */
  const dpopCall = async (options: { nonce?: string; proof?: string | null; scheme?: string; token?: string; method?: string } = {}) => {
    const token = options.token ?? BOUND_TOKEN;
    const proof =
      options.proof === undefined
        ? await makeProof(dpopKey, { method: "POST", url: "http://portal.test/v1/payments", token, nonce: options.nonce })
        : options.proof;
    return call(token, {
      method: options.method ?? "POST",
      body: "{}",
      headers: { authorization: `${options.scheme ?? "DPoP"} ${token}`, ...(proof ? { dpop: proof } : {}) },
    });
  };
  return { call, dpopCall, logs, used };
}

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as { code: string; request_id: string; status: number };
  expect(body.request_id).toBe(response.headers.get("x-request-id"));
  expect(body.status).toBe(response.status);
  return body.code;
}

describe("the /v1 pipeline", () => {
  it("forwards a good call and logs it under the key, with the rate-limit headers", async () => {
    const { call, logs, used } = await gateway();
    const before = bank.received.length;
    const response = await call("rw");
    expect(response.status).toBe(200);
    expect(response.headers.get("ratelimit")).toMatch(/^"sandbox";r=\d+;t=\d+$/);
    expect(bank.received.length).toBe(before + 1);
    expect(used).toEqual(["key_rw"]);
    expect(logs.map((entry) => [entry.keyId, entry.status])).toEqual([["key_rw", 200]]);
  });

  it("answers unknown keys 401 and calls nothing else", async () => {
    const { call, logs } = await gateway();
    const before = bank.received.length;
    const response = await call("nope");
    expect([response.status, await problem(response)]).toEqual([401, "invalid_api_key"]);
    expect(response.headers.get("www-authenticate")).toContain("invalid_token");
    expect(bank.received.length).toBe(before);
    expect(logs).toEqual([]);
  });

  it("refuses a suspended app (403) and a read-only key's POST (403), logged, before any quota or bank call", async () => {
    const { call, logs } = await gateway({ limit: 1 });
    const before = bank.received.length;
    const suspended = await call("suspended");
    expect([suspended.status, await problem(suspended)]).toEqual([403, "app_suspended"]);
    const readOnly = await call("ro", { method: "POST", body: "{}" });
    expect([readOnly.status, await problem(readOnly)]).toEqual([403, "insufficient_scope"]);
    expect(bank.received.length).toBe(before);
    expect(logs.map((entry) => [entry.keyId, entry.status])).toEqual([
      ["key_sus", 403],
      ["key_ro", 403],
    ]);
    // The refused calls spent no quota: the read-only key still has its one request.
    expect((await call("ro")).status).toBe(200);
  });

  it("answers 429 with Retry-After and the RateLimit headers once the quota is spent", async () => {
    const { call } = await gateway({ limit: 1 });
    expect((await call("rw")).status).toBe(200);
    const limited = await call("rw");
    expect([limited.status, await problem(limited)]).toEqual([429, "rate_limited"]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-policy")).toBe('"sandbox";q=1;w=60');
  });

  it("sends the simulated 429 with the real one's policy and shape: r=0 and t equal to Retry-After", async () => {
    const { call } = await gateway({ limit: 100 });
    const simulated = await call("rw", { headers: { "sandbox-scenario": "rate_limited" } });
    expect(simulated.status).toBe(429);
    expect(simulated.headers.get("retry-after")).toBe("1");
    expect(simulated.headers.get("ratelimit")).toBe('"sandbox";r=0;t=1');
    expect(simulated.headers.get("ratelimit-policy")).toBe('"sandbox";q=100;w=60');

    const { call: spent } = await gateway({ limit: 1 });
    await spent("rw");
    const real = await spent("rw");
    const t = /^"sandbox";r=0;t=(\d+)$/.exec(real.headers.get("ratelimit") ?? "")?.[1];
    expect(t).toBe(real.headers.get("retry-after"));
  });

  it("refuses a body over the surface's limit with 413 after the rate limit, never reaching the bank", async () => {
    const { call, logs } = await gateway();
    const before = bank.received.length;
    const response = await call("rw", { method: "POST", body: "x".repeat(65), headers: { "content-type": "application/json" } });
    expect([response.status, await problem(response)]).toEqual([413, "payload_too_large"]);
    expect(response.headers.get("ratelimit")).not.toBeNull();
    expect(bank.received.length).toBe(before);
    expect(logs[0]).toMatchObject({ status: 413, keyId: "key_rw" });
  });

  it("forwards a consent token to the bank, and answers unknown tokens 401 and an unreachable owner lookup 502", async () => {
    const { call, logs } = await gateway();
    const ok = await call(TOKEN);
    expect(await ok.json()).toEqual({ consent_token: TOKEN });
    const unknown = await call(`oat_${"C".repeat(43)}`);
    expect([unknown.status, await problem(unknown)]).toEqual([401, "invalid_token"]);
    const down = await call(DOWN_TOKEN);
    expect([down.status, await problem(down)]).toEqual([502, "bank_unavailable"]);
    expect(logs.map((entry) => [entry.keyId, entry.keyPrefix, entry.status])).toEqual([[null, "oat_AAAA…AAAA", 200]]);
  });

  it("answers a bug as 500 internal_error with the request id, logging the message once and never the request", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { call } = await gateway({
      credentials: {
        verifyKey: async () => {
          throw new Error("database is gone");
        },
      },
    });
    const response = await call("rw");
    expect([response.status, await problem(response)]).toEqual([500, "internal_error"]);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0][0])).toContain("database is gone");
    expect(String(errors.mock.calls[0][0])).not.toContain("Bearer");
    errors.mockRestore();
  });
});

describe("the /v1 pipeline with DPoP-bound tokens", () => {
  const challenge = (code: string) => `DPoP algs="ES256 PS256 EdDSA", error="${code}"`;

  it("asks for a nonce first, then forwards a proven call to the bank as a consent token and hands out the next nonce", async () => {
    const { dpopCall, logs } = await gateway();
    const before = bank.received.length;
    const first = await dpopCall();
    expect([first.status, await problem(first)]).toEqual([401, "use_dpop_nonce"]);
    expect(first.headers.get("www-authenticate")).toContain(challenge("use_dpop_nonce"));
    const nonce = first.headers.get("dpop-nonce");
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ok = await dpopCall({ nonce: nonce! });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ consent_token: BOUND_TOKEN });
    expect(ok.headers.get("dpop-nonce")).toBe(nonce);
    expect(bank.received.length).toBe(before + 1);
    expect(logs.map((entry) => [entry.keyPrefix, entry.status])).toEqual([["Hx3kQ8bq…iWRV", 200]]);
  });

  it("refuses a bound token sent as Bearer, or without a proof: 401 invalid_token with the DPoP challenge, nothing forwarded", async () => {
    const { dpopCall } = await gateway();
    const before = bank.received.length;
    const bearer = await dpopCall({ scheme: "Bearer" });
    expect([bearer.status, await problem(bearer)]).toEqual([401, "invalid_token"]);
    expect(bearer.headers.get("www-authenticate")).toContain(challenge("invalid_token"));
    const noProof = await dpopCall({ proof: null });
    const body = (await noProof.json()) as { code: string; detail: string };
    expect([noProof.status, body.code]).toEqual([401, "invalid_token"]);
    expect(body.detail).toMatch(/bound to a DPoP key, and it was sent without a DPoP header/);
    expect(bank.received.length).toBe(before);
  });

  it("answers a bad proof 401 invalid_dpop_proof as problem+json, the detail naming the claim", async () => {
    const { dpopCall } = await gateway();
    const nonce = (await dpopCall()).headers.get("dpop-nonce")!;
    const wrongMethod = await makeProof(dpopKey, { method: "GET", url: "http://portal.test/v1/payments", token: BOUND_TOKEN, nonce });
    const response = await dpopCall({ proof: wrongMethod });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toContain(challenge("invalid_dpop_proof"));
    expect(response.headers.get("dpop-nonce")).toBe(nonce);
    const body = (await response.json()) as { code: string; detail: string; type: string };
    expect(body).toMatchObject({ code: "invalid_dpop_proof", type: "http://portal.test/docs/errors#invalid_dpop_proof" });
    expect(body.detail).toBe(`The proof's htm must be "POST" (this request's method), got "GET".`);
    const replayed = await makeProof(dpopKey, {
      method: "POST",
      url: "http://portal.test/v1/payments",
      token: BOUND_TOKEN,
      nonce,
      jti: "j1",
    });
    expect((await dpopCall({ proof: replayed })).status).toBe(200);
    const again = await dpopCall({ proof: replayed });
    expect([again.status, await problem(again)]).toEqual([401, "invalid_dpop_proof"]);
  });

  it("takes an unprefixed bearer token as Bearer (a stray DPoP header is not looked at), and refuses it with the DPoP scheme", async () => {
    const { dpopCall } = await gateway();
    const bearer = await dpopCall({ token: BEARER_TOKEN, scheme: "Bearer", proof: "not-even-a-jwt" });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual({ consent_token: BEARER_TOKEN });
    const dpop = await dpopCall({ token: BEARER_TOKEN });
    const body = (await dpop.json()) as { code: string; detail: string };
    expect([dpop.status, body.code]).toEqual([401, "invalid_token"]);
    expect(body.detail).toMatch(/^This access token is not DPoP-bound/);
    expect(dpop.headers.get("www-authenticate")).toContain(challenge("invalid_token"));
  });

  it("refuses an API key sent with the DPoP scheme", async () => {
    const { call } = await gateway();
    const response = await call("rw", { headers: { authorization: "DPoP sk_sandbox_whatever" } });
    expect([response.status, await problem(response)]).toEqual([401, "invalid_api_key"]);
  });
});
