import { describe, expect, it } from "vitest";
import { timeWindow, type SourceQuery } from "../timeline-source";
import { auditItem, auditWhere } from "./audit-source";
import { consentItems } from "./consent-source";
import { deliveryWhere } from "./delivery-source";
import { requestLogItem, requestLogWhere } from "./request-log-source";

const query = (over: Partial<SourceQuery> = {}): SourceQuery => ({
  appId: "app_1",
  kinds: new Set(["request", "sandbox", "change", "webhook", "consent", "readiness"]),
  statuses: null,
  direction: "older",
  limit: 10,
  ...over,
});

const row = {
  id: "req_1",
  method: "POST",
  path: "/v1/sandbox/reset",
  route: "/v1/sandbox/reset",
  status: 200,
  apiKeyId: "key_1",
  keyPrefix: "sk_sandbox_ab",
  latencyMs: 3.2,
  createdAt: new Date("2026-11-21T09:00:00Z"),
};

describe("the request-log source", () => {
  it("shows the bank's sandbox controls as sandbox items, other calls as requests", () => {
    expect(requestLogItem("app_1", row)).toMatchObject({
      kind: "sandbox",
      title: "Sandbox reset",
      ids: { request_id: "req_1", key_id: "key_1" },
    });
    expect(requestLogItem("app_1", { ...row, method: "GET", path: "/v1/accounts", route: "/v1/accounts", status: 503 })).toMatchObject({
      kind: "request",
      title: "GET /v1/accounts",
      status: { class: "error", http: 503 },
      link: "/dashboard/apps/app_1/logs/req_1",
    });
    expect(requestLogItem("app_1", { ...row, route: null, status: 404 }).kind).toBe("request");
  });

  it("asks only for the kinds wanted, and nothing when neither is", () => {
    expect(requestLogWhere(query({ kinds: new Set(["webhook"]) }))).toBeNull();
    expect(JSON.stringify(requestLogWhere(query({ kinds: new Set(["sandbox"]) })))).toContain('"in":[');
    expect(JSON.stringify(requestLogWhere(query({ kinds: new Set(["request"]) })))).toContain('"notIn":[');
    expect(JSON.stringify(requestLogWhere(query({ statuses: new Set(["error"]) })))).toContain('"lt":100');
  });
});

describe("the audit source", () => {
  it("reads only the app's targets, and nothing for a non-ok status filter", () => {
    expect(auditWhere(query({ statuses: new Set(["error"]) }), { teamId: "team_1", targetIds: ["app_1"] })).toBeNull();
    expect(auditWhere(query({ kinds: new Set(["request"]) }), { teamId: "team_1", targetIds: ["app_1"] })).toBeNull();
    const where = JSON.stringify(auditWhere(query({ kinds: new Set(["sandbox"]) }), { teamId: "team_1", targetIds: ["app_1", "key_1"] }));
    expect(where).toContain("sandbox.reset");
    expect(where).not.toContain("key.rolled");
    expect(where).toContain('"targetId":{"in":["app_1","key_1"]}');
  });

  it("names the change, who made it and its non-secret details", () => {
    const item = auditItem("app_1", {
      id: "audit_1",
      action: "key.rolled",
      actorEmail: "dev@example.com",
      targetType: "api_key",
      targetId: "key_1",
      targetName: "CI",
      metadata: { app_id: "app_1", new_key_id: "key_2" },
      createdAt: new Date("2026-11-21T09:00:00Z"),
    });
    expect(item).toMatchObject({
      kind: "change",
      title: "Key rolled: CI",
      actor: "dev@example.com",
      ids: { audit_id: "audit_1", key_id: "key_1" },
    });
    expect(item.detail).toBe("new key id: key_2");
  });
});

describe("the consent source", () => {
  const consent = {
    id: "cns_1",
    standard: "v1" as const,
    kind: "account_access" as const,
    customer_id: "cus_1",
    persona: "alice",
    status: "revoked" as const,
    permissions: ["accounts:read"],
    standard_permissions: [],
    account_ids: [],
    source: "sandbox" as const,
    created_at: "2026-11-21T09:00:00.000Z",
    expires_at: "2027-02-19T09:00:00.000Z",
    revoked_at: "2026-11-21T10:00:00.000Z",
    revoked_by: "tpp" as const,
  };

  it("gives a granted and a revoked moment, each with its own id", () => {
    expect(consentItems("app_1", consent).map((item) => [item.id, item.title, item.status.class])).toEqual([
      ["cns_1-granted", "Account access consent granted by alice", "ok"],
      ["cns_1-revoked", "Account access consent revoked by the app", "warn"],
    ]);
  });

  it("adds the expiry of an expired consent", () => {
    const items = consentItems("app_1", { ...consent, status: "expired", revoked_at: null, revoked_by: null });
    expect(items.map((item) => item.id)).toEqual(["cns_1-granted", "cns_1-expired"]);
    expect(items[1].occurred_at).toBe(consent.expires_at);
  });
});

describe("timeWindow", () => {
  const from = new Date("2026-11-20T00:00:00Z");
  const to = new Date("2026-11-21T00:00:00Z");
  const bound = { at: Date.parse("2026-11-20T12:00:00.123Z"), id: "req_m" };

  it("is nothing without a range or a cursor", () => {
    expect(timeWindow(query(), "createdAt")).toEqual([]);
  });

  it("keeps from and to inclusive, and pages strictly beyond the cursor, ties broken by id", () => {
    const at = new Date(bound.at);
    expect(timeWindow(query({ from, to, bound }), "createdAt")).toEqual([
      { createdAt: { gte: from } },
      { createdAt: { lte: to } },
      { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: "req_m" } }] },
    ]);
    expect(timeWindow(query({ bound, direction: "newer" }), "occurredAt")).toEqual([
      { OR: [{ occurredAt: { gt: at } }, { occurredAt: at, id: { gt: "req_m" } }] },
    ]);
  });

  it("is the window every database source filters by", () => {
    const window = timeWindow(query({ from, bound }), "createdAt");
    expect(requestLogWhere(query({ from, bound }))?.AND).toEqual(expect.arrayContaining(window));
    expect(deliveryWhere(query({ from, bound }), ["we_1"]).AND).toEqual(expect.arrayContaining(window));
    expect(auditWhere(query({ from, bound }), { teamId: "team_1", targetIds: ["app_1"] })?.AND).toEqual(expect.arrayContaining(window));
  });
});
