import { describe, expect, it } from "vitest";
import { bgErrorBody, bgErrorHasBody, bgMessageOf, bgServiceOf } from "./berlin-group-errors";

describe("bgErrorBody", () => {
  it("writes ERROR messages with the text cut to the document's 500 characters", () => {
    expect(bgErrorBody([{ code: "FORMAT_ERROR", text: "X-Request-ID is required.", path: "X-Request-ID" }])).toEqual({
      tppMessages: [{ category: "ERROR", code: "FORMAT_ERROR", path: "X-Request-ID", text: "X-Request-ID is required." }],
    });
    expect(bgErrorBody([{ code: "CONSENT_EXPIRED", text: "t".repeat(800) }]).tppMessages[0].text).toHaveLength(500);
  });
});

describe("bgServiceOf and bgErrorHasBody", () => {
  it("tells the service from the path, with or without the surface's prefix", () => {
    expect(bgServiceOf("/berlin-group/v1/accounts/acc_1/transactions?bookingStatus=booked")).toBe("AIS");
    expect(bgServiceOf("/v1/consents/cns_1/status")).toBe("AIS");
    expect(bgServiceOf("/consents/cns_1/status")).toBe("AIS");
    expect(bgServiceOf("/berlin-group/v1/payments/sepa-credit-transfers")).toBe("PIS");
    expect(bgServiceOf("/berlin-group/v1/bulk-payments/sepa-credit-transfers/pay_1")).toBe("PIS");
    expect(bgServiceOf("/berlin-group/v1/funds-confirmations")).toBe("PIIS");
    expect(bgServiceOf("/berlin-group/v1/signing-baskets")).toBe("SBS");
  });

  it("gives 5xx no body, and 429 a body on account information only", () => {
    expect(bgErrorHasBody(400, "PIS")).toBe(true);
    expect(bgErrorHasBody(429, "AIS")).toBe(true);
    expect(bgErrorHasBody(429, "PIS")).toBe(false);
    expect(bgErrorHasBody(503, "AIS")).toBe(false);
    expect(bgErrorHasBody(415, "AIS")).toBe(false);
    expect(bgErrorHasBody(406, "AIS")).toBe(true);
    expect(bgErrorHasBody(406, "PIS")).toBe(false);
  });
});

describe("bgMessageOf: one mapping for the gateway's refusals and the bank's", () => {
  it("answers a credential without the role or scope 401 ROLE_INVALID (the TPP lacks the role), not 403", () => {
    expect(bgMessageOf("insufficient_scope", 403)).toEqual({ code: "ROLE_INVALID", status: 401 });
  });

  it("keeps SERVICE_BLOCKED for a blocked service (a suspended app, a frozen account), 403", () => {
    expect(bgMessageOf("app_suspended", 403)).toEqual({ code: "SERVICE_BLOCKED", status: 403 });
    expect(bgMessageOf("account_frozen", 422)).toEqual({ code: "SERVICE_BLOCKED", status: 403 });
  });

  it("maps the credential stand-ins, falls back by status, and has no 422", () => {
    expect(bgMessageOf("missing_api_key", 401)).toEqual({ code: "CERTIFICATE_MISSING", status: 401 });
    expect(bgMessageOf("invalid_token", 401)).toEqual({ code: "TOKEN_INVALID", status: 401 });
    expect(bgMessageOf("rate_limited", 429)).toEqual({ code: "ACCESS_EXCEEDED", status: 429 });
    expect(bgMessageOf("insufficient_funds", 422)).toEqual({ code: "FUNDS_NOT_AVAILABLE", status: 400 });
    expect(bgMessageOf("some_conflict", 409)).toEqual({ code: "STATUS_INVALID", status: 409 });
    expect(bgMessageOf("some_refusal", 403)).toEqual({ code: "SERVICE_BLOCKED", status: 403 });
    expect(bgMessageOf("gone", 404)).toEqual({ code: "RESOURCE_UNKNOWN", status: 404 });
    expect(bgMessageOf("oops", 422)).toEqual({ code: "FORMAT_ERROR", status: 400 });
  });
});
