import { describe, expect, it } from "vitest";
import type { LoggedCall, ReadinessAttempt } from "../readiness-check";
import { gradeInput as input } from "./grade-input";
import { paymentRetries } from "./payment-retries";
import { rateLimits } from "./rate-limits";
import { webhookDuplicates } from "./webhook-duplicates";
import { webhookOutOfOrder } from "./webhook-out-of-order";
import { webhookSignatures } from "./webhook-signatures";

// Grading from synthetic traffic: what a careful and a careless integration leave in the logs.

let n = 0;
const attempt = (label: string, status: number | null, body: unknown = null, deliveryId = `dlv_${label}`): ReadinessAttempt => ({
  id: `atm_${++n}`,
  deliveryId,
  eventId: "evt_1",
  endpointId: "ep_1",
  number: 1,
  status,
  responseBody: body === null ? null : JSON.stringify(body),
  error: status === null ? "timed out" : null,
  label,
});

const call = (id: string, startedAt: number, overrides: Partial<LoggedCall> = {}): LoggedCall => ({
  id,
  method: "POST",
  path: "/v1/payments",
  status: 201,
  startedAt,
  endedAt: startedAt + 5,
  idempotencyKey: "k1",
  fault: null,
  responseBody: JSON.stringify({ id: "pay_1" }),
  consentToken: null,
  ...overrides,
});

describe("webhook signatures", () => {
  it("passes when the forged delivery is refused and the signed one accepted", () => {
    const result = webhookSignatures.grade(input({ attempts: [attempt("forged", 401), attempt("signed", 200)] }));
    expect(result).toMatchObject({ grade: "pass", deliveryIds: ["dlv_forged", "dlv_signed"] });
  });
  it("fails with the forged delivery as evidence when it was accepted", () => {
    const result = webhookSignatures.grade(input({ attempts: [attempt("forged", 200), attempt("signed", 200)] }));
    expect(result).toMatchObject({ grade: "fail", deliveryIds: ["dlv_forged"] });
  });
  it("fails when the correctly signed delivery is refused too", () => {
    expect(webhookSignatures.grade(input({ attempts: [attempt("forged", 401), attempt("signed", 401)] }))?.grade).toBe("fail");
  });
  it("fails when the app has no endpoint", () => {
    expect(webhookSignatures.grade(input({ endpoints: 0 }))?.grade).toBe("fail");
  });
});

describe("webhook duplicates", () => {
  it("passes when the second delivery says duplicate", () => {
    const result = webhookDuplicates.grade(
      input({
        attempts: [
          attempt("first", 200, { processed: "evt_1", duplicate: false }, "dlv_1"),
          attempt("duplicate", 200, { processed: "evt_1", duplicate: true }, "dlv_1"),
        ],
      }),
    );
    expect(result).toMatchObject({ grade: "pass", deliveryIds: ["dlv_1"] });
  });
  it("fails when the duplicate was handled again", () => {
    const result = webhookDuplicates.grade(
      input({
        attempts: [
          attempt("first", 200, { processed: "evt_1" }, "dlv_1"),
          attempt("duplicate", 200, { processed: "evt_1", duplicate: false }, "dlv_1"),
        ],
      }),
    );
    expect(result).toMatchObject({ grade: "fail", deliveryIds: ["dlv_1"] });
  });
  it("fails without an echo at all", () => {
    expect(webhookDuplicates.grade(input({ attempts: [attempt("first", 200), attempt("duplicate", 200)] }))?.grade).toBe("fail");
  });
  it("warns when the duplicate is refused", () => {
    expect(webhookDuplicates.grade(input({ attempts: [attempt("first", 200), attempt("duplicate", 409)] }))?.grade).toBe("warn");
  });
});

describe("webhook out of order", () => {
  it("passes when the payment stays completed", () => {
    const result = webhookOutOfOrder.grade(
      input({ attempts: [attempt("completed", 200, { state: "completed" }), attempt("created", 200, { state: "completed" })] }),
    );
    expect(result?.grade).toBe("pass");
  });
  it("fails when the late created event moves it back", () => {
    const result = webhookOutOfOrder.grade(
      input({ attempts: [attempt("completed", 200, { state: "completed" }), attempt("created", 200, { state: "pending" })] }),
    );
    expect(result).toMatchObject({ grade: "fail", deliveryIds: ["dlv_completed", "dlv_created"] });
  });
  it("warns when the app does not say its state", () => {
    expect(webhookOutOfOrder.grade(input({ attempts: [attempt("completed", 200), attempt("created", 200)] }))?.grade).toBe("warn");
  });
});

describe("payment retries", () => {
  const careful = [
    call("req_1", 0, { status: 503, fault: "unavailable; run=r; check=c", responseBody: null }),
    call("req_2", 400, { status: 504, endedAt: 2_400, fault: "timeout; run=r; check=c", responseBody: null }),
    call("req_3", 3_400),
  ];
  it("passes: one key, growing waits, one payment", () => {
    const result = paymentRetries.grade(input({ calls: careful, now: 10_000 }));
    expect(result).toMatchObject({ grade: "pass", requestIds: ["req_1", "req_2", "req_3"] });
  });
  it("waits for stray retries after the success before grading", () => {
    expect(paymentRetries.grade(input({ calls: careful, now: 3_500 }))).toBeNull();
  });
  it("fails when each retry has a new Idempotency-Key", () => {
    const calls = careful.map((c, i) => ({ ...c, idempotencyKey: `k${i}` }));
    expect(paymentRetries.grade(input({ calls, now: 10_000 }))).toMatchObject({ grade: "fail", requestIds: ["req_1", "req_2", "req_3"] });
  });
  it("fails when retries do not back off", () => {
    const calls = [
      call("req_1", 0, { status: 503, fault: "unavailable", responseBody: null }),
      call("req_2", 10, { status: 504, endedAt: 2_010, fault: "timeout", responseBody: null }),
      call("req_3", 2_020),
    ];
    expect(paymentRetries.grade(input({ calls, now: 10_000 }))?.grade).toBe("fail");
  });
  it("fails when two payments were created", () => {
    const calls = [...careful, call("req_4", 5_000, { responseBody: JSON.stringify({ id: "pay_2" }) })];
    expect(paymentRetries.grade(input({ calls, now: 10_000 }))?.summary).toMatch(/2 payments/);
  });
  it("fails at the time limit when no payment succeeded, and ignores other calls", () => {
    const calls = [call("req_1", 0, { status: 503, fault: "unavailable" }), call("req_9", 10, { method: "GET", path: "/v1/accounts" })];
    expect(paymentRetries.grade(input({ calls, timedOut: true }))).toMatchObject({ grade: "fail", requestIds: ["req_1"] });
  });
});

describe("rate limits", () => {
  const limited = call("req_1", 0, { method: "GET", path: "/v1/accounts", status: 429, fault: "rate_limited; run=r; check=c" });
  it("passes when the next call waited Retry-After", () => {
    const result = rateLimits.grade(
      input({ calls: [limited, call("req_2", 2_010, { method: "GET", path: "/v1/accounts", status: 200 })] }),
    );
    expect(result).toMatchObject({ grade: "pass", requestIds: ["req_1", "req_2"] });
  });
  it("fails when the next call came at once", () => {
    const result = rateLimits.grade(input({ calls: [limited, call("req_2", 20, { method: "GET", path: "/v1/accounts", status: 200 })] }));
    expect(result).toMatchObject({ grade: "fail", requestIds: ["req_1", "req_2"] });
  });
  it("waits for the next call, then warns at the time limit", () => {
    expect(rateLimits.grade(input({ calls: [limited] }))).toBeNull();
    expect(rateLimits.grade(input({ calls: [limited], timedOut: true }))?.grade).toBe("warn");
  });
});
