import { describe, expect, it } from "vitest";
import { FRESH_UUID_EXAMPLE } from "@openbank/contracts/fresh-values";
import { takesCustomerToken, withFreshIds } from "./standard-calls";

describe("a standard's Try-it-out calls", () => {
  const calls = [
    { method: "GET", path: "/open-banking/v4.0/aisp/accounts/{AccountId}/balances" },
    { method: "POST", path: "/open-banking/v4.0/pisp/domestic-payments" },
  ];

  it("take the customer's token on the customer's operations only, whatever the id or query", () => {
    expect(takesCustomerToken(calls, "get", "http://portal.test/open-banking/v4.0/aisp/accounts/acc_1/balances?x=1")).toBe(true);
    expect(takesCustomerToken(calls, "POST", "/open-banking/v4.0/pisp/domestic-payments")).toBe(true);
    expect(takesCustomerToken(calls, "GET", "/open-banking/v4.0/pisp/domestic-payments")).toBe(false);
    expect(takesCustomerToken(calls, "GET", "/open-banking/v4.0/aisp/accounts/acc_1")).toBe(false);
    expect(takesCustomerToken(calls, "GET", "/open-banking/v4.0/aisp/accounts/a/b/balances")).toBe(false);
  });

  it("get a fresh UUID where a must-be-new header still holds the documented example, and keep what the reader typed", () => {
    const request = withFreshIds({
      headers: { "X-Request-ID": FRESH_UUID_EXAMPLE, "x-idempotency-key": "mine", "Consent-ID": FRESH_UUID_EXAMPLE },
    });
    expect(request.headers["X-Request-ID"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers["X-Request-ID"]).not.toBe(FRESH_UUID_EXAMPLE);
    expect(request.headers["x-idempotency-key"]).toBe("mine");
    expect(request.headers["Consent-ID"]).toBe(FRESH_UUID_EXAMPLE);
  });
});
