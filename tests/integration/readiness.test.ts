import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { activeCurrentAccount, PortalClient, sandbox } from "../support/portal-client";

/**
 * Issue 19's readiness runs end to end: both reference apps (examples/readiness-*) run as child
 * processes, each a webhook receiver plus a client following its run through the portal API with
 * a personal access token; the careful one passes every check, the careless one fails each, with
 * the evidence ids that show why. A bystander app keeps calling the sandbox the whole time and
 * never sees a fault, nor a webhook; faults stop when a run is cancelled or ends.
 */
const portalUrl = inject("portalUrl");
const CHECKS = [
  "webhook-signatures",
  "webhook-duplicates",
  "webhook-out-of-order",
  "payment-retries",
  "rate-limits",
  "pagination",
  "pending-booked",
  "standards",
  "consent-revoked",
  "consent-expired",
  "refresh-tokens",
];

type App = { id: string; key: string };
type Check = { id: string; grade: string | null; summary: string; evidence: { request_ids: string[]; delivery_ids: string[] } };
type Run = { id: string; status: string; current_check: string | null; checks: Check[] };

let client: PortalClient;
let token: string;
const children: ChildProcess[] = [];
const servers: Server[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function newApp(name: string): Promise<App> {
  const created = await client.createApp(name);
  return { id: created.app.id, key: created.secret };
}

async function addEndpoint(app: App, url: string): Promise<{ id: string; secret: string }> {
  const made = await client.json("POST", `/api/apps/${app.id}/webhooks`, { url, description: "readiness receiver" });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { id: made.body.endpoint.id, secret: made.body.secret };
}

/** The app's OAuth client, with a new secret, as the reference apps read it from the environment. */
async function oauthClient(app: App) {
  const got = await client.json("GET", `/api/apps/${app.id}/oauth-client`);
  const secret = await client.json("POST", `/api/apps/${app.id}/oauth-client/secret`);
  expect(secret.status, JSON.stringify(secret.body)).toBe(201);
  return {
    OPENBANK_CLIENT_ID: got.body.client_id as string,
    OPENBANK_CLIENT_SECRET: secret.body.client_secret as string,
    OPENBANK_REDIRECT_URI: "http://localhost:8080/callback",
  };
}

/** Starts a reference app for `app`; resolves with its output when it exits (the run ended). */
async function startReferenceApp(kind: "careful" | "careless", app: App) {
  const port = await freePort();
  const endpoint = await addEndpoint(app, `http://127.0.0.1:${port}/webhooks`);
  const child = spawn(process.execPath, [path.resolve(`examples/readiness-${kind}/app.mjs`)], {
    env: {
      ...process.env,
      OPENBANK_URL: portalUrl,
      OPENBANK_TOKEN: token,
      OPENBANK_API_KEY: app.key,
      OPENBANK_APP: app.id,
      WEBHOOK_SECRET: endpoint.secret,
      PORT: String(port),
      // The consent checks refresh at /oauth/token and the standards check's UK Open Banking walk authorises with the app's OAuth client.
      ...(await oauthClient(app)),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.once("exit", (code) => resolve({ code, output })));
  return { endpoint, exited };
}

async function startRun(app: App): Promise<Run> {
  const started = await client.json("POST", `/api/apps/${app.id}/readiness-runs`);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return started.body;
}

async function getRun(app: App, runId: string): Promise<Run> {
  const got = await client.json("GET", `/api/apps/${app.id}/readiness-runs/${runId}`);
  expect(got.status).toBe(200);
  return got.body;
}

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const ended = (app: App, runId: string) => until(async () => ((run) => run.status !== "running" && run)(await getRun(app, runId)));

async function requestLog(app: App, requestId: string) {
  const got = await client.json("GET", `/api/apps/${app.id}/requests/${requestId}`);
  expect(got.status, requestId).toBe(200);
  return got.body as {
    method: string;
    path: string;
    status: number;
    key_prefix: string | null;
    request: { headers: Record<string, string> };
    response: { headers: Record<string, string>; body: string };
  };
}

/** The app's latest customer-session calls (consents, accounts, tokens), oldest first, one line each. */
async function customerCalls(app: App): Promise<string> {
  const got = await client.json("GET", `/api/apps/${app.id}/requests?limit=100`);
  const rows = (
    got.body.data as { id: string; created_at: string; method: string; path: string; status: number; key_prefix: string | null }[]
  )
    .filter((row) => ["/v1/accounts", "/oauth/token", "/v1/sandbox/consents"].includes(row.path.split("?")[0]))
    .reverse();
  return rows.map((row) => `  ${row.created_at} ${row.method} ${row.path} ${row.status} ${row.key_prefix ?? "-"} ${row.id}`).join("\n");
}

async function delivery(app: App, endpointId: string, deliveryId: string) {
  const got = await client.json("GET", `/api/apps/${app.id}/webhooks/${endpointId}/deliveries/${deliveryId}`);
  expect(got.status, deliveryId).toBe(200);
  return got.body as { attempts: { trigger: string; response_status: number | null; request_headers: Record<string, string> }[] };
}

const debtors = new Map<string, string>();

/** A 1.00 GBP payment from the app's first active current account (a persona's is frozen), with a fresh Idempotency-Key. */
async function payment(app: App): Promise<Response> {
  if (!debtors.has(app.id)) debtors.set(app.id, await activeCurrentAccount(portalUrl, app.key));
  return sandbox(portalUrl, app.key, "/v1/payments", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
    body: JSON.stringify({
      debtor_account_id: debtors.get(app.id),
      amount: { amount: "1.00", currency: "GBP" },
      creditor: { type: "sort_code", name: "Bystander", sort_code: "040004", account_number: "12345678" },
    }),
  });
}

beforeAll(async () => {
  ({ client } = await PortalClient.newDeveloper(portalUrl, "Readiness Developer"));
  const made = await client.json("POST", "/api/account/tokens", { name: "readiness", scope: "read", expires_in_days: 7 });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  token = made.body.secret;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("both reference apps, graded side by side, with a bystander app that must see nothing", () => {
  let careful: App;
  let careless: App;
  let bystander: App;
  const bystanderReceived: string[] = [];
  const bystanderAnswers: { status: number; fault: string | null }[] = [];
  let carefulRun: Run;
  let carelessRun: Run;
  let carefulEndpoint: string;
  let carelessEndpoint: string;
  let runSeconds = 0;

  beforeAll(async () => {
    [careful, careless, bystander] = await Promise.all([newApp("Careful app"), newApp("Careless app"), newApp("Bystander app")]);
    // The bystander's own endpoint records whatever reaches it.
    // Its own payments send it real events; a readiness delivery names its run (`sandbox_readiness`).
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (Buffer.concat(chunks).toString("utf8").includes("sandbox_readiness"))
          bystanderReceived.push(String(request.headers["webhook-id"]));
        response.writeHead(200).end();
      });
    });
    servers.push(receiver);
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    await addEndpoint(bystander, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`);

    const carefulApp = await startReferenceApp("careful", careful);
    const carelessApp = await startReferenceApp("careless", careless);
    carefulEndpoint = carefulApp.endpoint.id;
    carelessEndpoint = carelessApp.endpoint.id;
    const started = Date.now();
    const runs = await Promise.all([startRun(careful), startRun(careless)]);
    // The bystander calls the same surfaces the faults target, all through both runs (within its 60 calls a minute).
    let running = true;
    const traffic = (async () => {
      while (running) {
        for (const response of [await payment(bystander), await sandbox(portalUrl, bystander.key, "/v1/accounts")]) {
          bystanderAnswers.push({ status: response.status, fault: response.headers.get("x-readiness-fault") });
        }
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
    })();
    const [carefulExit, carelessExit] = await Promise.all([carefulApp.exited, carelessApp.exited]);
    runSeconds = (Date.now() - started) / 1000;
    running = false;
    await traffic;
    expect(carefulExit.code, carefulExit.output).toBe(0);
    expect(carelessExit.code, carelessExit.output).toBe(0);
    console.log(
      carelessExit.output
        .split("\n")
        .filter((line) => line.includes("Berlin Group"))
        .join("\n"),
    );
    carefulRun = await ended(careful, runs[0].id);
    carelessRun = await ended(careless, runs[1].id);
    console.log(`readiness: both runs took ${runSeconds.toFixed(1)} s`);
    // The reports check by check, for the record (the closing notes quote them).
    for (const run of [carefulRun, carelessRun])
      console.log(
        [`readiness report ${run.id} ${run.status}`, ...run.checks.map((check) => `  ${check.id} ${check.grade} · ${check.summary}`)].join(
          "\n",
        ),
      );
  }, 240_000);

  it("passes every check for the careful app", () => {
    expect(carefulRun.status, JSON.stringify(carefulRun.checks)).toBe("passed");
    expect(carefulRun.checks.map((check) => [check.id, check.grade])).toEqual(CHECKS.map((id) => [id, "pass"]));
  });

  it("fails every check for the careless app", () => {
    expect(carelessRun.status).toBe("failed");
    expect(carelessRun.checks.map((check) => [check.id, check.grade])).toEqual(CHECKS.map((id) => [id, "fail"]));
  });

  it("names the careful app's evidence: one Idempotency-Key over the injected 503, timeout and the success; the wait after the 429", async () => {
    const retries = carefulRun.checks.find((check) => check.id === "payment-retries")!;
    const logs = await Promise.all(retries.evidence.request_ids.map((id) => requestLog(careful, id)));
    expect(logs.map((log) => log.status)).toEqual([503, 504, 201]);
    expect(logs.every((log) => log.method === "POST" && log.path === "/v1/payments")).toBe(true);
    expect(new Set(logs.map((log) => log.request.headers["idempotency-key"])).size).toBe(1);
    expect(logs[0].response.headers["x-readiness-fault"]).toMatch(new RegExp(`^unavailable; run=${carefulRun.id}`));
    const limits = carefulRun.checks.find((check) => check.id === "rate-limits")!;
    const [limited, next] = await Promise.all(limits.evidence.request_ids.map((id) => requestLog(careful, id)));
    expect([limited.status, limited.response.headers["retry-after"], next.status]).toEqual([429, "2", 200]);
  });

  it("names the careless app's evidence: a new Idempotency-Key per retry, the forged delivery it accepted, the duplicate handled twice", async () => {
    const retries = carelessRun.checks.find((check) => check.id === "payment-retries")!;
    expect(retries.summary).toMatch(/different Idempotency-Keys/);
    const logs = await Promise.all(retries.evidence.request_ids.map((id) => requestLog(careless, id)));
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logs.map((log) => log.request.headers["idempotency-key"])).size).toBe(logs.length);

    const signatures = carelessRun.checks.find((check) => check.id === "webhook-signatures")!;
    expect(signatures.evidence.delivery_ids).toHaveLength(1);
    const forged = await delivery(careless, carelessEndpoint, signatures.evidence.delivery_ids[0]);
    expect(forged.attempts).toMatchObject([{ trigger: "readiness", response_status: 200 }]);

    const duplicates = carelessRun.checks.find((check) => check.id === "webhook-duplicates")!;
    const twice = await delivery(careless, carelessEndpoint, duplicates.evidence.delivery_ids[0]);
    expect(twice.attempts).toHaveLength(2);
    expect(new Set(twice.attempts.map((attempt) => attempt.request_headers["webhook-id"])).size).toBe(1);

    const limits = carelessRun.checks.find((check) => check.id === "rate-limits")!;
    expect(limits.evidence.request_ids).toHaveLength(2);
    expect(limits.summary).toMatch(/ms after a 429/);
  });

  it("names the pagination evidence: the careful app's cursors chain each next_cursor down to null; the careless app stopped at page 1", async () => {
    const cursorOf = (log: { path: string }) => new URL(log.path, portalUrl).searchParams.get("cursor");
    const nextOf = (log: { response: { body: string } }) => (JSON.parse(log.response.body) as { next_cursor: string | null }).next_cursor;
    const walked = carefulRun.checks.find((check) => check.id === "pagination")!;
    const pages = await Promise.all(walked.evidence.request_ids.map((id) => requestLog(careful, id)));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((log) => log.method === "GET" && log.status === 200 && /\/transactions\?/.test(log.path))).toBe(true);
    expect(pages.map(cursorOf)).toEqual([null, ...pages.slice(0, -1).map(nextOf)]);
    expect(nextOf(pages.at(-1)!)).toBeNull();

    const stopped = carelessRun.checks.find((check) => check.id === "pagination")!;
    expect(stopped.summary).toMatch(/Stopped after 1 page/);
    expect(stopped.evidence.request_ids).toHaveLength(1);
    const only = await requestLog(careless, stopped.evidence.request_ids[0]);
    expect([cursorOf(only), typeof nextOf(only)]).toEqual([null, "string"]);
  });

  it("names the pending-booked evidence: each app's report after its own clock moved 3 days; the bystander's clock stayed", async () => {
    const minor = (amount: string) => Math.round(Number(amount) * 100);
    const evidence = async (app: App, run: Run) => {
      const check = run.checks.find((candidate) => candidate.id === "pending-booked")!;
      const logs = await Promise.all(check.evidence.request_ids.map((id) => requestLog(app, id)));
      const listed = (JSON.parse(logs[0].response.body) as { data: { status: string; amount: { amount: string } }[] }).data;
      const total = listed.filter((item) => item.status === "pending").reduce((sum, item) => sum + minor(item.amount.amount), 0);
      return { check, logs, total: (total / 100).toFixed(2), report: logs.at(-1)!.request.headers["readiness-report"] };
    };
    const good = await evidence(careful, carefulRun);
    expect(good.logs[0].path).toMatch(/status=pending/);
    expect(good.total).not.toBe("0.00");
    expect(good.logs.length).toBeGreaterThanOrEqual(3);
    expect(good.report).toBe(`pending=0.00; booked=${good.total}`);
    const bad = await evidence(careless, carelessRun);
    expect(bad.check.summary).toMatch(/Counted twice/);
    expect(bad.report).toBe(`pending=${bad.total}; booked=${bad.total}`);

    const offset = async (app: App) =>
      ((await (await sandbox(portalUrl, app.key, "/v1/sandbox/clock")).json()) as { offset_seconds: number }).offset_seconds;
    expect(await offset(careful)).toBeGreaterThanOrEqual(3 * 86_400);
    expect(await offset(careless)).toBeGreaterThanOrEqual(3 * 86_400);
    expect(await offset(bystander)).toBe(0);
  });

  // The standards check: the careful app's UK Open Banking and Berlin Group walks, the careless app's misuse.
  it("names the careful app's standards calls: each with its request id header, data read only under the authorised consents", async () => {
    const check = carefulRun.checks.find((c) => c.id === "standards")!;
    expect(check.summary).toMatch(/UK Open Banking and Berlin Group calls/);
    const logs = await Promise.all(check.evidence.request_ids.map((id) => requestLog(careful, id)));
    const uk = logs.filter((log) => log.path.startsWith("/open-banking/v4.0/"));
    const bg = logs.filter((log) => log.path.startsWith("/berlin-group/v1/"));
    expect(uk.length + bg.length).toBe(logs.length);
    expect(uk.every((log) => /^[0-9a-f-]{36}$/.test(log.request.headers["x-fapi-interaction-id"]))).toBe(true);
    expect(bg.every((log) => /^[0-9a-f-]{36}$/.test(log.request.headers["x-request-id"]))).toBe(true);
    // The consent's status read (AUTH) comes before the data calls, which succeed.
    const ukStatus = uk.findIndex((log) => log.method === "GET" && /account-access-consents\/[^/]+$/.test(log.path));
    const ukData = uk.findIndex((log) => log.path === "/open-banking/v4.0/aisp/accounts");
    expect(ukStatus).toBeGreaterThanOrEqual(0);
    expect(ukData).toBeGreaterThan(ukStatus);
    expect(JSON.parse(uk[ukStatus].response.body).Data.Status).toBe("AUTH");
    expect(uk[ukData].status).toBe(200);
    const bgData = bg.filter((log) => log.path.startsWith("/berlin-group/v1/accounts"));
    expect(bgData.map((log) => log.status)).toEqual([200]);
    expect(bgData[0].request.headers["consent-id"]).toBeTruthy();
  });

  it("names the careless app's standards faults: UK calls without x-fapi-interaction-id, Berlin Group data under a consent never authorised", async () => {
    const check = carelessRun.checks.find((c) => c.id === "standards")!;
    expect(check.summary).toMatch(/without a UUID in x-fapi-interaction-id/);
    expect(check.summary).toMatch(/while it was received \(and 1 more\)/);
    const logs = await Promise.all(check.evidence.request_ids.map((id) => requestLog(careless, id)));
    const uk = logs.filter((log) => log.path.startsWith("/open-banking/v4.0/"));
    expect(uk.map((log) => log.method)).toEqual(["POST", "GET"]);
    expect(uk.every((log) => log.request.headers["x-fapi-interaction-id"] === undefined)).toBe(true);
    // The gateway made an interaction id up for the answer: the app never sent one.
    expect(uk.every((log) => /^[0-9a-f-]{36}$/.test(log.response.headers["x-fapi-interaction-id"]))).toBe(true);
    const bg = logs.filter((log) => log.path.startsWith("/berlin-group/v1/"));
    expect(bg.map((log) => [log.method, log.path, log.status])).toEqual([
      ["GET", "/berlin-group/v1/accounts", 401],
      ["GET", "/berlin-group/v1/accounts", 401],
    ]);
    expect(new Set(bg.map((log) => log.request.headers["consent-id"])).size).toBe(1);
    expect(JSON.parse(bg[0].response.body).tppMessages[0]).toMatchObject({ code: "CONSENT_INVALID" });
  });

  // The consent checks: the customer session's evidence, tied to tokens by their display prefix.
  it("names the careful app's consent evidence: one 401 consent_revoked, then a new consent; one consent_expired, no refresh, a new consent; two refreshes, the new token used", async () => {
    const revoked = carefulRun.checks.find((check) => check.id === "consent-revoked")!;
    const logs = await Promise.all(revoked.evidence.request_ids.map((id) => requestLog(careful, id)));
    expect(logs[0]).toMatchObject({ status: 401, path: "/v1/accounts" });
    expect(JSON.parse(logs[0].response.body).code).toBe("consent_revoked");
    expect(logs.at(-1)).toMatchObject({ status: 200, path: "/v1/accounts" });
    expect(logs.at(-1)!.key_prefix).not.toBe(logs[0].key_prefix);
    expect(logs.slice(1, -1).every((log) => log.key_prefix === logs[0].key_prefix)).toBe(true);

    const expired = carefulRun.checks.find((check) => check.id === "consent-expired")!;
    const expiredLogs = await Promise.all(expired.evidence.request_ids.map((id) => requestLog(careful, id)));
    expect(JSON.parse(expiredLogs[0].response.body).code).toBe("consent_expired");
    expect(expiredLogs.some((log) => log.path === "/oauth/token")).toBe(false);
    expect(expiredLogs.at(-1)).toMatchObject({ status: 200, path: "/v1/accounts" });
    expect(expiredLogs.at(-1)!.key_prefix).not.toBe(expiredLogs[0].key_prefix);

    const refresh = carefulRun.checks.find((check) => check.id === "refresh-tokens")!;
    const refreshLogs = await Promise.all(refresh.evidence.request_ids.map((id) => requestLog(careful, id)));
    const refreshes = refreshLogs.filter((log) => log.path === "/oauth/token");
    expect(refreshes.map((log) => log.status)).toEqual([200, 200]);
    expect(refreshLogs.at(-1)).toMatchObject({ status: 200, path: "/v1/accounts" });
  });

  it("names the careless app's consent evidence: the revoked token sent again and again; the expired consent refreshed; a reused refresh token and the family revocation", async () => {
    const revoked = carelessRun.checks.find((check) => check.id === "consent-revoked")!;
    expect(revoked.summary).toMatch(/more times/);
    const logs = await Promise.all(revoked.evidence.request_ids.map((id) => requestLog(careless, id)));
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logs.map((log) => log.key_prefix)).size).toBe(1);
    expect(logs.every((log) => log.status === 401 && JSON.parse(log.response.body).code === "consent_revoked")).toBe(true);

    const expired = carelessRun.checks.find((check) => check.id === "consent-expired")!;
    // It fails at the first refused refresh (the token sent again may follow, and is named when it came first).
    expect(expired.summary).toMatch(
      /asked POST \/oauth\/token for new tokens \d+ time\(s\), refused \(400\): a refresh token ends with its consent/,
    );
    const expiredLogs = await Promise.all(expired.evidence.request_ids.map((id) => requestLog(careless, id)));
    const refused = expiredLogs.filter((log) => log.path === "/oauth/token");
    expect(refused.length).toBeGreaterThanOrEqual(1);
    // The token endpoint's answers are logged without their bodies (they carry tokens).
    expect(refused.every((log) => log.status === 400)).toBe(true);
    expect(
      expiredLogs.filter((log) => log.path === "/v1/accounts").every((log) => JSON.parse(log.response.body).code === "consent_expired"),
    ).toBe(true);

    const refresh = carelessRun.checks.find((check) => check.id === "refresh-tokens")!;
    expect(refresh.summary).toMatch(/sent again/);
    const refreshLogs = await Promise.all(refresh.evidence.request_ids.map((id) => requestLog(careless, id)));
    const statuses = refreshLogs.filter((log) => log.path === "/oauth/token").map((log) => log.status);
    // The rotation, then the reuse. The careless app may add a refused refresh of its own before
    // them (seen once in 20 runs); it is the app's, in the check's window, so it is evidence too.
    if (statuses.length > 2) {
      // For the record: where the extra refused refresh sits among the careless app's calls.
      const calls = await customerCalls(careless);
      console.log(`readiness: careless refresh evidence ${JSON.stringify(statuses)}\n${calls}`);
    }
    expect(statuses.slice(-2)).toEqual([200, 400]);
    expect(statuses.slice(0, -2).every((status) => status === 400)).toBe(true);
    expect(refreshLogs.at(-1)!.status).toBe(401);
    expect(refreshLogs.at(-1)!.response.body).toMatch(/access token has been revoked/);
  });

  it("sent the careful app's readiness deliveries to its own endpoint, marked readiness", async () => {
    const signatures = carefulRun.checks.find((check) => check.id === "webhook-signatures")!;
    for (const id of signatures.evidence.delivery_ids) {
      const got = await delivery(careful, carefulEndpoint, id);
      expect(got.attempts.every((attempt) => attempt.trigger === "readiness")).toBe(true);
    }
  });

  it("never touched the bystander: no fault on any of its calls, no readiness webhook at its endpoint", () => {
    expect(bystanderAnswers.length).toBeGreaterThanOrEqual(4);
    // Its answers are the bank's own, never an injected 5xx or 429.
    expect(bystanderAnswers.filter((answer) => answer.fault !== null || answer.status >= 500 || answer.status === 429)).toEqual([]);
    expect(bystanderReceived).toEqual([]);
  });

  it("stops injecting when a run ends: the careful app's payment goes straight through", async () => {
    const response = await payment(careful);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-readiness-fault")).toBeNull();
  });

  it("keeps runs to their app: another app's path, or another team, gets a 404", async () => {
    await expectProblem(
      await client.request("GET", `/api/apps/${bystander.id}/readiness-runs/${carefulRun.id}`),
      404,
      "resource_not_found",
    );
    await expectProblem(
      await client.request("POST", `/api/apps/${bystander.id}/readiness-runs/${carefulRun.id}/cancel`),
      404,
      "resource_not_found",
    );
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Stranger");
    await expectProblem(
      await stranger.request("GET", `/api/apps/${careful.id}/readiness-runs/${carefulRun.id}`),
      404,
      "resource_not_found",
    );
    await expectProblem(await stranger.request("POST", `/api/apps/${careful.id}/readiness-runs`), 404, "resource_not_found");
  });

  it("downloads the report with the traffic it saw, the injected calls marked", async () => {
    const report = await client.json("GET", `/api/apps/${careful.id}/readiness-runs/${carefulRun.id}/report.json`);
    expect(report.status).toBe(200);
    const injected = report.body.traffic.requests.filter((request: { injected: string | null }) => request.injected);
    expect(injected.map((request: { status: number }) => request.status).sort()).toEqual([429, 503, 504]);
    expect(report.body.traffic.deliveries.length).toBe(6);
  });
});

describe("a run's lifecycle", () => {
  it("injects for its app while running, stops at cancel, allows one run at a time, and refuses to cancel twice", async () => {
    // No endpoint: the webhook checks fail at once and the run reaches the payment check.
    const app = await newApp("Cancelled app");
    const run = await startRun(app);
    await expectProblem(await client.request("POST", `/api/apps/${app.id}/readiness-runs`), 409, "conflict");
    const atPayments = await until(
      async () => ((got) => got.current_check === "payment-retries" && got)(await getRun(app, run.id)),
      30_000,
    );
    expect(atPayments.checks[0]).toMatchObject({ grade: "fail", summary: expect.stringMatching(/no enabled webhook endpoint/) });
    const faulted = await payment(app);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get("x-readiness-fault")).toBe(`unavailable; run=${run.id}; check=payment-retries`);

    const cancelled = await client.json("POST", `/api/apps/${app.id}/readiness-runs/${run.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const after = await payment(app);
    expect(after.status).toBe(201);
    expect(after.headers.get("x-readiness-fault")).toBeNull();
    await expectProblem(await client.request("POST", `/api/apps/${app.id}/readiness-runs/${run.id}/cancel`), 409, "conflict");

    const listed = await client.json("GET", `/api/apps/${app.id}/readiness-runs?status=cancelled`);
    expect(listed.body.data.map((r: Run) => r.id)).toEqual([run.id]);
    await expectProblem(await client.request("GET", `/api/apps/${app.id}/readiness-runs?status=bogus`), 400, "validation_failed");
  });

  it("lets a read token follow a run but not start or cancel one", async () => {
    const app = await newApp("Token app");
    const asToken = (method: string, path: string) =>
      fetch(`${portalUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
    const listed = await asToken("GET", `/api/apps/${app.id}/readiness-runs`);
    expect(listed.status).toBe(200);
    await expectProblem(await asToken("POST", `/api/apps/${app.id}/readiness-runs`), 403, "insufficient_scope");
  });
});
