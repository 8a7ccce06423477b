import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { READINESS_CHECKS } from "../../lib/readiness/check-catalogue";
import { Cli, type CliRun } from "../support/run-cli";
import { activeCurrentAccount, PortalClient, sandbox } from "../support/portal-client";
import { startReferenceApp, type ReferenceApp } from "../support/reference-app";

/**
 * `openbank readiness run|show|cancel` as a developer runs it: the built CLI as a child process
 * against the suite's portal, while the reference apps (examples/readiness-*) follow the run the
 * CLI started. `run --json` streams NDJSON (the run, each instruction, each graded check, the
 * report) and exits 0 only when the run passed; ^C asks the portal to cancel the run.
 */
const portalUrl = inject("portalUrl");

/* eslint-disable @typescript-eslint/no-explicit-any -- NDJSON lines of the CLI, read loosely */
type Line = { type: string; [field: string]: any };

let owner: PortalClient;
let token = "";
let cli: Cli;
const apps: ReferenceApp[] = [];

async function newApp(name: string) {
  const created = await owner.createApp(name);
  return { appId: created.app.id as string, apiKey: created.secret as string };
}

const lines = (run: CliRun): Line[] =>
  run.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  ({ client: owner } = await PortalClient.newDeveloper(portalUrl, "Readiness CLI Developer", { verified: true }));
  const made = await owner.json("POST", "/api/account/tokens", { name: "readiness cli", scope: "write", expires_in_days: 7 });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  token = made.body.secret;
  cli = new Cli(portalUrl, { OPENBANK_TOKEN: token });
}, 60_000);

afterAll(() => {
  for (const app of apps) if (app.child.exitCode === null) app.child.kill();
  cli?.dispose();
});

describe("openbank readiness", { timeout: 300_000 }, () => {
  let careful: { appId: string; apiKey: string };
  let carefulRun: CliRun;
  let carelessRun: CliRun;

  beforeAll(async () => {
    careful = await newApp("CLI careful app");
    const careless = await newApp("CLI careless app");
    for (const [kind, app] of [
      ["careful", careful],
      ["careless", careless],
    ] as const)
      apps.push(await startReferenceApp(kind, { portalUrl, owner, token, ...app }));
    // Both runs side by side: each app's client finds the run the CLI started and follows it.
    [carefulRun, carelessRun] = await Promise.all([
      cli.run(["readiness", "run", "--app", careful.appId, "--json"], { timeoutMs: 240_000 }),
      cli.run(["readiness", "run", "--app", careless.appId, "--json"], { timeoutMs: 240_000 }),
    ]);
    await Promise.all(apps.map((app) => app.exited));
  }, 300_000);

  it("run --json: the run, each instruction before its grade, every check passed, the report; exit 0", () => {
    expect(
      carefulRun.code,
      `${carefulRun.stderr}\n${carefulRun.stdout
        .split("\n")
        .filter((line) => line.includes('"type":"check"'))
        .join("\n")}`,
    ).toBe(0);
    const events = lines(carefulRun);
    expect(events[0]).toMatchObject({ type: "run", run: { app_id: careful.appId, status: "running" } });
    const runId = events[0].run.id;
    const checks = events.filter((event) => event.type === "check");
    expect(checks.map((event) => [event.check.id, event.check.grade])).toEqual(READINESS_CHECKS.map((check) => [check.id, "pass"]));
    for (const id of ["payment-retries", "rate-limits"]) {
      const instruction = events.findIndex((event) => event.type === "instruction" && event.check === id);
      const graded = events.findIndex((event) => event.type === "check" && event.check.id === id);
      expect(instruction, id).toBeGreaterThan(0);
      expect(instruction, id).toBeLessThan(graded);
      expect(events[instruction]).toMatchObject({ run_id: runId, instruction: { action: { kind: expect.not.stringMatching(/^none$/) } } });
    }
    // No instruction is printed twice.
    const said = events.filter((event) => event.type === "instruction").map((event) => event.check);
    expect(new Set(said).size).toBe(said.length);
    const report = events.at(-1)!;
    expect(report).toMatchObject({ type: "report", report: { id: runId, status: "passed", grade: "pass" } });
    expect(report.report.traffic.requests.filter((call: { injected: string | null }) => call.injected)).toHaveLength(3);
  });

  it("run: the careless app's run fails every check with its evidence; exit 1", () => {
    expect(carelessRun.code, carelessRun.stderr).toBe(1);
    const report = lines(carelessRun).at(-1)!;
    expect(report.report.status).toBe("failed");
    expect(report.report.checks.map((check: { grade: string }) => check.grade)).toEqual(READINESS_CHECKS.map(() => "fail"));
    const retries = report.report.checks.find((check: { id: string }) => check.id === "payment-retries");
    expect(retries.evidence.request_ids.length).toBeGreaterThanOrEqual(3);
  });

  it("show: the report for people (grades, evidence, fix and guide links, traffic, page) and for scripts; its exit code is the run's", async () => {
    const carefulId = lines(carefulRun)[0].run.id;
    const carelessId = lines(carelessRun)[0].run.id;
    const human = await cli.run(["readiness", "show", carefulId, "--app", careful.appId]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`Readiness run ${carefulId} for ${careful.appId}: passed, grade pass`);
    expect(human.stdout.match(/^PASS {2}/gm)).toHaveLength(READINESS_CHECKS.length);
    expect(human.stdout).toMatch(/^ {6}requests: req_\w+, req_\w+, req_\w+$/m);
    expect(human.stdout).toContain("Traffic: ");
    expect(human.stdout).toContain(`Report: ${portalUrl}/dashboard/apps/${careful.appId}/readiness/${carefulId}`);

    const failed = await cli.run(["readiness", "show", carelessId, "--app", lines(carelessRun)[0].run.app_id]);
    expect(failed.code).toBe(1);
    expect(failed.stdout.match(/^FAIL {2}/gm)).toHaveLength(READINESS_CHECKS.length);
    expect(failed.stdout).toContain(`guide: ${portalUrl}/docs/guides/`);

    const json = await cli.run(["readiness", "show", carefulId, "--app", careful.appId, "--json"]);
    expect(json.json()).toMatchObject({ id: carefulId, status: "passed", traffic: { requests: expect.any(Array) } });

    const another = await cli.run(["readiness", "show", carelessId, "--app", careful.appId, "--json"]);
    expect(another.code).toBe(1);
    expect(another.errorJson().error).toMatchObject({ status: 404, code: "resource_not_found" });
    const bad = await cli.run(["readiness", "show", "", "--app", careful.appId]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("is not a readiness run id");
  });
});

describe("openbank readiness, interrupted", { timeout: 180_000 }, () => {
  it("^C asks the portal to cancel the run: its faults stop, the cancelled report is printed, exit 1", async () => {
    // No webhook endpoint and no client: the run fails the webhook checks and waits at the payment check.
    const { appId, apiKey } = await newApp("CLI interrupted app");
    const following = cli.start(["readiness", "run", "--app", appId]);
    await following.line(/^▶ Retries with the same Idempotency-Key/, "stdout", 150_000);
    following.child.kill("SIGINT");
    const run = await following.result(60_000);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/Cancelling rdy_\w+/);
    expect(run.stdout).toMatch(/^FAIL {2}Webhook signatures: /m);
    expect(run.stdout).toMatch(/for app_\w+: cancelled/);
    const runId = /Started readiness run (rdy_\w+)/.exec(run.stdout)![1];
    const got = await owner.json("GET", `/api/apps/${appId}/readiness-runs/${runId}`);
    expect(got.body.status).toBe("cancelled");
    // The faults stopped with it: a payment goes straight through.
    const debtor = await activeCurrentAccount(portalUrl, apiKey);
    const payment = await sandbox(portalUrl, apiKey, "/v1/payments", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        debtor_account_id: debtor,
        amount: { amount: "1.00", currency: "GBP" },
        creditor: { type: "sort_code", name: "After", sort_code: "040004", account_number: "12345678" },
      }),
    });
    // The bank's own answer, from an active account: made, never an injected 503, 504 or 429.
    expect(payment.headers.get("x-readiness-fault")).toBeNull();
    expect(payment.status, await payment.clone().text()).toBe(201);
  });

  it("run --no-wait starts and prints the run; a second start is refused (409) while it runs; cancel ends it", async () => {
    const { appId } = await newApp("CLI no-wait app");
    const started = await cli.run(["readiness", "run", "--no-wait", "--app", appId, "--json"]);
    expect(started.code, started.stderr).toBe(0);
    const run = started.json();
    expect(run).toMatchObject({ app_id: appId, status: "running" });
    const again = await cli.run(["readiness", "run", "--no-wait", "--app", appId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("409 conflict");
    const running = await cli.run(["readiness", "show", run.id, "--app", appId]);
    expect(running.code).toBe(0);
    expect(running.stdout).toMatch(new RegExp(`: running \\(\\d+/${READINESS_CHECKS.length} checks done\\)`));
    const cancelled = await cli.run(["readiness", "cancel", run.id, "--app", appId, "--json"]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.json()).toMatchObject({ id: run.id, status: "cancelled" });
    expect((await cli.run(["readiness", "show", run.id, "--app", appId])).code).toBe(1);
  });
});
