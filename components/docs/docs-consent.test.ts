import { describe, expect, it } from "vitest";
import { isCustomerDataCall } from "./docs-consent";

describe("isCustomerDataCall", () => {
  it("matches the operations a consent token may call", () => {
    expect(isCustomerDataCall("get", "/v1/accounts")).toBe(true);
    expect(isCustomerDataCall("GET", "http://x.test/v1/accounts/acc_1/transactions?limit=5")).toBe(true);
    expect(isCustomerDataCall("GET", "/v1/accounts/acc_1/balances")).toBe(true);
    expect(isCustomerDataCall("POST", "/v1/payments")).toBe(true);
    expect(isCustomerDataCall("GET", "/v1/payments/pay_1")).toBe(true);
  });

  it("leaves key-only operations to the key", () => {
    expect(isCustomerDataCall("POST", "/v1/accounts")).toBe(false);
    expect(isCustomerDataCall("GET", "/v1/customers")).toBe(false);
    expect(isCustomerDataCall("GET", "/v1/consents")).toBe(false);
    expect(isCustomerDataCall("POST", "/v1/sandbox/consents")).toBe(false);
  });
});
