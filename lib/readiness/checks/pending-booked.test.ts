import { describe, expect, it } from "vitest";
import type { EngineActionDone, GradeInput, LoggedCall } from "../readiness-check";
import { BOOKING_DAYS, parseReport, pendingBooked } from "./pending-booked";
import { fromMinor, toMinor } from "./transaction-listing";
import { gradeInput } from "./grade-input";

// The pre-read (two card payments pending: -12.50 and -3.25), the clock moving, the re-read and the report.
const txn = (id: string, status: string, amount: string) => ({ id, status, amount: { amount, currency: "GBP" } });

const listing = (id: string, startedAt: number, query: string, data: unknown[]): LoggedCall => ({
  id,
  method: "GET",
  path: `/v1/accounts/acc_1/transactions?${query}`,
  status: 200,
  startedAt,
  endedAt: startedAt + 20,
  idempotencyKey: null,
  fault: null,
  responseBody: JSON.stringify({ data, next_cursor: null }),
});

const preRead = listing("req_pre", 1_000, "status=pending", [txn("txn_a", "pending", "-12.50"), txn("txn_b", "pending", "-3.25")]);
const reRead = listing("req_re", 5_000, "limit=100", [
  txn("txn_a", "booked", "-12.50"),
  txn("txn_b", "booked", "-3.25"),
  txn("txn_c", "booked", "1500.00"),
]);
const report = (value: string, startedAt = 6_000): LoggedCall => ({
  ...listing("req_report", startedAt, "", []),
  path: "/v1/accounts/acc_1/balances",
  responseBody: "{}",
  report: value,
});

/** The engine moved the clock at 2 s (after the pre-read). */
const advanced: EngineActionDone[] = [{ tag: "advance", kind: "advance_clock", days: BOOKING_DAYS, at: 2_000 }];

const input = (calls: LoggedCall[], actions: EngineActionDone[] = advanced, overrides: Partial<GradeInput> = {}): GradeInput =>
  gradeInput({ calls, now: 10_000, actions, ...overrides });

describe("pending-booked: the engine's action", () => {
  it("moves the clock once, after the app listed the pending transactions", () => {
    expect(pendingBooked.act!(input([preRead], []))).toEqual({ tag: "advance", kind: "advance_clock", days: BOOKING_DAYS });
    expect(pendingBooked.act!(input([preRead], advanced))).toBeNull();
  });

  it("waits for a pending listing; leaves the clock alone when nothing is pending", () => {
    expect(pendingBooked.act!(input([reRead], []))).toBeNull();
    const empty = listing("req_pre", 1_000, "status=pending", []);
    expect(pendingBooked.act!(input([empty], []))).toBeNull();
    expect(pendingBooked.grade(input([empty], []))).toMatchObject({ grade: "warn", requestIds: ["req_pre"] });
  });
});

describe("pending-booked: grading", () => {
  it("passes an app that re-read and counts each transaction once, as booked", () => {
    const result = pendingBooked.grade(input([preRead, reRead, report("pending=0.00; booked=-15.75")]));
    expect(result).toMatchObject({ grade: "pass", requestIds: ["req_pre", "req_re", "req_report"] });
  });

  it("fails an app that holds each as pending and again as booked", () => {
    const result = pendingBooked.grade(input([preRead, reRead, report("pending=-15.75; booked=-15.75")]));
    expect(result).toMatchObject({ grade: "fail", requestIds: ["req_pre", "req_re", "req_report"] });
    expect(result?.summary).toMatch(/Counted twice/);
  });

  it("fails an app that still counts them as pending, and one whose figures are simply wrong", () => {
    expect(pendingBooked.grade(input([preRead, report("booked=0.00;pending=-15.75")]))?.summary).toMatch(/Stale/);
    expect(pendingBooked.grade(input([preRead, reRead, report("pending=0; booked=-12.50")]))?.summary).toMatch(
      /expected pending 0.00, booked -15.75/,
    );
  });

  it("fails an unreadable report, and warns when the right totals came without a re-read", () => {
    expect(pendingBooked.grade(input([preRead, report("total=-15.75")]))).toMatchObject({ grade: "fail" });
    expect(pendingBooked.grade(input([preRead, report("pending=0.00; booked=-15.75")]))?.grade).toBe("warn");
  });

  it("does not count a report sent before the clock moved", () => {
    expect(pendingBooked.grade(input([preRead, report("pending=0.00; booked=-15.75", 1_500)]))).toBeNull();
  });

  it("waits for the listing, the clock and the report; fails each at the time limit", () => {
    expect(pendingBooked.grade(input([], []))).toBeNull();
    expect(pendingBooked.grade(input([], [], { timedOut: true }))).toMatchObject({
      grade: "fail",
      summary: expect.stringMatching(/status=pending/),
    });
    expect(pendingBooked.grade(input([preRead], []))).toBeNull();
    expect(pendingBooked.grade(input([preRead], [], { timedOut: true }))).toMatchObject({
      grade: "fail",
      requestIds: ["req_pre"],
      summary: expect.stringMatching(/before the clock moved/),
    });
    expect(pendingBooked.grade(input([preRead, reRead]))).toBeNull();
    const late = pendingBooked.grade(input([preRead, reRead], advanced, { timedOut: true }));
    expect(late).toMatchObject({ grade: "fail", requestIds: ["req_pre", "req_re"], summary: expect.stringMatching(/Readiness-Report/) });
  });
});

describe("amounts", () => {
  it("reads decimal strings as minor units and writes them back", () => {
    expect(["-12.34", "5", "0.5", "-0.05", "12.345", "x"].map(toMinor)).toEqual([-1234, 500, 50, -5, null, null]);
    expect([-1234, 5, 0, 150000].map(fromMinor)).toEqual(["-12.34", "0.05", "0.00", "1500.00"]);
    expect(parseReport(" booked = -1.00 ;pending=0")).toEqual({ pending: 0, booked: -100 });
  });
});
