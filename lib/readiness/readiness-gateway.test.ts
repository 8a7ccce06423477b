import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedKey, keyTable, servePipeline, startRecordingBank } from "@/tests/support/gateway-fixture";
import { FAULT_HEADER, ReadinessFaults } from "./readiness-faults";

// The /v1 pipeline with a readiness run's plan: the app under test gets its faults (answered by
// the gateway, never reaching the bank, marked in the log); another app's calls are untouched.
let bank: Awaited<ReturnType<typeof startRecordingBank>>;
const servers: { close(): Promise<void> }[] = [];
const keys = { mine: cachedKey({ keyId: "key_a", appId: "app_a" }), other: cachedKey({ keyId: "key_b", appId: "app_b" }) };

beforeAll(async () => {
  bank = await startRecordingBank(() => ({ status: 201, body: { id: "pay_1" } }));
});
afterAll(async () => {
  await bank.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function gateway(faults: ReadinessFaults) {
  const { served, logs } = await servePipeline({ prefix: "/v1/", bankUrl: bank.url, credentials: { verifyKey: keyTable(keys) }, faults });
  servers.push(served);
  const call = (key: string, method = "POST", path = "/v1/payments") =>
    served.handle(
      new Request(`http://portal.test${path}`, {
        method,
        body: method === "POST" ? "{}" : undefined,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": "k1" },
      }),
    );
  return { call, logs };
}

describe("readiness faults in the gateway", () => {
  it("answers the app's planned faults itself, marked, then forwards again; another app is never touched", async () => {
    const faults = new ReadinessFaults();
    faults.set("app_a", {
      runId: "rdy_1",
      checkId: "payment-retries",
      expiresAt: Date.now() + 60_000,
      method: "POST",
      pathPrefix: "/v1/payments",
      faults: [{ kind: "unavailable" }, { kind: "timeout", holdMs: 10 }],
    });
    const { call, logs } = await gateway(faults);
    const before = bank.received.length;

    const other = await call("other");
    expect(other.status).toBe(201);
    expect(other.headers.get(FAULT_HEADER)).toBeNull();

    const first = await call("mine");
    expect(first.status).toBe(503);
    expect(first.headers.get(FAULT_HEADER)).toBe("unavailable; run=rdy_1; check=payment-retries");
    const second = await call("mine");
    expect(second.status).toBe(504);
    const third = await call("mine");
    expect(third.status).toBe(201);
    // Only the other app's call and the third went to the bank.
    expect(bank.received.length).toBe(before + 2);
    expect(logs.map((entry) => [entry.appId, entry.status])).toEqual([
      ["app_b", 201],
      ["app_a", 503],
      ["app_a", 504],
      ["app_a", 201],
    ]);
    expect(logs[1].exchange?.responseHeaders.get(FAULT_HEADER)).toMatch(/^unavailable/);
  });

  it("answers an injected 429 with Retry-After and stops when the run's plan is cleared", async () => {
    const faults = new ReadinessFaults();
    const plan = { runId: "rdy_2", checkId: "rate-limits", expiresAt: Date.now() + 60_000, method: "GET", pathPrefix: null };
    faults.set("app_a", { ...plan, faults: [{ kind: "rate_limited", retryAfterSeconds: 2 }] });
    const { call } = await gateway(faults);
    const limited = await call("mine", "GET", "/v1/accounts");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("ratelimit")).toMatch(/r=0;t=2/);

    faults.set("app_a", { ...plan, faults: [{ kind: "rate_limited", retryAfterSeconds: 2 }] });
    faults.clear("app_a", "rdy_2");
    expect((await call("mine", "GET", "/v1/accounts")).status).toBe(201);
  });
});
