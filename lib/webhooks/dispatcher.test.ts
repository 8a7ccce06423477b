import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { newId } from "@openbank/contracts/ids";
import { buildApp, type BankApp } from "../../mock-bank/src/app";
import { parseBankEnv } from "../../mock-bank/src/env";
import { createTestDatabase, gatewayHeaders, TEST_SECRET } from "../../mock-bank/test/helpers";
import { createBankOutbox } from "./bank-outbox";
import { createDispatcher, type Dispatcher } from "./dispatcher";
import { sealSecret } from "./secret-box";
import { sendWebhook } from "./send-webhook";
import { generateSigningSecret } from "./signing-secret";
import { createTestApp } from "./test-app";

// The real mock bank (its outbox and internal routes) on one database, the portal's tables on
// another, a receiver that verifies every request with the `standardwebhooks` package, and the
// dispatcher in-process or as its real process (to kill it). Retries run on a short schedule.
const PEPPER = "dispatcher-test-pepper-".padEnd(40, "p");
const SCHEDULE = [300, 600, 1_000, 1_500, 2_000, 3_000];

type Receipt = { id: string; verified: boolean; answered: number; at: number; type: string };

/** A webhook receiver on a fixed port that can go down (closed port) and come back. */
class Receiver {
  receipts: Receipt[] = [];
  answer = 200;
  private server: Server | null = null;
  port = 0;
  constructor(private secrets: Map<string, string>) {}

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const secret = this.secrets.get(req.url ?? "");
      let verified = false;
      let type = "";
      try {
        type = (new Webhook(secret ?? "whsec_AAAA").verify(body, req.headers as Record<string, string>) as { type: string }).type;
        verified = true;
      } catch {
        verified = false;
      }
      const answered = verified ? this.answer : 401;
      this.receipts.push({ id: String(req.headers["webhook-id"]), verified, answered, at: Date.now(), type });
      res.writeHead(answered).end(verified ? "thanks" : "bad signature");
    });
  }

  okIds(): string[] {
    return this.receipts.filter((r) => r.answered === 200).map((r) => r.id);
  }
}

let bankDatabase: ReturnType<typeof createTestDatabase>;
let portalDatabase: ReturnType<typeof createTestDatabase>;
let db: PrismaClient;
let bank: BankApp;
let bankUrl: string;
let receiver: Receiver;
const secrets = new Map<string, string>();

async function startBank(port = 0) {
  const env = parseBankEnv({
    BANK_DATABASE_URL: bankDatabase.url,
    BANK_INTERNAL_SECRET: TEST_SECRET,
    PORTAL_URL: "http://portal.test",
    LOG_LEVEL: "info",
  });
  bank = await buildApp({ env, logger: false });
  await bank.listen({ port, host: "127.0.0.1" });
  bankUrl = `http://127.0.0.1:${(bank.server.address() as AddressInfo).port}`;
}

async function fire(tenant: string, type: string): Promise<string> {
  const reply = await bank.inject({
    method: "POST",
    url: "/v1/sandbox/webhooks/fire",
    headers: { ...gatewayHeaders(tenant), "content-type": "application/json" },
    payload: JSON.stringify({ type }),
  });
  expect(reply.statusCode).toBe(201);
  return reply.json().id as string;
}

async function endpoint(appId: string, path: string, eventTypes: string[] = []): Promise<string> {
  const secret = generateSigningSecret();
  secrets.set(path, secret);
  const id = newId("webhookEndpoint");
  await db.webhookEndpoint.create({
    data: { id, appId, url: receiver.url(path), eventTypes, secretCiphertext: sealSecret(secret, PEPPER) },
  });
  return id;
}

function dispatcher(): Dispatcher {
  return createDispatcher({
    db,
    provider: "sqlite",
    // Generous: under a loaded CPU a claim answered after the client gave up stays leased for 60 s.
    outbox: createBankOutbox({ baseUrl: bankUrl, internalSecret: TEST_SECRET, timeoutMs: 15_000 }),
    pepper: PEPPER,
    schedule: SCHEDULE,
    timeoutMs: 2_000,
    allowLoopback: true,
    send: sendWebhook,
    pollIntervalMs: 50,
  });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

const app = (id: string) => createTestApp(db, id);

beforeAll(async () => {
  bankDatabase = createTestDatabase();
  portalDatabase = createTestDatabase();
  db = createPrismaClient(portalDatabase.url);
  receiver = new Receiver(secrets);
  await receiver.start();
  await startBank();
  for (const id of ["app_alpha", "app_beta", "app_down", "app_killed", "app_bankdown", "app_pair"]) await app(id);
});

afterAll(async () => {
  await receiver.stop();
  await bank.close();
  await db.$disconnect();
  bankDatabase.remove();
  portalDatabase.remove();
});

describe("webhook dispatcher", { timeout: 90_000 }, () => {
  it("delivers each event, signed and verified, only to the owning app's subscribed endpoints", async () => {
    await endpoint("app_alpha", "/alpha/all");
    await endpoint("app_alpha", "/alpha/payments", ["payment.completed", "payment.failed"]);
    await endpoint("app_beta", "/beta/all");
    const run = dispatcher();
    run.start();
    const completed = await fire("app_alpha", "payment.completed");
    const kyc = await fire("app_alpha", "kyc.decided");
    const stranger = await fire("app_nobody", "payment.completed");
    await until(() => receiver.okIds().length >= 3);
    // The whole outbox is handed over, events of apps without endpoints included.
    await until(async () => (await bank.db.bankEvent.count({ where: { deliveredAt: null } })) === 0);
    await run.stop();
    const got = receiver.receipts.map((r) => `${r.id} ${r.type}`).sort();
    expect(got).toEqual([`${completed} payment.completed`, `${completed} payment.completed`, `${kyc} kyc.decided`].sort());
    expect(receiver.receipts.every((r) => r.verified)).toBe(true);
    expect(receiver.receipts.some((r) => r.id === stranger)).toBe(false);
    const deliveries = await db.webhookDelivery.findMany({ include: { attempts: true } });
    expect(deliveries.every((d) => d.status === "succeeded" && d.attempts.length === 1 && d.nextAttemptAt === null)).toBe(true);
  });

  it("retries while the receiver is down and delivers soon after it comes back, each event once", async () => {
    receiver.receipts = [];
    await endpoint("app_down", "/down");
    await receiver.stop();
    const run = dispatcher();
    run.start();
    const ids = await Promise.all(Array.from({ length: 5 }, () => fire("app_down", "transaction.booked")));
    // Down for a while: every delivery has failed at least twice.
    await until(async () => (await db.webhookAttempt.count({ where: { delivery: { eventId: { in: ids } } } })) >= 10);
    const endpointRow = await db.webhookEndpoint.findFirstOrThrow({ where: { appId: "app_down" } });
    expect(endpointRow.consecutiveFailures).toBeGreaterThanOrEqual(5);
    expect(endpointRow.failingSince).not.toBeNull();
    const back = Date.now();
    await receiver.start();
    const recovery = await until(() => ids.every((id) => receiver.okIds().includes(id)));
    await run.stop();
    console.log(`receiver down → back: all 5 deliveries arrived ${recovery} ms after it came back (schedule ${SCHEDULE.join(", ")} ms)`);
    expect(Date.now() - back).toBeLessThan(SCHEDULE[SCHEDULE.length - 1] * 1.2 + 1_000);
    expect(receiver.okIds().sort()).toEqual([...ids].sort());
    const healed = await db.webhookEndpoint.findFirstOrThrow({ where: { appId: "app_down" } });
    expect(healed).toMatchObject({ consecutiveFailures: 0, failingSince: null });
    const attempts = await db.webhookAttempt.findMany({ where: { delivery: { eventId: { in: ids } } }, orderBy: { number: "asc" } });
    // Each attempt's headers carried the event id as webhook-id.
    for (const attempt of attempts) expect(ids).toContain(JSON.parse(attempt.requestHeaders)["webhook-id"]);
  });

  it("loses nothing when the bank is down: events wait in its outbox and are handed over once it is back", async () => {
    receiver.receipts = [];
    await endpoint("app_bankdown", "/bankdown");
    const ids = [await fire("app_bankdown", "payment.failed"), await fire("app_bankdown", "account.opened")];
    const port = Number(new URL(bankUrl).port);
    await bank.close();
    const run = dispatcher();
    run.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.receipts).toEqual([]);
    await startBank(port);
    await until(() => ids.every((id) => receiver.okIds().includes(id)));
    await run.stop();
    expect(receiver.okIds().sort()).toEqual([...ids].sort());
  });

  it("two dispatchers side by side send each delivery once", async () => {
    receiver.receipts = [];
    await endpoint("app_pair", "/pair");
    const [a, b] = [dispatcher(), dispatcher()];
    a.start();
    b.start();
    const ids = await Promise.all(Array.from({ length: 12 }, () => fire("app_pair", "payment.created")));
    await until(() => ids.every((id) => receiver.okIds().includes(id)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([a.stop(), b.stop()]);
    expect(receiver.okIds().sort()).toEqual([...ids].sort());
  });
});

describe("dispatcher process", { timeout: 60_000 }, () => {
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  function startProcess(): ChildProcess {
    // One process (node with tsx's loader), not the tsx wrapper: a signal to the wrapper would leave
    // its node child running, so the "killed" dispatcher would keep delivering and outlive the suite.
    const proc = spawn(process.execPath, ["--import", "tsx", "lib/webhooks/dispatcher-main.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: portalDatabase.url,
        BANK_URL: bankUrl,
        BANK_INTERNAL_SECRET: TEST_SECRET,
        API_KEY_PEPPER: PEPPER,
        NEXTAUTH_SECRET: "x".repeat(40),
        WEBHOOK_RETRY_SCHEDULE: SCHEDULE.map((ms) => `${ms}ms`).join(","),
        WEBHOOK_POLL_INTERVAL_MS: "50",
        WEBHOOKS_ALLOW_LOOPBACK: "true",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    return proc;
  }

  it("killed mid-retry (SIGKILL), restarted: every delivery arrives, with its webhook-id unchanged", async () => {
    receiver.receipts = [];
    receiver.answer = 500;
    await endpoint("app_killed", "/killed");
    child = startProcess();
    const ids = await Promise.all(Array.from({ length: 4 }, () => fire("app_killed", "loan.decided")));
    // Each delivery failed once, the failure is recorded and it waits for its retry (no claim held:
    // a claim taken mid-send would only lapse after its lease); then the dispatcher dies.
    const waitingForRetry = async () =>
      ids.every((id) => receiver.receipts.some((r) => r.id === id && r.answered === 500)) &&
      (await db.webhookDelivery.count({
        where: { event: { id: { in: ids } }, status: "pending", attemptCount: { gte: 1 }, lockedUntil: null },
      })) === 4;
    await until(waitingForRetry, 20_000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    const pending = await db.webhookDelivery.count({ where: { event: { id: { in: ids } }, status: "pending" } });
    expect(pending).toBe(4);
    receiver.answer = 200;
    const restarted = Date.now();
    child = startProcess();
    await until(() => ids.every((id) => receiver.okIds().includes(id)), 20_000);
    const recovery = Date.now() - restarted;
    child.kill("SIGTERM");
    await new Promise((resolve) => child!.once("exit", resolve));
    child = null;
    const delivered = receiver.okIds().filter((id) => ids.includes(id));
    console.log(
      `dispatcher SIGKILLed mid-retry: ${new Set(delivered).size}/4 delivered ${recovery} ms after restart (incl. process start), ${delivered.length} successful receipts`,
    );
    expect(new Set(delivered).size).toBe(4);
    // At-least-once, and here exactly once: no event was answered 200 twice.
    expect(delivered.length).toBe(4);
    // Every receipt of an event, failed or not, carried the same webhook-id (the event id).
    for (const id of ids) expect(receiver.receipts.filter((r) => r.id === id).length).toBeGreaterThanOrEqual(2);
  });
});
