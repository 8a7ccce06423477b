import { describe, expect, it } from "vitest";
import { bgErrorBody, bgErrorHasBody, bgServiceOf } from "./berlin-group-errors";

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
