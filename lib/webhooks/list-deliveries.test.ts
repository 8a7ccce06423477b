import { describe, expect, it } from "vitest";
import { zodIssuesToFieldErrors } from "@/lib/http/route-handler";
import { deliveryQuery } from "./list-deliveries";

function problems(query: Record<string, string>) {
  const result = deliveryQuery.safeParse(query);
  return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, "/query");
}

describe("deliveryQuery", () => {
  it("defaults to 50 per page, no status, no cursor", () => {
    expect(deliveryQuery.parse({})).toEqual({ limit: 50 });
    expect(deliveryQuery.parse({ status: "failed", limit: "100", cursor: "dlv_abc123" })).toEqual({
      status: "failed",
      limit: 100,
      cursor: "dlv_abc123",
    });
  });

  it("points at the bad parameter, once, with a message that says what fits", () => {
    expect(problems({ status: "lost" })).toEqual([{ pointer: "/query/status", detail: "must be pending, succeeded or failed" }]);
    for (const limit of ["0", "101", "1.5", "ten", ""]) {
      expect(problems({ limit }), limit).toEqual([{ pointer: "/query/limit", detail: "must be an integer from 1 to 100" }]);
    }
    for (const cursor of ["nope", "", `dlv_${"a".repeat(60)}`]) {
      expect(problems({ cursor }), cursor).toEqual([{ pointer: "/query/cursor", detail: "must be a next_cursor from a previous page" }]);
    }
  });
});
