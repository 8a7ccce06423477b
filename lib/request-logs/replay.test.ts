import { describe, expect, it } from "vitest";
import { curlForLog, docsReplayFor, extractPathParams, KEY_PLACEHOLDER } from "./replay";

const log = {
  id: "req_1",
  method: "POST",
  path: "/v1/payments?dry_run=true",
  route: "/v1/payments",
  request: {
    headers: { authorization: "Bearer [REDACTED]", "content-type": "application/json", "idempotency-key": "idem-1", accept: "*/*" },
    body: '{\n  "reference": "Rent it\'s due"\n}',
  },
};

describe("curlForLog", () => {
  it("replays method, URL, useful headers and body, with the key as a placeholder", () => {
    const curl = curlForLog(log, "http://localhost:3000/");
    expect(curl).toBe(
      [
        "curl -X POST 'http://localhost:3000/v1/payments?dry_run=true'",
        `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}"`,
        "  -H 'content-type: application/json'",
        "  -H 'idempotency-key: idem-1'",
        `  --data '{\n  "reference": "Rent it'\\''s due"\n}'`,
      ].join(" \\\n"),
    );
    expect(curl).not.toContain("REDACTED");
  });

  it("leaves out bodies that were not stored", () => {
    expect(
      curlForLog({ ...log, request: { headers: {}, body: "[3 bytes of application/octet-stream not stored]" } }, "http://x"),
    ).not.toContain("--data");
  });
});

describe("docs replay", () => {
  it("extracts path params from the route template", () => {
    expect(extractPathParams("/v1/accounts/{account_id}/transactions", "/v1/accounts/acc_9/transactions?limit=5")).toEqual({
      account_id: "acc_9",
    });
    expect(extractPathParams("/v1/accounts/{account_id}", "/v1/payments/pay_1")).toBeNull();
  });

  it("carries path params, query, replayable headers and the body", () => {
    expect(
      docsReplayFor({
        ...log,
        method: "GET",
        path: "/v1/accounts/acc_9/transactions?limit=5&status=booked",
        route: "/v1/accounts/{account_id}/transactions",
      }),
    ).toEqual({
      request_id: "req_1",
      method: "GET",
      route: "/v1/accounts/{account_id}/transactions",
      path_params: { account_id: "acc_9" },
      query: [
        ["limit", "5"],
        ["status", "booked"],
      ],
      headers: { "idempotency-key": "idem-1" },
      body: log.request.body,
    });
    expect(docsReplayFor({ ...log, route: null })).toBeNull();
  });
});
