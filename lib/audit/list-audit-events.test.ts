import { describe, expect, it } from "vitest";
import { listAuditQuery } from "./list-audit-events";

describe("listAuditQuery", () => {
  it('takes an empty parameter (a form\'s "All actions") as no filter', () => {
    expect(listAuditQuery.parse({ action: "", limit: "", cursor: "" })).toEqual({ limit: 25 });
    expect(listAuditQuery.parse({ action: "key.revoked", limit: "10" })).toEqual({ action: "key.revoked", limit: 10 });
  });

  it("refuses unknown actions, limits outside 1 to 100 and foreign cursors", () => {
    for (const query of [{ action: "key.exploded" }, { limit: "0" }, { limit: "101" }, { cursor: "nope" }]) {
      expect(listAuditQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });
});
