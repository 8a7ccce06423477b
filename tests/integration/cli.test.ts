import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Cli, runCli } from "../support/run-cli";
import { PortalClient, sandbox } from "../support/portal-client";

// Issue 18's CLI as a developer runs it: the built `openbank` as a child process against the
// suite's portal (and, with --api-key alone, its sandbox through the gateway); the dispatcher
// started with the services delivers fired and resent events to a local receiver that verifies
// each with the `standardwebhooks` package.
const portalUrl = inject("portalUrl");

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of the CLI and the sandbox, read loosely */
type Receipt = { id: string; verified: boolean; body: { id: string; type: string; data: { object: Record<string, any> } } };

const receipts: Receipt[] = [];
let secret = "";
let server: Server;
let receiverUrl = "";

let owner: PortalClient;
let appId = "";
let apiKey = "";
let writeToken = "";
let readToken = "";
let endpointId = "";
let cli: Cli;

async function until<T>(probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function token(scope: "read" | "write"): Promise<string> {
  const made = await owner.json("POST", "/api/account/tokens", { name: `cli ${scope}`, scope, expires_in_days: 7 });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.secret;
}

/** A real `transaction.booked` in the sandbox, so a fired one has a realistic object to override. */
async function bookTransaction(): Promise<Record<string, any>> {
  const accounts = await (await sandbox(portalUrl, apiKey, "/v1/accounts?limit=100")).json();
  // An active account: a frozen one refuses incoming money.
  const account = accounts.data.find((candidate: { status: string }) => candidate.status === "active");
  const response = await sandbox(portalUrl, apiKey, "/v1/sandbox/transactions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account_id: account.id, amount: { amount: "10.00", currency: account.currency }, counterparty_name: "ACME" }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let verified = true;
      try {
        new Webhook(secret).verify(raw, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      receipts.push({ id: String(req.headers["webhook-id"]), verified, body: JSON.parse(raw) });
      res.writeHead(verified ? 200 : 401).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

  ({ client: owner } = await PortalClient.newDeveloper(portalUrl, "CLI Developer", { verified: true }));
  const created = await owner.createApp("CLI app");
  appId = created.app.id;
  apiKey = created.secret;
  writeToken = await token("write");
  readToken = await token("read");
  const endpoint = await owner.json("POST", `/api/apps/${appId}/webhooks`, { url: receiverUrl, description: "cli receiver" });
  expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  secret = endpoint.body.secret;
  endpointId = endpoint.body.endpoint.id;
  cli = new Cli(portalUrl, { OPENBANK_TOKEN: writeToken });
}, 180_000);

afterAll(async () => {
  cli?.dispose();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}, 180_000);

// Each run is a Node process (a second or more on a loaded machine): generous limits, no timed assertion.
describe("signed in with a token", { timeout: 180_000 }, () => {
  it("lists the apps (--json parses; the table otherwise) and remembers the one `apps use` chose", async () => {
    const listed = await cli.run(["apps", "list", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json().map((app: { id: string }) => app.id)).toContain(appId);
    const human = await cli.run(["apps", "list"]);
    expect(human.stdout).toMatch(/^CURRENT\s+ID\s+NAME/);
    expect(human.stdout).toContain("CLI app");

    const used = await cli.run(["apps", "use", appId, "--json"]);
    expect(used.code, used.stderr).toBe(0);
    expect(used.json()).toMatchObject({ app_id: appId, name: "CLI app" });
    const again = await cli.run(["apps", "list"]);
    expect(again.stdout.split("\n").find((line) => line.includes(appId))).toMatch(/^\*/);
    // The chosen app is the default of every app command from now on.
    const keys = await cli.run(["keys", "list", "--json"]);
    expect(keys.code, keys.stderr).toBe(0);
    expect(keys.json()).toHaveLength(1);
  });

  it("creates, lists, rolls and revokes keys: each secret printed once with its warning; revoke needs --yes off a terminal", async () => {
    const created = await cli.run(["keys", "create", "--name", "ci", "--app", appId, "--json"]);
    expect(created.code, created.stderr).toBe(0);
    const made = created.json();
    expect(made.secret).toMatch(/^sk_sandbox_/);
    expect(made.warning).toMatch(/not be shown again/);
    const human = await cli.run(["keys", "create", "--name", "human", "--app", appId]);
    expect(human.stdout).toMatch(/sk_sandbox_\S+/);
    expect(human.stdout).toContain("it will not be shown again");

    const listed = await cli.run(["keys", "list", "--app", appId, "--json"]);
    expect(listed.json().map((key: { id: string }) => key.id)).toContain(made.key.id);
    expect(listed.stdout).not.toContain(made.secret);

    const rolled = await cli.run(["keys", "roll", made.key.id, "--overlap", "0", "--app", appId, "--json"]);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.json().secret).toMatch(/^sk_sandbox_/);
    expect(rolled.json().secret).not.toBe(made.secret);
    expect(rolled.json().old_key.id).toBe(made.key.id);
    const newKey = rolled.json().key.id;
    const newSecret = rolled.json().secret;
    expect((await sandbox(portalUrl, newSecret, "/v1/accounts")).status).toBe(200);

    const unconfirmed = await cli.run(["keys", "revoke", newKey, "--app", appId]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain("--yes");
    expect((await sandbox(portalUrl, newSecret, "/v1/accounts")).status).toBe(200); // nothing happened

    const revoked = await cli.run(["keys", "revoke", newKey, "--yes", "--app", appId, "--json"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.json()).toMatchObject({ id: newKey, status: "revoked" });
    expect((await sandbox(portalUrl, newSecret, "/v1/accounts")).status).toBe(401);
  });

  it("triggers an event with a good override (it arrives at the endpoint, changed), refuses a bad one with the bank's pointers", async () => {
    const booked = await bookTransaction();
    const good = await cli.run(["trigger", "transaction.booked", "--override", 'object.amount.amount="99.99"', "--app", appId, "--json"]);
    expect(good.code, good.stderr).toBe(0);
    const fired = good.json();
    expect(fired.object).toEqual({ ...booked, amount: { ...booked.amount, amount: "99.99" } });
    const receipt = await until(() => receipts.find((r) => r.id === fired.id));
    expect(receipt.verified).toBe(true);
    expect(receipt.body.data.object.amount).toEqual({ amount: "99.99", currency: booked.amount.currency });
    expect(receipt.body.data.object.id).toBe(booked.id);

    const bad = await cli.run([
      "trigger",
      "transaction.booked",
      "--override",
      "object.amount.value=1",
      "--override",
      "object.amount.amount=5", // a number where the event has a string
      "--override",
      "object.description=Fine",
      "--app",
      appId,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Error: An override does not apply to this event (422 event_override_invalid)");
    expect(bad.stderr).toContain(
      "  /body/overrides/object.amount.value: object.amount.value is not in the event: object.amount has object.amount.amount",
    );
    expect(bad.stderr).toContain("  /body/overrides/object.amount.amount: object.amount.amount is a string in the event, not number.");
    expect(bad.stderr).not.toContain("/body/overrides/object.description");
    expect(bad.stderr).toMatch(/Request id: \S+/);
    expect(bad.stdout).toBe("");

    const badJson = await cli.run(["trigger", "transaction.booked", "--override", "object.nope=1", "--app", appId, "--json"]);
    expect(badJson.code).toBe(1);
    expect(badJson.errorJson().error).toMatchObject({
      code: "event_override_invalid",
      status: 422,
      exit_code: 1,
      errors: [{ pointer: "/body/overrides/object.nope" }],
    });

    // Malformed syntax never leaves the terminal.
    const malformed = await cli.run(["trigger", "transaction.booked", "--override", "object.amount", "--app", appId]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('has no "="');

    // With an API key and no token it fires through the sandbox itself, with the same refusals.
    const viaKey = await runCli(portalUrl, ["trigger", "transaction.booked", "--override", "object.description=Key Ltd", "--json"], {
      OPENBANK_API_KEY: apiKey,
    });
    expect(viaKey.code, viaKey.stderr).toBe(0);
    expect(viaKey.json().object.description).toBe("Key Ltd");
    await until(() => receipts.find((r) => r.id === viaKey.json().id));
    const refusedViaKey = await runCli(portalUrl, ["trigger", "transaction.booked", "--override", "object.x=1"], {
      OPENBANK_API_KEY: apiKey,
    });
    expect(refusedViaKey.code).toBe(1);
    expect(refusedViaKey.stderr).toContain("/body/overrides/object.x");
  });

  it("lists the received events newest first and resends one: a new attempt with the same webhook-id arrives", async () => {
    const fired = (await cli.run(["trigger", "kyc.decided", "--app", appId, "--json"])).json();
    await until(() => receipts.find((r) => r.id === fired.id));
    let events: { id: string; type: string; deliveries: { endpoint_id: string; status: string }[] }[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const run = await cli.run(["events", "list", "--app", appId, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      events = run.json().data;
      if (events[0]?.id === fired.id && events[0].deliveries[0]?.status === "succeeded") break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(events[0]).toMatchObject({ id: fired.id, type: "kyc.decided", deliveries: [{ endpoint_id: endpointId, status: "succeeded" }] });
    const filtered = (await cli.run(["events", "list", "--type", "transaction.booked", "--limit", "1", "--app", appId, "--json"])).json();
    expect(filtered.data).toHaveLength(1);
    expect(filtered.data[0].type).toBe("transaction.booked");
    expect(filtered.next_cursor).toBe(filtered.data[0].id);
    const human = await cli.run(["events", "list", "--app", appId]);
    expect(human.stdout).toMatch(/^ID\s+TYPE\s+CREATED_AT\s+DELIVERIES/);

    const before = receipts.filter((r) => r.id === fired.id).length;
    const resent = await cli.run(["events", "resend", fired.id, "--app", appId, "--json"]);
    expect(resent.code, resent.stderr).toBe(0);
    expect(resent.json().data).toEqual([expect.objectContaining({ endpoint_id: endpointId, event_id: fired.id, status: "pending" })]);
    await until(() => receipts.filter((r) => r.id === fired.id).length > before);
    expect(receipts.filter((r) => r.id === fired.id).every((r) => r.verified)).toBe(true);

    const unknown = await cli.run(["events", "resend", "evt_doesnotexist", "--app", appId]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("(404 resource_not_found)");
  });

  it("advances and shows the clock, round-trips a snapshot, and resets (--yes off a terminal), with a token or an API key", async () => {
    const shown = await cli.run(["clock", "show", "--app", appId, "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    const start = shown.json();

    const taken = await cli.run(["snapshot", "create", "cli-base", "--app", appId, "--json"]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.json()).toMatchObject({ name: "cli-base", id: expect.stringMatching(/^snap_/) });
    const listed = await cli.run(["snapshot", "list", "--app", appId, "--json"]);
    expect(listed.json().map((s: { name: string }) => s.name)).toEqual(["cli-base"]);

    const advanced = await cli.run(["clock", "advance", "--days", "3", "--app", appId, "--json"]);
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(advanced.json().advanced_by_seconds).toBe(3 * 86_400);
    const viaKey = await runCli(portalUrl, ["clock", "show", "--json"], { OPENBANK_API_KEY: apiKey });
    expect(viaKey.code, viaKey.stderr).toBe(0);
    expect(viaKey.json().offset_seconds - start.offset_seconds).toBeGreaterThanOrEqual(3 * 86_400 - 5);
    const byKey = await runCli(portalUrl, ["clock", "advance", "--days", "1"], { OPENBANK_API_KEY: apiKey });
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(byKey.stdout).toContain("Advanced 1 day(s)");

    expect((await cli.run(["snapshot", "restore", "cli-base", "--app", appId])).code).toBe(2);
    const restored = await cli.run(["snapshot", "restore", "cli-base", "--yes", "--app", appId, "--json"]);
    expect(restored.code, restored.stderr).toBe(0);
    const after = (await cli.run(["clock", "show", "--app", appId, "--json"])).json();
    expect(Math.abs(after.offset_seconds - start.offset_seconds)).toBeLessThan(4 * 86_400 - 60);

    const unconfirmed = await cli.run(["sandbox", "reset", "--app", appId]);
    expect(unconfirmed.code).toBe(2);
    const reset = await cli.run(["sandbox", "reset", "--yes", "--app", appId, "--json"]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.json().customers).toBeGreaterThan(0);
    const resetByKey = await runCli(portalUrl, ["sandbox", "reset", "--yes"], { OPENBANK_API_KEY: apiKey });
    expect(resetByKey.code, resetByKey.stderr).toBe(0);
    expect(resetByKey.stdout).toMatch(/^Sandbox reset: \d+ customers/);
  });
});

describe("exit codes", { timeout: 180_000 }, () => {
  it("0 ok · 1 a problem (a read token's write, printed) · 2 usage · 3 no or dead credential · 4 unreachable", async () => {
    expect((await runCli(portalUrl, ["--version"])).code).toBe(0);

    const read = await runCli(portalUrl, ["keys", "create", "--name", "nope", "--app", appId], { OPENBANK_TOKEN: readToken });
    expect(read.code).toBe(1);
    expect(read.stderr).toMatch(/^Error: The credential's scope does not allow this call \(403 insufficient_scope\)/);
    expect(read.stderr).toContain("This token's scope is read");
    expect(read.stderr).toMatch(/Request id: \S+/);
    const readJson = await runCli(portalUrl, ["snapshot", "create", "nope", "--app", appId, "--json"], { OPENBANK_TOKEN: readToken });
    expect(readJson.code).toBe(1);
    expect(readJson.errorJson().error).toMatchObject({ code: "insufficient_scope", status: 403 });
    expect((await runCli(portalUrl, ["keys", "list", "--app", appId, "--json"], { OPENBANK_TOKEN: readToken })).code).toBe(0);

    expect((await runCli(portalUrl, ["keys", "list", "--bogus-flag"], { OPENBANK_TOKEN: writeToken })).code).toBe(2);
    expect((await runCli(portalUrl, ["clock", "advance", "--days", "0", "--app", appId], { OPENBANK_TOKEN: writeToken })).code).toBe(2);

    const none = await runCli(portalUrl, ["keys", "list", "--app", appId]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain("Not signed in");
    const dead = await runCli(portalUrl, ["apps", "list", "--json"], { OPENBANK_TOKEN: `pat_${"0".repeat(36)}` });
    expect(dead.code).toBe(3);
    expect(dead.errorJson().error.status).toBe(401);
    const keyOnly = await runCli(portalUrl, ["events", "list", "--app", appId], { OPENBANK_API_KEY: apiKey });
    expect(keyOnly.code).toBe(3);
    expect(keyOnly.stderr).toContain("takes a personal access token, not an API key");

    const unreachable = await runCli("http://127.0.0.1:9", ["apps", "list"], { OPENBANK_TOKEN: writeToken });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toContain("Could not reach http://127.0.0.1:9");
  });
});
