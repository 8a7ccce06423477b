import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";
import { Cli } from "../support/run-cli";
import { expireToken, TokenClient } from "../support/token-client";

/**
 * Issue 18's `openbank listen` and `openbank logs tail`, run as the built CLI in a child process
 * against the suite's portal and dispatcher: events fired in the sandbox reach a receiver on
 * this machine (no public URL, no loopback exception: the CLI reads a stream and forwards),
 * verified with the `standardwebhooks` package and the secret `listen` printed; a restart of
 * the CLI loses nothing; `logs tail` prints calls made after it started. And the streams'
 * guards, answered as problem+json before any stream starts.
 */
const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");

type Receipt = { id: string; verified: boolean; body: { id: string; type: string } };

/** A developer's webhook receiver on localhost: verifies every request with the secret it was given. */
class Receiver {
  receipts: Receipt[] = [];
  secret = "";
  private server: Server | null = null;
  port = 0;

  async start() {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  url() {
    return `http://127.0.0.1:${this.port}/webhooks`;
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      try {
        new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      this.receipts.push({ id: String(req.headers["webhook-id"]), verified, body: JSON.parse(raw) });
      res.writeHead(verified ? 200 : 401).end();
    });
  }
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Developer = { client: PortalClient; appId: string; key: string; token: string; tokenId: string; cli: Cli };

const clis: Cli[] = [];

async function developer(name: string): Promise<Developer> {
  const { client } = await PortalClient.newDeveloper(portalUrl, name);
  const created = await client.createApp(`${name}'s listen app`);
  const made = await client.json("POST", "/api/account/tokens", { name: "CLI", scope: "write", expires_in_days: 7 });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const cli = new Cli(portalUrl, { OPENBANK_TOKEN: made.body.secret, OPENBANK_APP: created.app.id });
  clis.push(cli);
  return {
    client,
    appId: created.app.id,
    key: created.secret,
    token: made.body.secret,
    tokenId: made.body.token.id,
    cli,
  };
}

async function fire(who: Developer, type = "payment.completed"): Promise<string> {
  const response = await sandbox(portalUrl, who.key, "/v1/sandbox/webhooks/fire", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const receiver = new Receiver();
let alice: Developer;

beforeAll(async () => {
  await receiver.start();
  alice = await developer("Listener");
});

afterAll(async () => {
  await receiver.stop();
  for (const cli of clis) cli.dispose();
});

describe("openbank listen", () => {
  it("prints a stable secret and forwards a fired event, signed, to the local receiver; the result is in the delivery log and onboarding", async () => {
    const printed = alice.cli.start(["listen", "--print-secret"]);
    expect(await printed.done()).toBe(0);
    const secret = printed.stdout[0];
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    receiver.secret = secret;

    const listen = alice.cli.start(["listen", "--forward-to", receiver.url()]);
    try {
      const [, shown] = await listen.line(/^Ready! Your webhook signing secret is (whsec_\S+) \(\^C to quit\)$/);
      expect(shown).toBe(secret); // the same secret on every run of this developer and app
      const eventId = await fire(alice);
      const line = await listen.line(new RegExp(`payment\\.completed\\s+${eventId}\\s+→ 200\\s+\\d+ ms$`));
      expect(line).toBeTruthy();
      const receipt = receiver.receipts.find((r) => r.id === eventId)!;
      expect(receipt).toMatchObject({ verified: true, body: { id: eventId, type: "payment.completed" } });
    } finally {
      expect(await listen.interrupt()).toBe(0);
    }

    // The session is not a URL endpoint, but its delivery log shows the CLI's reported attempt.
    const endpoints = await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks`);
    expect(endpoints.body.data).toEqual([]);
    const session = await new TokenClient(portalUrl, alice.token).json("POST", `/api/apps/${alice.appId}/listen-sessions`, {});
    expect(session.status).toBe(201);
    expect(session.body.secret).toBe(secret);
    const deliveries = await alice.client.json("GET", `/api/apps/${alice.appId}/webhooks/${session.body.id}/deliveries`);
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.data[0]).toMatchObject({ status: "succeeded", last_response_status: 200 });
    const detail = await alice.client.json(
      "GET",
      `/api/apps/${alice.appId}/webhooks/${session.body.id}/deliveries/${deliveries.body.data[0].id}`,
    );
    expect(detail.body.attempts[0]).toMatchObject({ trigger: "listen", response_status: 200 });

    const onboarding = await alice.client.json("GET", `/api/apps/${alice.appId}/onboarding`);
    expect(onboarding.body.steps.find((step: { id: string }) => step.id === "webhook_answered_2xx")).toMatchObject({ done: true });
  }, 120_000);

  it("says so when the local receiver is down, and records the delivery as failed", async () => {
    const bob = await developer("Receiver down");
    const listen = bob.cli.start(["listen", "--forward-to", "http://127.0.0.1:9/webhooks", "--json"]);
    try {
      const ready = JSON.parse((await listen.line(/"type":"ready"/)).input!);
      const eventId = await fire(bob);
      const line = JSON.parse((await listen.line(new RegExp(`"event_id":"${eventId}"`))).input!);
      expect(line).toMatchObject({ type: "delivery", event_id: eventId, status: null, error: expect.stringContaining("127.0.0.1:9") });
      const client = new TokenClient(portalUrl, bob.token);
      const deliveries = await until(async () => {
        const page = await client.json("GET", `/api/apps/${bob.appId}/webhooks/${ready.session_id}/deliveries`);
        return page.body.data[0]?.status === "failed" ? page.body.data : undefined;
      });
      expect(deliveries).toHaveLength(1);
    } finally {
      await listen.interrupt();
    }
  }, 120_000);

  it("loses nothing when the CLI is killed mid-run and started again while events keep firing (at least once, same webhook-id)", async () => {
    const carol = await developer("Reconnector");
    const seen = new Receiver();
    await seen.start();
    try {
      const args = ["listen", "--forward-to", seen.url(), "--json"];
      let listen = carol.cli.start(args);
      seen.secret = JSON.parse((await listen.line(/"type":"ready"/)).input!).secret;
      const fired: string[] = [];
      for (let i = 0; i < 3; i++) fired.push(await fire(carol));
      await until(() => fired.every((id) => seen.receipts.some((r) => r.id === id)));
      // Killed mid-flight, while events keep coming: some may be forwarded and not yet reported.
      const firing = (async () => {
        for (let i = 0; i < 3; i++) fired.push(await fire(carol));
      })();
      await listen.kill();
      await firing;
      listen = carol.cli.start(args);
      await listen.line(/"type":"ready"/);
      for (let i = 0; i < 3; i++) fired.push(await fire(carol));
      await until(() => fired.every((id) => seen.receipts.some((r) => r.id === id)));
      await listen.interrupt();
      // Every event arrived, verified, each with its own event id as webhook-id; a repeat is the same event again.
      expect(new Set(seen.receipts.map((r) => r.id))).toEqual(new Set(fired));
      expect(seen.receipts.every((r) => r.verified && r.body.id === r.id)).toBe(true);
    } finally {
      await seen.stop();
    }
  }, 120_000);
});

describe("openbank logs tail", () => {
  it("prints a call made after it started, with its request id, under its filters; --json lines parse", async () => {
    const tail = alice.cli.start(["logs", "tail", "--status", "4xx"]);
    const json = alice.cli.start(["logs", "tail", "--json"]);
    try {
      await tail.line(/^Tailing /, "stderr");
      await json.line(/^Tailing /, "stderr");
      const ok = await sandbox(portalUrl, alice.key, "/v1/accounts");
      expect(ok.status).toBe(200);
      const missing = await sandbox(portalUrl, alice.key, "/v1/accounts/acc_doesnotexist");
      expect(missing.status).toBe(404);
      const requestId = missing.headers.get("x-request-id")!;
      const [line] = await tail.line(new RegExp(`GET\\s+/v1/accounts/acc_doesnotexist\\s+404\\s+\\d+ ms\\s+${requestId}$`));
      expect(line).toBeTruthy();
      // Oldest first: the 200 came before the 404 and was filtered out, not late.
      expect(tail.stdout.some((l) => l.includes(ok.headers.get("x-request-id")!))).toBe(false);
      const parsed = await until(() => {
        const rows = json.stdout.map((l) => JSON.parse(l) as { id: string; status: number; path: string });
        return rows.some((row) => row.id === requestId) ? rows : undefined;
      });
      expect(parsed.find((row) => row.id === requestId)).toMatchObject({ status: 404, path: "/v1/accounts/acc_doesnotexist" });
    } finally {
      expect(await tail.interrupt()).toBe(0);
      await json.interrupt();
    }
  }, 120_000);
});

describe("the streams' guards", () => {
  it("answers problem+json before any stream: no credential, expired token, read token on writes, another's app, unknown session, bad filter", async () => {
    const api = new TokenClient(portalUrl, alice.token);
    const session = (await api.json("POST", `/api/apps/${alice.appId}/listen-sessions`, {})).body as { id: string; stream_path: string };
    const stream = (client: PortalClient, streamPath: string) =>
      client.request("GET", streamPath, undefined, { accept: "text/event-stream" });

    await expectProblem(await stream(new PortalClient(portalUrl), session.stream_path), 401, "unauthenticated");
    await expectProblem(await stream(new PortalClient(portalUrl), `/api/apps/${alice.appId}/request-logs/stream`), 401, "unauthenticated");

    const other = await developer("Stranger");
    const stranger = new TokenClient(portalUrl, other.token);
    await expectProblem(await stream(stranger, session.stream_path), 404, "resource_not_found");
    await expectProblem(await stream(stranger, `/api/apps/${alice.appId}/request-logs/stream`), 404, "resource_not_found");
    // The stranger's own app, alice's session id: not theirs either.
    await expectProblem(await stream(stranger, `/api/apps/${other.appId}/listen-sessions/${session.id}/stream`), 404, "resource_not_found");
    await expectProblem(await stream(api, `/api/apps/${alice.appId}/listen-sessions/lsn_unknown000000/stream`), 404, "resource_not_found");
    await expectProblem(
      (
        await api.json("POST", `/api/apps/${alice.appId}/listen-sessions/${session.id}/deliveries/dlv_unknown0000/result`, {
          status: 200,
          duration_ms: 3,
        })
      ).response,
      404,
      "resource_not_found",
    );
    const badResult = await api.json("POST", `/api/apps/${alice.appId}/listen-sessions/${session.id}/deliveries/dlv_x/result`, {
      duration_ms: -1,
    });
    await expectProblem(badResult.response, 400, "validation_failed");
    const badFilter = await stream(api, `/api/apps/${alice.appId}/request-logs/stream?status=6xx`);
    const problem = await expectProblem(badFilter, 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer)).toEqual(["/query/status"]);
    const badEvents = await api.json("POST", `/api/apps/${alice.appId}/listen-sessions`, { event_types: ["Not An Event"] });
    await expectProblem(badEvents.response, 400, "validation_failed");

    // A read token may watch (GET) but not start a session nor report results.
    const read = await alice.client.json("POST", "/api/account/tokens", { name: "read", scope: "read", expires_in_days: 7 });
    const reader = new TokenClient(portalUrl, read.body.secret);
    await expectProblem((await reader.json("POST", `/api/apps/${alice.appId}/listen-sessions`, {})).response, 403, "insufficient_scope");
    const tail = await stream(reader, `/api/apps/${alice.appId}/request-logs/stream`);
    expect(tail.status).toBe(200);
    expect(tail.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(tail.headers.get("cache-control")).toContain("no-transform");
    // The first event arrives at once through the real server: nothing buffers the stream.
    const reader2 = tail.body!.getReader();
    const first = new TextDecoder().decode((await reader2.read()).value);
    expect(first).toContain("event: ready");
    await reader2.cancel();

    await expireToken(databaseUrl, alice.tokenId);
    await expectProblem(await stream(api, session.stream_path), 401, "unauthenticated");
    await expectProblem(await stream(api, `/api/apps/${alice.appId}/request-logs/stream`), 401, "unauthenticated");
    // The CLI says so with exit code 3.
    const cli = alice.cli.start(["logs", "tail"]);
    expect(await cli.done()).toBe(3);
  }, 120_000);
});
