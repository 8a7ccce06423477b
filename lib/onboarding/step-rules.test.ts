import { TOKEN_PREFIXES } from "@/mock-bank/src/domain/oauth/opaque-token";
import { describe, expect, it } from "vitest";
import { ONBOARDING_STEPS } from "./onboarding-steps";
import {
  buildProgress,
  firstBerlinGroupConsent,
  firstCallTo,
  firstConsentFlow,
  firstConsentTokenCall,
  firstSandboxTokenCall,
  SANDBOX_TOKEN_PREFIX,
  firstDpopCall,
  firstFixedError,
  firstIdempotentPayment,
  firstReplayedRetry,
  firstSuccessfulCall,
  firstUkPayment,
  headerValue,
  type CallRow,
} from "./step-rules";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 21, 10, minute));

function call(minute: number, method: string, path: string, status: number, extra: Partial<CallRow> = {}): CallRow {
  const route = path
    .split("?")[0]
    .replace(/\/(acc|pay|cus)_[A-Za-z0-9]+/, (_, prefix: string) => `/{${{ acc: "account", pay: "payment", cus: "customer" }[prefix]}_id}`);
  return { method, path, route, status, createdAt: at(minute), ...extra };
}

describe("first successful call", () => {
  it("is the first 2xx on the API, not an OAuth call or an error", () => {
    const rows = [
      call(1, "POST", "/oauth/token", 200),
      call(2, "GET", "/v1/accounts", 404),
      call(3, "GET", "/v1/accounts", 200),
      call(4, "GET", "/v1/customers", 200),
    ];
    expect(firstSuccessfulCall(rows)).toEqual(at(3));
  });

  it("is not met by failures alone", () => {
    expect(firstSuccessfulCall([call(1, "GET", "/v1/accounts", 401), call(2, "GET", "/v1/accounts", 500)])).toBeNull();
  });
});

describe("payment with an idempotency key", () => {
  const withKey = { requestHeaders: { "idempotency-key": "7d1c0e1e-5b1f-4b52-9b1e-2a4a1f0f2b33" } };

  it("needs a 201 on POST /v1/payments that carried the header", () => {
    const rows = [
      call(1, "POST", "/v1/payments", 400),
      call(2, "POST", "/v1/payments", 422, withKey),
      call(3, "POST", "/v1/customers", 201, withKey),
      call(4, "POST", "/v1/payments", 201, withKey),
    ];
    expect(firstIdempotentPayment(rows)).toEqual(at(4));
  });

  it("ignores a payment without the header and reads headers stored as JSON text", () => {
    expect(firstIdempotentPayment([call(1, "POST", "/v1/payments", 201, { requestHeaders: { "idempotency-key": "  " } })])).toBeNull();
    expect(
      firstIdempotentPayment([call(2, "POST", "/v1/payments", 201, { requestHeaders: JSON.stringify(withKey.requestHeaders) })]),
    ).toEqual(at(2));
  });

  it("matches an unmatched route by its path", () => {
    expect(firstIdempotentPayment([call(5, "POST", "/v1/payments", 201, { ...withKey, route: null })])).toEqual(at(5));
  });
});

describe("idempotent retry replayed", () => {
  it("is the first 2xx answered with Idempotent-Replayed: true", () => {
    const rows = [
      call(1, "POST", "/v1/payments", 201, { responseHeaders: { "content-type": "application/json" } }),
      call(2, "POST", "/v1/payments", 201, { responseHeaders: { "idempotent-replayed": "true" } }),
      call(3, "POST", "/v1/payments", 201, { responseHeaders: { "idempotent-replayed": "true" } }),
    ];
    expect(firstReplayedRetry(rows)).toEqual(at(2));
    expect(firstReplayedRetry(rows.slice(0, 1))).toBeNull();
  });
});

describe("4xx handled then fixed", () => {
  it("is met by a 2xx on the same operation after its 4xx", () => {
    const errors = [call(2, "POST", "/v1/payments", 400), call(5, "GET", "/v1/accounts/acc_missing", 404)];
    const successes = [
      call(1, "POST", "/v1/payments", 201),
      call(6, "GET", "/v1/accounts/acc_real", 200),
      call(9, "POST", "/v1/payments", 201),
    ];
    expect(firstFixedError(errors, successes)).toEqual(at(6));
  });

  it("is not met by a 2xx before the error, on another operation, or by a 5xx", () => {
    expect(
      firstFixedError([call(5, "POST", "/v1/payments", 422)], [call(1, "POST", "/v1/payments", 201), call(6, "GET", "/v1/payments", 200)]),
    ).toBeNull();
    expect(firstFixedError([call(1, "POST", "/v1/payments", 503)], [call(2, "POST", "/v1/payments", 201)])).toBeNull();
    expect(firstFixedError([call(1, "POST", "/v1/payments", 400)], [call(2, "POST", "/v1/payments", 409)])).toBeNull();
  });
});

describe("consent steps", () => {
  it("the flow completes with a 200 at the token endpoint or a consent authorised by a customer", () => {
    expect(firstConsentFlow([call(3, "POST", "/oauth/token", 400), call(4, "POST", "/oauth/token", 200)], [])).toEqual(at(4));
    expect(firstConsentFlow([], [{ source: "sandbox", created_at: at(1).toISOString() }])).toBeNull();
    expect(
      firstConsentFlow([call(4, "POST", "/oauth/token", 200)], [{ source: "authorization_code", created_at: at(2).toISOString() }]),
    ).toEqual(at(2));
  });

  it("a consent-token call is a keyless 2xx on /v1", () => {
    const rows = [
      { ...call(1, "GET", "/v1/accounts", 200), apiKeyId: "key_1" },
      { ...call(2, "GET", "/oauth/authorize", 200), apiKeyId: null },
      { ...call(3, "GET", "/v1/accounts", 403), apiKeyId: null },
      { ...call(4, "GET", "/v1/accounts", 200), apiKeyId: null },
    ];
    expect(firstConsentTokenCall(rows)).toEqual(at(4));
  });

  it("only a token from the authorization-code flow ticks the consent-token step; a sandbox-minted one ticks its own", () => {
    const minted = { ...call(1, "GET", "/v1/accounts", 200), apiKeyId: null, keyPrefix: "oat_AbCd…wxyz" };
    const issued = { ...call(2, "GET", "/v1/accounts", 200), apiKeyId: null, keyPrefix: "Hx3kQ8bq…iWRV" };
    expect(firstConsentTokenCall([minted])).toBeNull();
    expect(firstSandboxTokenCall([minted])).toEqual(at(1));
    expect(firstConsentTokenCall([minted, issued])).toEqual(at(2));
    expect(firstSandboxTokenCall([issued])).toBeNull();
    // The prefix is the bank's: a sandbox-minted access token starts with it.
    expect(SANDBOX_TOKEN_PREFIX).toBe(TOKEN_PREFIXES.access);
  });
});

describe("FAPI 2.0 with DPoP", () => {
  it("needs a 2xx on /v1 with a consent token sent under the DPoP scheme", () => {
    const dpop = { requestHeaders: { authorization: "DPoP [redacted]", dpop: "[redacted]" } };
    const rows = [
      { ...call(1, "GET", "/v1/accounts", 200, { requestHeaders: { authorization: "Bearer [redacted]" } }), apiKeyId: null },
      { ...call(2, "GET", "/v1/accounts", 401, dpop), apiKeyId: null },
      { ...call(3, "POST", "/oauth/token", 200, dpop), apiKeyId: null },
      { ...call(4, "GET", "/v1/accounts", 200, dpop), apiKeyId: "key_1" },
      { ...call(6, "GET", "/v1/accounts", 200, dpop), apiKeyId: null },
      { ...call(5, "GET", "/v1/accounts/acc_1", 200, dpop), apiKeyId: null },
    ];
    expect(firstDpopCall(rows)).toEqual(at(5));
    expect(firstDpopCall(rows.slice(0, 4))).toBeNull();
  });
});

describe("UK Open Banking payment completed", () => {
  const body = (status: string) => JSON.stringify({ Data: { DomesticPaymentId: "pay_1", Status: status } }, null, 2);

  it("is a payment order (not its consent) answered 201 and not rejected", () => {
    const rows = [
      call(1, "POST", "/open-banking/v4.0/pisp/domestic-payment-consents", 201, { responseBody: body("AWAU") }),
      call(2, "POST", "/open-banking/v4.0/pisp/domestic-payments", 400),
      call(3, "POST", "/open-banking/v4.0/pisp/domestic-payments", 201, { responseBody: body("RJCT") }),
      call(4, "GET", "/open-banking/v4.0/pisp/domestic-payments", 200, { responseBody: body("ACSC") }),
      call(5, "POST", "/open-banking/v4.0/pisp/domestic-payments", 201, { responseBody: body("ACSC") }),
    ];
    expect(firstUkPayment(rows)).toEqual(at(5));
    expect(firstUkPayment(rows.slice(0, 4))).toBeNull();
  });

  it("counts every kind of payment order, and a 201 whose body the log cut short", () => {
    for (const path of [
      "/open-banking/v4.0/pisp/domestic-scheduled-payments",
      "/open-banking/v4.0/pisp/international-payments",
      "/open-banking/v4.0/pisp/file-payments",
      "/open-banking/v4.0/pisp/domestic-vrps",
    ])
      expect(firstUkPayment([call(1, "POST", path, 201, { responseBody: body("ACSP") })]), path).toEqual(at(1));
    expect(firstUkPayment([call(2, "POST", "/open-banking/v4.0/pisp/domestic-payments", 201, { responseBody: '{\n  "Data": {' })])).toEqual(
      at(2),
    );
    expect(firstUkPayment([call(3, "POST", "/open-banking/v4.0/pisp/domestic-vrp-consents", 201)])).toBeNull();
    expect(firstUkPayment([call(4, "POST", "/open-banking/v4.0/pisp/domestic-payments/x", 201)])).toBeNull();
  });
});

describe("Berlin Group consent authorised", () => {
  const consent = "/berlin-group/v1/consents/cns_1";
  const json = (value: unknown) => JSON.stringify(value, null, 2);

  it("is a consent read as valid, not one created or polled while it waits", () => {
    const rows = [
      call(1, "POST", "/berlin-group/v1/consents", 201, { responseBody: json({ consentStatus: "received" }) }),
      call(2, "GET", `${consent}/status`, 200, { responseBody: json({ consentStatus: "received" }) }),
      call(3, "GET", `${consent}/status`, 200, { responseBody: json({ consentStatus: "rejected" }) }),
      call(5, "GET", `${consent}/status`, 200, { responseBody: json({ consentStatus: "valid" }) }),
      call(6, "GET", consent, 200, { responseBody: json({ consentStatus: "valid", access: {} }) }),
    ];
    expect(firstBerlinGroupConsent(rows)).toEqual(at(5));
    expect(firstBerlinGroupConsent(rows.slice(0, 3))).toBeNull();
  });

  it("or an authorisation of a consent read or completed as finalised", () => {
    const authorisation = `${consent}/authorisations/auth_1`;
    expect(firstBerlinGroupConsent([call(1, "GET", authorisation, 200, { responseBody: json({ scaStatus: "started" }) })])).toBeNull();
    expect(firstBerlinGroupConsent([call(2, "GET", authorisation, 200, { responseBody: json({ scaStatus: "finalised" }) })])).toEqual(
      at(2),
    );
    expect(firstBerlinGroupConsent([call(3, "PUT", authorisation, 200, { responseBody: json({ scaStatus: "finalised" }) })])).toEqual(
      at(3),
    );
    // A payment's authorisation is not a consent's.
    const payment = "/berlin-group/v1/payments/sepa-credit-transfers/pay_1/authorisations/auth_1";
    expect(firstBerlinGroupConsent([call(4, "GET", payment, 200, { responseBody: json({ scaStatus: "finalised" }) })])).toBeNull();
  });

  it("or account data read, which the bank answers only under a valid consent", () => {
    expect(firstBerlinGroupConsent([call(1, "GET", "/berlin-group/v1/accounts?withBalance=true", 200)])).toEqual(at(1));
    expect(firstBerlinGroupConsent([call(2, "GET", "/berlin-group/v1/accounts/acc_1/transactions?bookingStatus=booked", 200)])).toEqual(
      at(2),
    );
    expect(firstBerlinGroupConsent([call(3, "GET", "/berlin-group/v1/accounts", 401)])).toBeNull();
    expect(firstBerlinGroupConsent([call(4, "GET", "/v1/accounts", 200)])).toBeNull();
  });
});

describe("sandbox controls", () => {
  it("need a 200 on the control itself", () => {
    const rows = [
      call(1, "POST", "/v1/sandbox/reset", 429),
      call(2, "GET", "/v1/sandbox/clock", 200),
      call(3, "POST", "/v1/sandbox/reset", 200),
    ];
    expect(firstCallTo(rows, "POST", "/v1/sandbox/reset")).toEqual(at(3));
    expect(firstCallTo(rows, "POST", "/v1/sandbox/clock/advance")).toBeNull();
  });
});

describe("headerValue", () => {
  it("reads lower-case names from objects or JSON text, and nothing from anything else", () => {
    expect(headerValue({ "idempotency-key": "k" }, "Idempotency-Key")).toBe("k");
    expect(headerValue("not json", "x")).toBeUndefined();
    expect(headerValue(["x"], "0")).toBeUndefined();
    expect(headerValue(null, "x")).toBeUndefined();
  });
});

describe("buildProgress", () => {
  it("counts required steps only, in catalogue order, with RFC 3339 times", () => {
    const progress = buildProgress(
      "app_1",
      { first_successful_call: at(1), idempotent_retry_replayed: at(2), sandbox_reset: at(3) },
      at(10),
    );
    const required = ONBOARDING_STEPS.filter((step) => !step.optional).length;
    expect(progress).toMatchObject({
      app_id: "app_1",
      completed: 2,
      total: required,
      percent: Math.round((2 / required) * 100),
      computed_at: at(10).toISOString(),
    });
    expect(progress.steps.map((step) => step.id)).toEqual(ONBOARDING_STEPS.map((step) => step.id));
    expect(progress.steps[0]).toMatchObject({ done: true, completed_at: at(1).toISOString() });
    expect(progress.steps.find((step) => step.id === "webhook_answered_2xx")).toMatchObject({
      done: false,
      completed_at: null,
      docs: { href: "/docs/guides/webhooks" },
    });
  });

  it("links every step to a docs page that exists", () => {
    for (const step of ONBOARDING_STEPS)
      expect(step.docs.href).toMatch(
        /^\/docs\/(api|sandbox|errors|guides\/(webhooks|consent-flow|authentication|openid-connect-fapi|uk-open-banking|berlin-group))(#[a-z-]+)?$/,
      );
  });
});
