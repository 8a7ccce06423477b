import { describe, expect, it } from "vitest";
import { UNMATCHED_ROUTE } from "../analytics/request-rollups";
import { evidenceSummary } from "./evidence-summary";
import { evaluateEvidence } from "./sandbox-evidence";

const now = new Date("2026-11-21T10:00:00Z");

describe("the go-live evidence", () => {
  it("counts only product endpoints: the sandbox's own controls and unmatched paths are no evidence", () => {
    const evidence = evaluateEvidence(
      [
        { method: "GET", route: "/v1/accounts", count: 4 },
        { method: "POST", route: "/v1/sandbox/reset", count: 9 },
        { method: "POST", route: "/v1/sandbox/clock/advance", count: 3 },
        { method: "POST", route: "/v1/sandbox/webhooks/fire", count: 2 },
        { method: "GET", route: UNMATCHED_ROUTE, count: 5 },
        { method: "GET", route: "/v1/accounts/{account_id}/balances", count: 1 },
      ],
      { requiredEndpoints: 3, now },
    );
    expect(evidence.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.route}`)).toEqual([
      "GET /v1/accounts",
      "GET /v1/accounts/{account_id}/balances",
    ]);
    expect(evidence).toMatchObject({ successful_calls: 5, passed: false, required_endpoints: 3 });
  });

  it("reads '15 endpoints (3 needed)', never '15 of 3'", () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ method: "GET", route: `/v1/things/${i}`, count: 2 }));
    const evidence = evaluateEvidence(rows, { requiredEndpoints: 3, now });
    expect(evidence.passed).toBe(true);
    expect(evidenceSummary(evidence)).toBe("15 endpoints (3 needed) answered 2xx in the last 7 days (30 successful calls)");
    const one = evaluateEvidence([{ method: "GET", route: "/v1/accounts", count: 1 }], { requiredEndpoints: 3, now });
    expect(evidenceSummary(one)).toBe("1 endpoint (3 needed) answered 2xx in the last 7 days (1 successful call)");
  });
});
