import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventually, PortalClient, sandbox } from "../support/portal-client";

// What the guides state about the sandbox, checked against the running sandbox through the real
// gateway and the real webhook dispatcher (the prose itself is pinned by lib/guides/guide-facts.test.ts):
// 429s, card bookings and their events, fired events, the 666.66 decline, the available balance,
// and a request id that opens its request.
const portalUrl = inject("portalUrl");
const rateLimit = inject("rateLimit");
const DAY_MS = 86_400_000;

type Delivery = { id: string; type: string; timestamp: string; data: { object: Record<string, unknown> } };

let developer: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
let appId: string;
let key: string;
let receiver: Server;
const deliveries: Delivery[] = [];

async function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Delivery);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}

beforeAll(async () => {
  developer = await PortalClient.newDeveloper(portalUrl, "Guide Facts");
  const created = await developer.client.createApp("Guide facts app");
  appId = created.app.id;
  key = created.secret;
  const endpoint = await developer.client.json("POST", `/api/apps/${appId}/webhooks`, { url: await startReceiver(), description: "facts" });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
});

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

async function call(path: string, options: { method?: string; body?: unknown; headers?: Record<string, string>; as?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await sandbox(portalUrl, options.as ?? key, path, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { response, body: text ? JSON.parse(text) : null };
}

/**
 * Where a page sends the browser: its Location, or (a redirect after the page began streaming,
 * behind a loading boundary) the URL of Next's refresh meta tag.
 */
async function redirectTarget(response: Response): Promise<string | null> {
  const location = response.headers.get("location");
  if (location) return new URL(location, portalUrl).pathname;
  const meta = /<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(await response.text());
  return meta ? new URL(meta[1].replaceAll("&amp;", "&"), portalUrl).pathname : null;
}

async function newKey(): Promise<string> {
  const created = await developer.client.json("POST", `/api/apps/${appId}/keys`, { name: "facts" });
  expect(created.status).toBe(201);
  return created.body.secret as string;
}

type Account = { id: string; type: string; status: string; identifiers: { account_number?: string } };
type Txn = { id: string; account_id: string; amount: { amount: string }; status: string; transacted_at: string; booked_at: string | null };

const minor = (amount: string) => Math.round(Number(amount) * 100);
const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

describe("errors & rate limits", () => {
  it("a real 429's RateLimit t equals Retry-After, the GCRA's wait; the simulated one has the same policy and shape", async () => {
    const spent = await newKey();
    let limited: Response | undefined;
    // The bucket refills while the loop runs: go on past the quota until the gateway refuses.
    for (let i = 0; i <= rateLimit.limit * 2 && !limited; i++) {
      const { response } = await call("/v1/accounts?limit=1", { as: spent });
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    const policy = limited!.headers.get("ratelimit-policy");
    const real = /^"(\w+)";r=0;t=(\d+)$/.exec(limited!.headers.get("ratelimit") ?? "");
    expect(real, limited!.headers.get("ratelimit") ?? "").not.toBeNull();
    expect(real![2]).toBe(limited!.headers.get("retry-after"));
    // The GCRA admits one call per window/limit seconds: the wait is at most that, rounded up.
    expect(Number(real![2])).toBeLessThanOrEqual(Math.ceil(rateLimit.windowSeconds / rateLimit.limit));

    const fresh = await newKey();
    const simulated = await call("/v1/accounts?limit=1", { as: fresh, headers: { "sandbox-scenario": "rate_limited" } });
    expect(simulated.response.status).toBe(429);
    expect(simulated.body.code).toBe("rate_limited");
    expect(simulated.response.headers.get("ratelimit-policy")).toBe(policy);
    const shape = /^"(\w+)";r=0;t=(\d+)$/.exec(simulated.response.headers.get("ratelimit") ?? "");
    expect(shape?.[1]).toBe(real![1]);
    expect(shape?.[2]).toBe(simulated.response.headers.get("retry-after"));
  });

  it("a request id pasted into the Logs filter or the docs search opens that request; another team finds nothing", async () => {
    const { response } = await call("/v1/accounts?limit=1");
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^req_/);
    const opened = await eventually(async () => {
      const found = await developer.client.request("GET", `/dashboard/requests/${requestId}`);
      return found.status === 307 || found.status === 303 ? found : undefined;
    }, 15_000);
    expect(new URL(opened.headers.get("location")!, portalUrl).pathname).toBe(`/dashboard/apps/${appId}/logs/${requestId}`);
    const filtered = await developer.client.request("GET", `/dashboard/apps/${appId}/logs?path=${encodeURIComponent(` ${requestId} `)}`);
    expect(await redirectTarget(filtered)).toBe(`/dashboard/requests/${requestId}`);
    // A path filter stays a path filter.
    expect((await developer.client.request("GET", `/dashboard/apps/${appId}/logs?path=/v1/accounts`)).status).toBe(200);

    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Guide Facts Stranger");
    const hidden = await stranger.request("GET", `/dashboard/requests/${requestId}`);
    expect(hidden.status).toBe(200);
    expect(await hidden.text()).toContain(`No request ${requestId} in your apps`);
  });
});

describe("accounts, payments and the sandbox clock", () => {
  let accounts: Account[];
  let current: Account;

  beforeAll(async () => {
    accounts = (await call("/v1/accounts?limit=100")).body.data;
    current = accounts.find((account) => account.identifiers.account_number === "41825937")!;
  });

  it("available = booked plus the pending payments out (negative amounts) plus the arranged overdraft", async () => {
    // A frozen account has nothing available, whatever its balances.
    for (const account of accounts.filter((candidate) => candidate.type === "current" && candidate.status === "active")) {
      const balances = (await call(`/v1/accounts/${account.id}/balances`)).body;
      const pending: Txn[] = (await call(`/v1/accounts/${account.id}/transactions?status=pending&limit=100`)).body.data;
      const pendingOut = pending.map((tx) => minor(tx.amount.amount)).filter((amount) => amount < 0);
      const spendable =
        minor(balances.booked.amount) + pendingOut.reduce((sum, amount) => sum + amount, 0) + minor(balances.overdraft_limit.amount);
      expect(minor(balances.available.amount), account.identifiers.account_number).toBe(Math.max(0, spendable));
    }
  });

  it("the magic amount 666.66 fails for the payer's insufficient funds", async () => {
    const to = accounts.find((account) => account.identifiers.account_number === "41825945")!;
    const { response, body } = await call("/v1/payments", {
      method: "POST",
      headers: { "idempotency-key": randomUUID() },
      body: {
        debtor_account_id: current.id,
        amount: { amount: "666.66", currency: "GBP" },
        creditor: { type: "account", account_id: to.id },
      },
    });
    expect(response.status).toBe(201);
    expect(body.status).toBe("failed");
    expect(body.failure.code).toBe("insufficient_funds");
    expect(body.failure.message).toMatch(/payer's account/);
    expect(body.failure.message).not.toMatch(/beneficiary/);
  });

  it("card payments book at the midnight ending their second day; transaction.booked carries that moment; fired events are described by the fire answer and never replayed", async () => {
    const pending: Txn[] = (await call(`/v1/accounts/${current.id}/transactions?status=pending&limit=100`)).body.data;
    expect(pending.length).toBeGreaterThan(0);
    const before = Date.parse((await call("/v1/sandbox/clock")).body.now);
    const advanced = await call("/v1/sandbox/clock/advance", { method: "POST", body: { days: 3 } });
    expect(advanced.response.status).toBe(200);
    const after = Date.parse(advanced.body.now);

    // Each stays pending for the day it was made and two more, then books at 00:00 UTC.
    const latest = new Map<string, Txn>(
      ((await call(`/v1/accounts/${current.id}/transactions?limit=100`)).body.data as Txn[]).map((tx) => [tx.id, tx]),
    );
    for (const tx of pending) {
      const now = latest.get(tx.id)!;
      expect(now, tx.id).toBeDefined();
      const moment = startOfDay(Date.parse(tx.transacted_at)) + 3 * DAY_MS;
      expect(now.status).toBe("booked");
      expect(Date.parse(now.booked_at!)).toBe(moment);
      expect(moment).toBeGreaterThan(before);
      expect(moment).toBeLessThanOrEqual(after);
    }

    // Their events: timestamp = the moment of booking on the sandbox clock, not the end of the advance.
    // Delivery is at least once: one event per booked payment, however many times it arrived.
    const booked = await eventually(async () => {
      const byTransaction = new Map<unknown, Delivery>();
      for (const event of deliveries)
        if (event.type === "transaction.booked" && pending.some((tx) => tx.id === event.data.object.id))
          byTransaction.set(event.data.object.id, event);
      return byTransaction.size === pending.length ? [...byTransaction.values()] : undefined;
    }, 30_000);
    for (const event of booked) expect(event.timestamp).toBe(new Date(Date.parse(String(event.data.object.booked_at))).toISOString());
    const latestReal = booked.reduce((latest, event) => (event.timestamp >= latest.timestamp ? event : latest));

    // Fire twice without an object: both reuse a real event's object, never the fired one.
    const first = await call("/v1/sandbox/webhooks/fire", { method: "POST", body: { type: "transaction.booked" } });
    expect(first.response.status).toBe(201);
    expect(first.body.replayed_from).toMatch(/^evt_/);
    const second = await call("/v1/sandbox/webhooks/fire", { method: "POST", body: { type: "transaction.booked" } });
    expect(second.body.replayed_from).toBe(first.body.replayed_from);
    expect(second.body.replayed_from).not.toBe(first.body.id);
    // The replayed event is one of the sandbox's own bookings, at or after the latest card booking.
    const real = await eventually(async () => deliveries.find((event) => event.id === first.body.replayed_from), 20_000);
    expect(real.type).toBe("transaction.booked");
    expect(real.timestamp >= latestReal.timestamp).toBe(true);

    // The answer describes the delivered event: id, type, created_at = timestamp, object = data.object.
    const delivered = await eventually(async () => deliveries.find((event) => event.id === second.body.id), 20_000);
    expect(delivered).toEqual({
      id: second.body.id,
      type: "transaction.booked",
      timestamp: second.body.created_at,
      data: { object: second.body.object },
    });
  });
});
