import { describe, expect, it } from "vitest";
import { AppError } from "@openbank/contracts/errors";
import { encodeCursor, logFiltersToParams, logFiltersWhere, parseLogFilters } from "./log-filters";

const parse = (query: string) => parseLogFilters(new URLSearchParams(query));
const NOW = new Date("2026-11-21T12:00:00.000Z");

describe("parseLogFilters", () => {
  it("reads every filter from search params", () => {
    const cursor = encodeCursor({ createdAt: NOW, id: "req_abc" });
    expect(parse(`status=4XX&method=post&path=/v1/payments&key=key_123&since=24h&limit=20&cursor=${cursor}`)).toEqual({
      status: "4xx",
      method: "POST",
      path: "/v1/payments",
      keyId: "key_123",
      since: "24h",
      limit: 20,
      cursor: { createdAt: NOW, id: "req_abc" },
    });
    expect(parse("status=404&from=2026-11-20T00:00:00Z&to=2026-11-21")).toMatchObject({
      status: 404,
      from: new Date("2026-11-20T00:00:00Z"),
      to: new Date("2026-11-21T00:00:00Z"),
    });
    expect(parse("")).toEqual({ limit: 50 });
  });

  it("rejects bad values with one pointer per parameter", () => {
    try {
      parse("status=6xx&method=TRACE&key=sk_sandbox_x&since=1y&limit=500&cursor=nope&from=yesterday");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errors!.map((e) => e.pointer)).toEqual([
        "/query/status",
        "/query/method",
        "/query/key",
        "/query/since",
        "/query/from",
        "/query/limit",
        "/query/cursor",
      ]);
    }
    expect(() => parse("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z")).toThrow(AppError);
  });
});

describe("logFiltersWhere", () => {
  it("turns a status class into a range and a since into a lower bound", () => {
    expect(logFiltersWhere("app_1", { status: "5xx", since: "1h", limit: 50 }, NOW)).toEqual({
      AND: [{ appId: "app_1" }, { status: { gte: 500, lt: 600 } }, { createdAt: { gte: new Date("2026-11-21T11:00:00.000Z") } }],
    });
  });

  it("pages by (created_at, id) so rows with one timestamp are neither lost nor repeated", () => {
    const where = logFiltersWhere("app_1", {
      cursor: { createdAt: NOW, id: "req_b" },
      method: "GET",
      path: "accounts",
      keyId: "key_1",
      limit: 50,
    });
    expect(where.AND).toContainEqual({ OR: [{ createdAt: { lt: NOW } }, { createdAt: NOW, id: { lt: "req_b" } }] });
    expect(where.AND).toContainEqual({ path: { contains: "accounts" } });
    expect(where.AND).toContainEqual({ apiKeyId: "key_1" });
  });

  it("round-trips the filters to a shareable query string", () => {
    const filters = parse("status=4xx&method=GET&path=/v1&key=key_1&since=7d");
    expect(logFiltersToParams(filters).toString()).toBe("status=4xx&method=GET&path=%2Fv1&key=key_1&since=7d");
  });
});
