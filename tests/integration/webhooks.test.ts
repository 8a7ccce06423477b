import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem, loadContract } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";

// Webhooks end to end: the portal API registers endpoints, the gateway fires events in the bank,
// the dispatcher process (started with the services, retry schedule 1s,2s,3s,5s,8s) signs and
// delivers them to a local receiver that verifies each one with the `standardwebhooks` package.
const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);

type Receipt = {
  path: string;
  id: string;
  verifiedWith: string[];
  rejectsTampering: boolean;
  body: { id: string; type: string; data: { object: Record<string, unknown> } };
  at: number;
};

/** One local HTTP receiver; each path has the secrets it accepts and the status it answers. */
class Receiver {
  receipts: Receipt[] = [];
  secrets = new Map<string, string[]>();
  status = new Map<string, number>();
  private server: Server | null = null;
  port = 0;

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

  of(path: string) {
    return this.receipts.filter((receipt) => receipt.path === path);
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "";
      const verifiedWith = (this.secrets.get(path) ?? []).filter((secret) => {
        try {
          new Webhook(secret).verify(raw, req.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      // Tampered copies of this very request: a changed body, a 10-minute-old timestamp, a wrong secret.
      const headers = req.headers as Record<string, string>;
      const secret = this.secrets.get(path)?.[0] ?? "";
      const refused = (verify: () => unknown) => {
        try {
          verify();
          return false;
        } catch {
          return true;
        }
      };
      const rejectsTampering =
        refused(() => new Webhook(secret).verify(raw.replace(/"type":"/, '"type":"x'), headers)) &&
        refused(() => new Webhook(secret).verify(raw, { ...headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000) - 600) })) &&
        refused(() => new Webhook("whsec_" + Buffer.alloc(24, 7).toString("base64")).verify(raw, headers));
      this.receipts.push({
        path,
        id: String(req.headers["webhook-id"]),
        verifiedWith,
        rejectsTampering,
        body: JSON.parse(raw),
        at: Date.now(),
      });
      res.writeHead(verifiedWith.length ? (this.status.get(path) ?? 200) : 401).end("ok");
    });
  }
}

async function until<T>(probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Developer = { client: PortalClient; appId: string; key: string };

async function developer(name: string): Promise<Developer> {
  const { client } = await PortalClient.newDeveloper(portalUrl, name);
  const created = await client.createApp(`${name}'s webhook app`);
  return { client, appId: created.app.id, key: created.secret };
}

const receiver = new Receiver();
let alice: Developer;
let bob: Developer;

async function addEndpoint(who: Developer, path: string, body: Record<string, unknown> = {}) {
  const created = await who.client.json("POST", `/api/apps/${who.appId}/webhooks`, {
    url: receiver.url(path),
    description: `receiver ${path}`,
    ...body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
  receiver.secrets.set(path, [created.body.secret]);
  return created.body.endpoint as { id: string; status: string; event_types: string[] };
}

async function fire(who: Developer, type: string, object?: Record<string, unknown>) {
  const response = await sandbox(portalUrl, who.key, "/v1/sandbox/webhooks/fire", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type, ...(object ? { object } : {}) }),
  });
  const body = await response.json();
  contract.expectValid("post", "/v1/sandbox/webhooks/fire", response, body);
  expect(response.status).toBe(201);
  return body as { id: string; type: string };
}

beforeAll(async () => {
  await receiver.start();
  [alice, bob] = await Promise.all([developer("Hook Alice"), developer("Hook Bob")]);
});
afterAll(() => receiver.stop());

describe("webhook endpoints (portal API)", () => {
  it("lists the bank's event type catalogue", async () => {
    const { status, body } = await alice.client.json("GET", "/api/webhooks/event-types");
    expect(status).toBe(200);
    const types = body.data.map((info: { type: string }) => info.type);
    expect(types).toEqual(
      expect.arrayContaining(["payment.completed", "payment.failed", "transaction.booked", "kyc.decided", "account.opened"]),
    );
  });

  it("refuses bad URLs, unknown event types and internal addresses with JSON pointers", async () => {
    const post = (body: unknown) => alice.client.request("POST", `/api/apps/${alice.appId}/webhooks`, body);
    for (const url of [
      "not a url",
      "ftp://example.com/x",
      "https://user:pw@example.com/",
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.1/hook",
      "http://[::ffff:a9fe:a9fe]/",
    ]) {
      const problem = await expectProblem(await post({ url }), 400, "validation_failed");
      expect(problem.errors[0].pointer, url).toBe("/body/url");
    }
    const unknown = await expectProblem(
      await post({ url: "https://example.com/hook", event_types: ["payment.completed", "payment.exploded"] }),
      400,
      "validation_failed",
    );
    expect(unknown.errors).toEqual([{ pointer: "/body/event_types/1", detail: "unknown event type payment.exploded" }]);
  });

  it("refuses the bank's internal address and the portal's own port even with loopback receivers on (issue 21 finding 7)", async () => {
    const bank = new URL(inject("bankUrl"));
    const portal = new URL(portalUrl);
    for (const url of [
      `http://127.0.0.1:${bank.port}/internal/events`,
      `http://localhost:${bank.port}/health`,
      `http://[::1]:${bank.port}/`,
      `http://127.0.0.1:${portal.port}/api/health`,
    ]) {
      const problem = await expectProblem(
        await alice.client.request("POST", `/api/apps/${alice.appId}/webhooks`, { url }),
        400,
        "validation_failed",
      );
      expect(problem.errors[0].detail, url).toMatch(/bank's or the portal's own port/);
    }
    // Other loopback ports stay open to local receivers (test-services turns loopback on); removed again
    // so the other tests' deliveries are not shared with it.
    const open = await alice.client.json("POST", `/api/apps/${alice.appId}/webhooks`, { url: receiver.url("/loopback-ok") });
    expect(open.status).toBe(201);
    const removed = await alice.client.json("DELETE", `/api/apps/${alice.appId}/webhooks/${open.body.endpoint.id}`);
    expect(removed.status).toBeLessThan(300);
  });

  it("keeps endpoints per app: another team's endpoint is not found, and signed-out calls are refused", async () => {
    const endpoint = await addEndpoint(alice, "/alice/private");
    await expectProblem(await bob.client.request("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`), 404, "resource_not_found");
    await expectProblem(await bob.client.request("GET", `/api/apps/${bob.appId}/webhooks/${endpoint.id}`), 404, "resource_not_found");
    await expectProblem(
      await bob.client.request("PATCH", `/api/apps/${bob.appId}/webhooks/${endpoint.id}`, { enabled: false }),
      404,
      "resource_not_found",
    );
    await expectProblem(await fetch(`${portalUrl}/api/apps/${alice.appId}/webhooks`), 401, "unauthenticated");
    expect((await bob.client.json("GET", `/api/apps/${bob.appId}/webhooks`)).body.data).toEqual([]);
    expect((await alice.client.json("DELETE", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`)).body).toEqual({
      id: endpoint.id,
      deleted: true,
    });
    await expectProblem(await alice.client.request("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`), 404, "resource_not_found");
  });
});

describe("delivery", () => {
  it("delivers fired and real events, verified, only to the owning app's subscribed endpoints", async () => {
    await addEndpoint(alice, "/alice/all");
    await addEndpoint(alice, "/alice/kyc", { event_types: ["kyc.decided"] });
    await addEndpoint(bob, "/bob/all");
    const paid = await fire(alice, "payment.completed", { id: "pay_hook_test", status: "completed" });
    const kyc = await fire(alice, "kyc.decided");
    // A real change: money arrives, the bank writes transaction.booked in the same transaction.
    const accounts = (await (await sandbox(portalUrl, alice.key, "/v1/accounts?limit=100")).json()).data as {
      id: string;
      currency: string;
      status: string;
    }[];
    const open = accounts.find((account) => account.status === "active")!;
    const credit = await sandbox(portalUrl, alice.key, "/v1/sandbox/transactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account_id: open.id, amount: { amount: "42.00", currency: open.currency }, counterparty_name: "HOOK TEST" }),
    });
    expect(credit.status).toBe(201);
    const transaction = (await credit.json()) as { id: string };

    await until(() => receiver.of("/alice/all").length >= 3 && receiver.of("/alice/kyc").length >= 1);
    const all = receiver.of("/alice/all");
    expect(all.every((r) => r.verifiedWith.length === 1 && r.rejectsTampering)).toBe(true);
    expect(all.find((r) => r.id === paid.id)?.body).toMatchObject({
      id: paid.id,
      type: "payment.completed",
      data: { object: { id: "pay_hook_test" } },
    });
    expect(all.find((r) => r.body.type === "transaction.booked")?.body.data.object).toMatchObject({
      id: transaction.id,
      amount: { amount: "42.00" },
    });
    expect(receiver.of("/alice/kyc").map((r) => r.id)).toEqual([kyc.id]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.of("/bob/all")).toEqual([]);
  });

  it("shows the delivery log with attempts, filters it by status, and resends with the same webhook-id", async () => {
    const endpoint = await addEndpoint(alice, "/alice/log", { event_types: ["loan.decided"] });
    const event = await fire(alice, "loan.decided");
    await until(() => receiver.of("/alice/log").length === 1);
    const base = `/api/apps/${alice.appId}/webhooks/${endpoint.id}/deliveries`;
    const list = await until(async () => {
      const page = await alice.client.json("GET", `${base}?status=succeeded`);
      return page.body.data.length === 1 ? page.body : null;
    });
    expect(list.data[0]).toMatchObject({
      event_id: event.id,
      event_type: "loan.decided",
      status: "succeeded",
      attempt_count: 1,
      next_attempt_at: null,
      last_response_status: 200,
    });
    expect((await alice.client.json("GET", `${base}?status=failed`)).body).toEqual({ data: [], next_cursor: null });
    await expectProblem(await alice.client.request("GET", `${base}?status=lost`), 400, "validation_failed");
    const detail = (await alice.client.json("GET", `${base}/${list.data[0].id}`)).body;
    expect(JSON.parse(detail.request_body)).toMatchObject({ id: event.id, type: "loan.decided" });
    expect(detail.attempts[0]).toMatchObject({ number: 1, trigger: "scheduled", response_status: 200, response_body: "ok", error: null });
    expect(detail.attempts[0].request_headers).toMatchObject({
      "webhook-id": event.id,
      "webhook-signature": expect.stringMatching(/^v1,/),
    });

    const resent = await alice.client.json("POST", `${base}/${list.data[0].id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: "succeeded", attempt_count: 2 });
    expect(resent.body.attempts[0]).toMatchObject({ number: 2, trigger: "manual", response_status: 200 });
    expect(receiver.of("/alice/log").map((r) => r.id)).toEqual([event.id, event.id]);
    await expectProblem(
      await bob.client.request("POST", `/api/apps/${bob.appId}/webhooks/${endpoint.id}/deliveries/${list.data[0].id}/resend`),
      404,
      "resource_not_found",
    );
  });

  it("sends a test event to one endpoint only", async () => {
    const one = await addEndpoint(alice, "/alice/test-one", { event_types: ["rewards.redeemed"] });
    await addEndpoint(alice, "/alice/test-two", { event_types: ["rewards.redeemed"] });
    const sent = await alice.client.json("POST", `/api/apps/${alice.appId}/webhooks/${one.id}/test`, { type: "rewards.redeemed" });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: "succeeded", event_type: "rewards.redeemed", attempt_count: 1 });
    expect(receiver.of("/alice/test-one")[0].body).toMatchObject({
      type: "rewards.redeemed",
      data: { object: { id: null, sandbox_test: true } },
    });
    expect(receiver.of("/alice/test-two")).toEqual([]);
    await expectProblem(
      await alice.client.request("POST", `/api/apps/${alice.appId}/webhooks/${one.id}/test`, { type: "nope.never" }),
      400,
      "validation_failed",
    );
  });

  it("while the receiver is down, retries on the schedule, marks nothing lost, and delivers after it comes back", async () => {
    const endpoint = await addEndpoint(alice, "/alice/flaky", { event_types: ["payment.failed"] });
    receiver.status.set("/alice/flaky", 503);
    const events = await Promise.all([fire(alice, "payment.failed"), fire(alice, "payment.failed"), fire(alice, "payment.failed")]);
    // Down for a while: two failed attempts each (at once, then after ~1 s).
    await until(() => events.every((event) => receiver.of("/alice/flaky").filter((r) => r.id === event.id).length >= 2), 30_000);
    const pending = (await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}/deliveries?status=pending`)).body
      .data;
    expect(pending.length).toBe(3);
    expect(
      pending.every(
        (d: { next_attempt_at: string | null; last_response_status: number }) => d.next_attempt_at && d.last_response_status === 503,
      ),
    ).toBe(true);
    const failing = (await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`)).body;
    expect(failing.status).toBe("failing");
    const back = Date.now();
    receiver.status.set("/alice/flaky", 200);
    await until(
      async () =>
        (await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}/deliveries?status=succeeded`)).body.data
          .length === 3,
      30_000,
    );
    const recovered = Date.now() - back;
    console.log(`receiver back after 503s: 3/3 deliveries succeeded ${recovered} ms later (schedule 1s,2s,3s,5s,8s ±20 %)`);
    expect(recovered).toBeLessThan(8_000);
    const healthy = (await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`)).body;
    expect(healthy).toMatchObject({ status: "active", consecutive_failures: 0 });
    // At least once, with one webhook-id per event on every attempt; exactly one 200 each.
    for (const event of events) {
      const receipts = receiver.of("/alice/flaky").filter((r) => r.id === event.id);
      expect(receipts.every((r) => r.body.id === event.id)).toBe(true);
    }
  });

  it("signs with both secrets during a rotation, and stops sending while disabled", async () => {
    const endpoint = await addEndpoint(alice, "/alice/rotate", { event_types: ["insurance.policy_issued"] });
    const [old] = receiver.secrets.get("/alice/rotate")!;
    const rotated = await alice.client.json("POST", `/api/apps/${alice.appId}/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(old);
    expect(rotated.body.endpoint.previous_secret_expires_at).toEqual(expect.any(String));
    receiver.secrets.set("/alice/rotate", [rotated.body.secret, old]);
    await fire(alice, "insurance.policy_issued");
    await until(() => receiver.of("/alice/rotate").length > 0);
    const [receipt] = receiver.of("/alice/rotate");
    expect(receipt.verifiedWith.sort()).toEqual([rotated.body.secret, old].sort());

    const disabled = await alice.client.json("PATCH", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`, { enabled: false });
    expect(disabled.body).toMatchObject({ enabled: false, status: "disabled" });
    const quiet = await fire(alice, "insurance.policy_issued");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.of("/alice/rotate").length).toBe(1);
    expect(
      (await alice.client.json("PATCH", `/api/apps/${alice.appId}/webhooks/${endpoint.id}`, { enabled: true, description: "back on" }))
        .body,
    ).toMatchObject({ enabled: true, description: "back on" });
    // A disabled endpoint gets no new deliveries: that event was for nobody.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(receiver.of("/alice/rotate").some((r) => r.id === quiet.id)).toBe(false);
  });
});

describe("contract coverage", () => {
  it("exercised POST /v1/sandbox/webhooks/fire through the gateway, errors included", async () => {
    const bad = await sandbox(portalUrl, alice.key, "/v1/sandbox/webhooks/fire", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "payment.exploded" }),
    });
    const problem = await expectProblem(bad, 400, "validation_failed");
    expect(problem.errors[0].pointer).toBe("/body/type");
    await expectProblem(
      await sandbox(portalUrl, null, "/v1/sandbox/webhooks/fire", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
      401,
      "missing_api_key",
    );
    expect(contract.validator.unexercised().filter((operation) => operation.includes(" /v1/sandbox/webhooks"))).toEqual([]);
  });
});
