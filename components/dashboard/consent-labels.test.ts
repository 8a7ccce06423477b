import { describe, expect, it } from "vitest";
import { customerOf, isRevocable, permissionsOf, revokeConsequence, statusLabel } from "./consent-labels";

describe("consent labels", () => {
  it("shows each API's own permission names", () => {
    expect(permissionsOf({ standard: "v1", permissions: ["accounts:read"], standard_permissions: [] })).toEqual(["accounts:read"]);
    expect(permissionsOf({ standard: "uk_open_banking", permissions: [], standard_permissions: ["ReadBalances"] })).toEqual([
      "ReadBalances",
    ]);
  });

  it("revokes only what is still in use, and says what revoking does in the consent's terms", () => {
    expect(["authorised", "awaiting_authorisation"].map((status) => isRevocable({ status: status as "authorised" }))).toEqual([true, true]);
    for (const status of ["rejected", "consumed", "revoked", "expired"] as const) expect(isRevocable({ status })).toBe(false);
    expect(revokeConsequence({ standard: "v1", status: "authorised" })).toContain("consent_revoked");
    expect(revokeConsequence({ standard: "berlin_group", status: "authorised" })).toContain("Berlin Group");
    expect(revokeConsequence({ standard: "uk_open_banking", status: "awaiting_authorisation" })).toContain("can no longer authorise");
  });

  it("names the customer, or nobody yet, and words the status", () => {
    expect(customerOf({ persona: null, customer_id: null })).toBeNull();
    expect(customerOf({ persona: "student", customer_id: "cus_1" })).toBe("student");
    expect(statusLabel("awaiting_authorisation")).toBe("awaiting authorisation");
  });
});
