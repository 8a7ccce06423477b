import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { checkLedgerInvariants } from "../../mock-bank/src/domain/ledger/check-ledger-invariants";
import { startServices, type Services } from "../../scripts/test-services.mjs";
import { sandbox } from "../support/portal-client";
import { call, newDeveloperApp, warmUp } from "./support/sandbox-fixtures";
import { BOUNDED, prng, runSeed, SIZES } from "./support/sizes";

/**
 * Crash: a stream of idempotent payments through the portal's gateway with a real key while
 * the mock bank is SIGKILLed at random moments and started again. Each client retries with
 * the same Idempotency-Key and body until it gets a definitive answer (201, a replay, or a
 * 4xx refusal). Then: every acknowledged payment exists exactly once, nothing else was
 * created, a replay of each returns the same payment, the ledger invariants hold, and no
 * client saw a 5xx other than the documented retryable 502 / 503 / 504.
 */

const RETRYABLE = new Set([502, 503, 504]);
/** Bounded retries: a restart plus the shortened idempotency lease (2 s) fit many times over. */
const MAX_ATTEMPTS = 120;
const DURATION_MS = BOUNDED ? 15_000 : 60_000;

let services: Services;
let bankDb: PrismaClient;
const seed = runSeed("crash");
const random = prng(seed);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  services = await startServices({
    portalPort: Number(process.env.RELIABILITY_CRASH_PORTAL_PORT ?? 3310),
    bankPort: Number(process.env.RELIABILITY_CRASH_BANK_PORT ?? 4320),
    name: "reliability-crash",
    // A crashed holder's Idempotency-Key is taken over after 2 s instead of 30 s.
    env: { RATE_LIMIT_REQUESTS: "1000000", RATE_LIMIT_WINDOW_SECONDS: "60", BANK_IDEMPOTENCY_LEASE_MS: "2000" },
  });
  console.log(`[reliability] crash services: ${services.portalUrl} on ${services.provider}`);
  bankDb = createPrismaClient(services.env.BANK_DATABASE_URL!);
});

afterAll(async () => {
  await bankDb?.$disconnect();
  await services?.stop();
});

type Outcome = {
  index: number;
  key: string;
  body: Record<string, unknown>;
  status: number;
  paymentId?: string;
  code?: string;
  attempts: number;
};

it("acknowledges every payment exactly once across SIGKILLs of the bank; the ledger stays sound", async () => {
  const portalUrl = services.portalUrl;
  const app = await newDeveloperApp(portalUrl, "Crash Tester");
  await warmUp(portalUrl, app.key);
  const listed = await call(portalUrl, app.key, "GET", "/v1/accounts?limit=100");
  expect(listed.status, listed.text).toBe(200);
  const accounts = listed.body.data as { id: string; type: string; customer_id: string }[];
  const customers = (await call(portalUrl, app.key, "GET", "/v1/customers?limit=100")).body.data as { id: string; persona: string }[];
  const pairs = ["good_credit", "small_business"].map((persona) => {
    const owner = customers.find((c) => c.persona === persona)!;
    const own = accounts.filter((a) => a.customer_id === owner.id);
    return [own.find((a) => a.type === "current")!.id, own.find((a) => a.type === "savings")!.id];
  });

  const counts = { requests: 0, retries: 0, retryable5xx: 0, inFlight409: 0, transportErrors: 0, kills: 0 };
  const bad5xx: string[] = [];
  const outcomes: Outcome[] = [];
  let next = 0;
  let streaming = true;

  async function pay(index: number): Promise<Outcome> {
    const [from, to] = pairs[index % pairs.length];
    const forward = index % 4 < 2;
    const pence = 100 + Math.floor(random() * 900);
    const body = {
      debtor_account_id: forward ? from : to,
      amount: { amount: (pence / 100).toFixed(2), currency: "GBP" },
      creditor: { type: "account", account_id: forward ? to : from },
      reference: `crash-${index}`,
    };
    const key = randomUUID();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      counts.requests += 1;
      if (attempt > 1) counts.retries += 1;
      let status: number;
      let parsed: { id?: string; code?: string; reference?: string } | undefined;
      let retryAfter = 0;
      try {
        const response = await sandbox(portalUrl, app.key, "/v1/payments", {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify(body),
        });
        status = response.status;
        retryAfter = Number(response.headers.get("retry-after") ?? 0);
        const text = await response.text();
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // The portal is never killed: a transport error here is itself a finding, but retry.
        counts.transportErrors += 1;
        await sleep(200);
        continue;
      }
      if (status === 201 || status === 200) {
        expect(parsed?.reference).toBe(body.reference);
        return { index, key, body, status, paymentId: parsed!.id, attempts: attempt };
      }
      if (status >= 500) {
        if (RETRYABLE.has(status)) counts.retryable5xx += 1;
        else bad5xx.push(`${status} ${JSON.stringify(parsed)}`);
        await sleep(150 + random() * 250);
        continue;
      }
      if (status === 409 && parsed?.code === "idempotency_key_in_flight") {
        counts.inFlight409 += 1;
        await sleep(Math.max(retryAfter, 0.25) * 1000);
        continue;
      }
      // Any other 4xx is definitive (a refusal leaves nothing behind).
      return { index, key, body, status, code: parsed?.code, attempts: attempt };
    }
    throw new Error(`payment ${index} had no definitive answer after ${MAX_ATTEMPTS} attempts`);
  }

  const pace = (DURATION_MS * SIZES.crashClients) / SIZES.crashPayments;
  const clients = Array.from({ length: SIZES.crashClients }, async () => {
    while (next < SIZES.crashPayments) {
      const index = next++;
      outcomes.push(await pay(index));
      await sleep(random() * pace);
    }
  });
  const killTimes = Array.from({ length: SIZES.crashKills }, () => 0.05 + random() * 0.85)
    .sort()
    .map((f) => f * DURATION_MS);
  const killer = (async () => {
    const started = Date.now();
    for (const at of killTimes) {
      await sleep(Math.max(0, started + at - Date.now()));
      if (!streaming) break;
      await services.bank.kill("SIGKILL");
      counts.kills += 1;
      await sleep(random() * 1_000);
      await services.bank.restart();
    }
  })();
  const started = Date.now();
  await Promise.all(clients);
  streaming = false;
  await killer;
  const elapsed = (Date.now() - started) / 1000;

  // Every payment of the tenant, by reference.
  const stored: { id: string; reference: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(portalUrl, app.key, "GET", `/v1/payments?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(page.status).toBe(200);
    stored.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor);
  const byReference = new Map<string, string[]>();
  for (const payment of stored.filter((p) => p.reference?.startsWith("crash-")))
    byReference.set(payment.reference, [...(byReference.get(payment.reference) ?? []), payment.id]);

  const acknowledged = outcomes.filter((o) => o.paymentId);
  const refused = outcomes.filter((o) => !o.paymentId);
  const duplicates = [...byReference].filter(([, ids]) => ids.length > 1);
  const missing = acknowledged.filter((o) => JSON.stringify(byReference.get(o.body.reference as string)) !== JSON.stringify([o.paymentId]));
  const phantom = refused.filter((o) => byReference.has(o.body.reference as string));

  // A replay of every acknowledged request answers with the same payment.
  let replays = 0;
  for (const o of acknowledged) {
    const again = await sandbox(portalUrl, app.key, "/v1/payments", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": o.key },
      body: JSON.stringify(o.body),
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(o.paymentId);
    replays += 1;
  }
  const violations = await checkLedgerInvariants({ db: bankDb, tenantId: app.appId });

  const refusedCodes = [...new Set(refused.map((o) => `${o.status} ${o.code}`))].join(", ") || "none";
  console.log(
    `[reliability] crash (${services.provider}): ${SIZES.crashPayments} payments by ${SIZES.crashClients} clients in ${elapsed.toFixed(1)} s; ` +
      `${counts.kills} SIGKILLs; ${counts.requests} requests, ${counts.retries} retries (${counts.retryable5xx} × 502/503/504, ${counts.inFlight409} × 409 in flight, ${counts.transportErrors} transport errors); ` +
      `acknowledged ${acknowledged.length}, refused ${refused.length} (${refusedCodes}); max attempts for one payment ${Math.max(...outcomes.map((o) => o.attempts))}; ` +
      `duplicates ${duplicates.length}, missing ${missing.length}, phantom ${phantom.length}, replays ${replays}; other 5xx ${bad5xx.length}; ledger violations ${violations.length}`,
  );
  expect(outcomes).toHaveLength(SIZES.crashPayments);
  expect(counts.kills).toBe(SIZES.crashKills);
  expect(bad5xx).toEqual([]);
  expect(counts.transportErrors).toBe(0);
  expect(duplicates).toEqual([]);
  expect(missing.map((o) => o.index)).toEqual([]);
  expect(phantom.map((o) => o.index)).toEqual([]);
  expect(violations).toEqual([]);
  expect(acknowledged.length).toBeGreaterThan(SIZES.crashPayments / 2);
});
