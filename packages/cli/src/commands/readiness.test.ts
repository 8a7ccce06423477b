import { describe, expect, it } from "vitest";
import { describeCheck, describeReport, followEvents, runExitCode } from "./readiness.js";

type Run = Parameters<typeof followEvents>[1];
type Check = Run["checks"][number];

const check = (id: string, changes: Partial<Check> = {}): Check => ({
  id,
  title: `Title of ${id}`,
  description: "",
  status: "waiting",
  grade: null,
  summary: null,
  evidence: { request_ids: [], delivery_ids: [] },
  fix_hint: `Fix ${id}.`,
  guide_url: `/docs/guides/x#${id}`,
  instruction: null,
  started_at: null,
  ended_at: null,
  ...changes,
});

const run = (checks: Check[], status: Run["status"] = "running"): Run => ({
  id: "rdy_1",
  app_id: "app_1",
  status,
  grade: null,
  started_by: "usr_1",
  started_at: "2026-12-06T14:00:00.000Z",
  expires_at: "2026-12-06T14:10:00.000Z",
  ended_at: null,
  progress: { done: checks.filter((c) => c.status === "done").length, total: checks.length },
  current_check: null,
  checks,
});

const pay = { text: "Make a payment of 12.34 GBP.", action: { kind: "create_payment" as const, amount: "12.34", currency: "GBP" } };

describe("followEvents", () => {
  it("reports each instruction once, when its check starts running", () => {
    const first = run([check("a", { status: "running", instruction: pay }), check("b")]);
    expect(followEvents(null, first)).toEqual([
      { type: "instruction", run_id: "rdy_1", check: "a", title: "Title of a", instruction: pay },
    ]);
    expect(followEvents(first, first)).toEqual([]);
  });

  it("reports each check once as it ends, in the run's order, even when several end between two reads", () => {
    const before = run([check("a", { status: "running" }), check("b"), check("c")]);
    const a = check("a", { status: "done", grade: "pass", summary: "ok" });
    const b = check("b", { status: "done", grade: "fail", summary: "bad" });
    const after = run([a, b, check("c", { status: "running", instruction: pay })]);
    expect(followEvents(before, after)).toEqual([
      { type: "check", run_id: "rdy_1", check: a },
      { type: "check", run_id: "rdy_1", check: b },
      { type: "instruction", run_id: "rdy_1", check: "c", title: "Title of c", instruction: pay },
    ]);
    expect(followEvents(after, after)).toEqual([]);
  });

  it("reports checks skipped by a cancel, but no instruction for a check that ended before it was seen running", () => {
    const before = run([check("a", { status: "running" }), check("b")]);
    const after = run([check("a", { status: "skipped" }), check("b", { status: "skipped" })], "cancelled");
    expect(followEvents(before, after).map((event) => [event.type, event.type === "check" && event.check.status])).toEqual([
      ["check", "skipped"],
      ["check", "skipped"],
    ]);
  });
});

describe("the report as text", () => {
  it("shows a failed check's evidence, fix and absolute guide link; a pass has no fix", () => {
    const failed = check("a", {
      status: "done",
      grade: "fail",
      summary: "Accepted a forged signature.",
      evidence: { request_ids: ["req_1"], delivery_ids: ["dlv_1", "dlv_2"] },
    });
    expect(describeCheck(failed, "http://portal")).toBe(
      [
        "FAIL  Title of a: Accepted a forged signature.",
        "      requests: req_1",
        "      deliveries: dlv_1, dlv_2",
        "      fix: Fix a.",
        "      guide: http://portal/docs/guides/x#a",
      ].join("\n"),
    );
    expect(describeCheck(check("b", { status: "done", grade: "pass", summary: "ok" }), "http://portal")).toBe("PASS  Title of b: ok");
  });

  it("names the outcome, the traffic and the report page", () => {
    const report = {
      ...run([check("a", { status: "done", grade: "pass", summary: "ok" })], "passed"),
      grade: "pass" as const,
      traffic: {
        requests: [
          { id: "req_1", method: "POST", path: "/v1/payments", status: 503, at: "2026-12-06T14:01:00.000Z", injected: "unavailable" },
          { id: "req_2", method: "POST", path: "/v1/payments", status: 201, at: "2026-12-06T14:01:01.000Z", injected: null },
        ],
        deliveries: [],
      },
    };
    const text = describeReport(report, "http://portal");
    expect(text).toContain("Readiness run rdy_1 for app_1: passed, grade pass");
    expect(text).toContain("Traffic: 2 call(s) (1 with an injected fault), 0 readiness delivery(ies).");
    expect(text).toContain("Report: http://portal/dashboard/apps/app_1/readiness/rdy_1");
  });
});

it("exits 0 for a passed or running run, 1 for the others", () => {
  expect(["passed", "running", "failed", "expired", "cancelled"].map((s) => runExitCode(s as Run["status"]))).toEqual([0, 0, 1, 1, 1]);
});
