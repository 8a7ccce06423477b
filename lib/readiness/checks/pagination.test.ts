import { describe, expect, it } from "vitest";
import type { GradeInput, LoggedCall } from "../readiness-check";
import { gradeInput } from "./grade-input";
import { pagination, PAGINATION_SETTLE_MS } from "./pagination";

// Synthetic listings: a three-page history (c1, c2, then null), as a careful and a careless client leave it in the log.
const input = (calls: LoggedCall[], overrides: Partial<GradeInput> = {}): GradeInput => gradeInput({ calls, ...overrides });

const txn = (id: string) => ({ id, status: "booked", amount: { amount: "-1.00", currency: "GBP" } });

let at = 1_000;
const page = (id: string, cursor: string | null, next: string | null, overrides: Partial<LoggedCall> = {}): LoggedCall => {
  at += 100;
  return {
    id,
    method: "GET",
    path: `/v1/accounts/acc_1/transactions?limit=25${cursor ? `&cursor=${cursor}` : ""}`,
    status: 200,
    startedAt: at,
    endedAt: at + 20,
    idempotencyKey: null,
    fault: null,
    responseBody: JSON.stringify({ data: [txn(`txn_${id}a`), txn(`txn_${id}b`)], next_cursor: next }),
    ...overrides,
  };
};

const history = () => [page("req_1", null, "c1"), page("req_2", "c1", "c2"), page("req_3", "c2", null)];

describe("pagination", () => {
  it("passes a client that follows next_cursor to null, each page once", () => {
    const result = pagination.grade(input(history()));
    expect(result).toMatchObject({ grade: "pass", requestIds: ["req_1", "req_2", "req_3"] });
    expect(result?.summary).toMatch(/3 page\(s\), 6 transactions/);
  });

  it("ignores other calls and other accounts' listings", () => {
    const noise: LoggedCall[] = [
      { ...page("req_9", null, null), path: "/v1/accounts?type=current" },
      page("req_8", null, null, { path: "/v1/accounts/acc_2/transactions?status=pending" }),
      page("req_7", null, null, { status: 429, fault: "rate_limited" }),
    ];
    expect(pagination.grade(input([...history(), ...noise]))).toMatchObject({ grade: "pass", requestIds: ["req_1", "req_2", "req_3"] });
  });

  it("fails a client that stops after the first page, with that page as evidence", () => {
    const [first] = history();
    const result = pagination.grade(input([first], { now: first.endedAt + PAGINATION_SETTLE_MS }));
    expect(result).toMatchObject({ grade: "fail", requestIds: [first.id] });
    expect(result?.summary).toMatch(/Stopped after 1 page/);
  });

  it("fails a client that skips a page", () => {
    const result = pagination.grade(input([page("req_1", null, "c1"), page("req_3", "c2", null)]));
    expect(result).toMatchObject({ grade: "fail", requestIds: ["req_1", "req_3"] });
    expect(result?.summary).toMatch(/page 2 was skipped/);
  });

  it("fails a client that fetches a page twice, or starts over after null", () => {
    const again = pagination.grade(input([...history(), page("req_4", "c1", "c2")]));
    expect(again).toMatchObject({ grade: "fail", summary: expect.stringMatching(/Page 2 was fetched 2 times/) });
    const restart = pagination.grade(input([...history(), page("req_5", null, "c1")]));
    expect(restart).toMatchObject({ grade: "fail", summary: expect.stringMatching(/Page 1 was fetched 2 times/) });
  });

  it("warns when a page's answer was not logged whole", () => {
    const [first, second] = history();
    const result = pagination.grade(input([first, { ...second, responseBody: '{"data":[{"id":"txn_1"' }]));
    expect(result).toMatchObject({ grade: "warn", summary: expect.stringMatching(/could not be read/) });
  });

  it("waits while pages may still come, and for a first listing", () => {
    const [first] = history();
    expect(pagination.grade(input([first], { now: first.endedAt + 100 }))).toBeNull();
    expect(pagination.grade(input([]))).toBeNull();
  });

  it("fails at its time limit when nothing was listed, or no first page was", () => {
    expect(pagination.grade(input([], { timedOut: true }))).toMatchObject({ grade: "fail", requestIds: [] });
    const cursorOnly = pagination.grade(input([page("req_2", "c1", null)], { timedOut: true }));
    expect(cursorOnly).toMatchObject({ grade: "fail", summary: expect.stringMatching(/first page/), requestIds: ["req_2"] });
  });
});
