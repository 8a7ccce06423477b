import { existsSync } from "node:fs";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServices } from "../../scripts/test-services.mjs";
import { activeCurrentAccount, PortalClient, sandbox } from "../support/portal-client";
import { probeRedis, TEST_REDIS_URL } from "../support/test-redis";

// Readiness faults on two portal instances (production build) + one mock bank + Redis, as
// `npm run start:cluster` runs them: the run is started and advanced through instance A, the
// app's calls are spread over A and B at once, and each planned fault is answered exactly once
// across both (503 then 504 for payments, one 429 for a GET). A cancel through B stops the
// faults on A too, and leaves nothing in Redis. Redis unreachable: fails under CI=true, skips
// loudly otherwise.
const available = await probeRedis("readiness faults (two portals + Redis)");
if (available && !existsSync(".next/BUILD_ID"))
  throw new Error("readiness cluster reliability: no production build (.next/BUILD_ID). Run `npm run build` first.");

type Run = { id: string; status: string; current_check: string | null };

describe.skipIf(!available)("readiness faults across two portal instances", { timeout: 240_000 }, () => {
  let services: Awaited<ReturnType<typeof startServices>>;
  let developer: PortalClient;
  let appId = "";
  let key = "";
  let debtor = "";
  let run: Run;

  const getRun = async () => (await developer.json("GET", `/api/apps/${appId}/readiness-runs/${run.id}`)).body as Run;

  async function until(probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
    const started = Date.now();
    while (!(await probe())) {
      if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const payment = (instance: number) =>
    sandbox(services.portalUrls[instance], key, "/v1/payments", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        debtor_account_id: debtor,
        amount: { amount: "1.00", currency: "GBP" },
        creditor: { type: "sort_code", name: "Cluster", sort_code: "040004", account_number: "12345678" },
      }),
    });

  const answer = async (instance: number, response: Response) => ({
    instance,
    status: response.status,
    fault: response.headers.get("x-readiness-fault"),
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  });

  beforeAll(async () => {
    services = await startServices({
      portalPort: Number(process.env.RELIABILITY_READINESS_PORTAL_PORT ?? 3340),
      bankPort: Number(process.env.RELIABILITY_READINESS_BANK_PORT ?? 4340),
      name: "reliability-readiness-cluster",
      portalInstances: 2,
      // A loaded machine's event-loop lag reads as a Redis outage at the default 250 ms (as in rate-limit.test.ts).
      env: { REDIS_URL: TEST_REDIS_URL, REDIS_TIMEOUT_MS: "5000" },
    });
    ({ client: developer } = await PortalClient.newDeveloper(services.portalUrls[0]));
    const created = await developer.createApp("Readiness on two instances");
    appId = created.app.id;
    key = created.secret;
    debtor = await activeCurrentAccount(services.portalUrls[1], key);
    // No webhook endpoint: the webhook checks fail at once and the run reaches the payment check.
    const started = await developer.json("POST", `/api/apps/${appId}/readiness-runs`);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    run = started.body;
    // Two portals and a bank from cold on a loaded 2-core machine: their start-up alone can take minutes.
  }, 420_000);

  afterAll(async () => {
    await services?.stop();
  });

  it("answers the payment check's 503 and timeout once across both instances, whichever each call lands on", async () => {
    await until(async () => (await getRun()).current_check === "payment-retries");
    const answers = await Promise.all(Array.from({ length: 6 }, async (_, index) => answer(index % 2, await payment(index % 2))));
    const faulted = answers.filter((a) => a.fault !== null);
    expect(faulted.map((a) => a.status).sort(), JSON.stringify(answers)).toEqual([503, 504]);
    expect(faulted.map((a) => a.fault!.split(";")[0]).sort()).toEqual(["timeout", "unavailable"]);
    for (const a of faulted) expect(a.fault).toContain(`run=${run.id}; check=payment-retries`);
    // The others reached the bank and were made (an active account), never an injected 5xx or 429.
    const passed = answers.filter((a) => a.fault === null);
    expect(
      passed.map((a) => a.status),
      JSON.stringify(passed),
    ).toEqual([201, 201, 201, 201]);
    // Both instances served the app (the faults did not depend on landing where the engine runs).
    expect(new Set(answers.map((a) => a.instance)).size).toBe(2);
  });

  it("answers the rate-limit check's 429 once across both instances", async () => {
    await until(async () => (await getRun()).current_check === "rate-limits");
    const answers = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => answer(index % 2, await sandbox(services.portalUrls[index % 2], key, "/v1/accounts"))),
    );
    const limited = answers.filter((a) => a.fault !== null);
    expect(
      limited.map((a) => [a.status, a.retryAfter]),
      JSON.stringify(answers),
    ).toEqual([[429, "2"]]);
    expect(answers.filter((a) => a.fault === null).every((a) => a.status === 200)).toBe(true);
  });

  it("a cancel through B stops the faults on A too, and leaves nothing of the plan in Redis", async () => {
    // A fresh run on the same app, cancelled through the other instance while it injects. The first run
    // would go on through the checks after rate-limits (no client answers them): it is cancelled through A.
    const first = await developer.request("POST", `/api/apps/${appId}/readiness-runs/${run.id}/cancel`);
    expect(first.status).toBe(200);
    const again = await developer.json("POST", `/api/apps/${appId}/readiness-runs`);
    expect(again.status).toBe(201);
    run = again.body;
    await until(async () => (await getRun()).current_check === "payment-retries");
    // The same signed-in browser, on instance B.
    const cancelled = await developer.copy(services.portalUrls[1]).request("POST", `/api/apps/${appId}/readiness-runs/${run.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const answers = await Promise.all([0, 1, 0, 1].map(async (instance) => answer(instance, await payment(instance))));
    expect(answers.map((a) => a.fault)).toEqual([null, null, null, null]);
    expect(
      answers.filter((a) => a.status >= 500 || a.status === 429),
      JSON.stringify(answers),
    ).toEqual([]);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.keys(`openbank:readiness:*${appId}*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
