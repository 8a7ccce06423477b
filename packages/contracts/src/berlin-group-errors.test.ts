import { describe, expect, it } from "vitest";
import { bgErrorHasBody, bgServiceOf, tppMessages } from "./berlin-group-errors";

describe("tppMessages", () => {
  it("writes ERROR messages (WARNING for the warning code), text cut to 500 characters", () => {
    expect(tppMessages({ code: "FORMAT_ERROR", text: "X-Request-ID is required.", path: "X-Request-ID" })).toEqual({
      tppMessages: [{ category: "ERROR", code: "FORMAT_ERROR", path: "X-Request-ID", text: "X-Request-ID is required." }],
    });
    expect(tppMessages({ code: "WARNING" }).tppMessages[0].category).toBe("WARNING");
    expect(tppMessages({ code: "CONSENT_EXPIRED", text: "t".repeat(800) }).tppMessages[0].text).toHaveLength(500);
    expect(() => tppMessages()).toThrow(/at least one/);
    expect(() => tppMessages({ code: "NOPE" as never })).toThrow(/Unknown/);
  });
});

describe("bgServiceOf and bgErrorHasBody", () => {
  it("tells the service from the path, with or without the surface's prefix", () => {
    expect(bgServiceOf("/berlin-group/v1/accounts/acc_1/transactions?bookingStatus=booked")).toBe("AIS");
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
  });
});
