import type { Role } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { ACTIONS, ASSIGNABLE_ROLES, can, canInviteAs, canManageMember, ROLES, type Action } from "./permissions";

/** The whole table, written out: a change to permissions.ts must change this on purpose. */
const expected: Record<Action, Role[]> = {
  "app:read": ["owner", "admin", "developer", "viewer"],
  "app:create": ["owner", "admin", "developer"],
  "app:update": ["owner", "admin", "developer"],
  "app:delete": ["owner", "admin"],
  "key:create": ["owner", "admin", "developer"],
  "key:roll": ["owner", "admin", "developer"],
  "key:revoke": ["owner", "admin", "developer"],
  "key:use": ["owner", "admin", "developer"],
  "logs:read": ["owner", "admin", "developer", "viewer"],
  "webhook:manage": ["owner", "admin", "developer"],
  "team:read": ["owner", "admin", "developer", "viewer"],
  "team:update": ["owner", "admin"],
  "member:invite": ["owner", "admin"],
  "member:remove": ["owner", "admin"],
  "member:change_role": ["owner", "admin"],
  "invite:revoke": ["owner", "admin"],
  "invite:resend": ["owner", "admin"],
  "team:leave": ["admin", "developer", "viewer"],
  "team:transfer": ["owner"],
  "team:set_policies": ["owner"],
  "audit:read": ["owner", "admin"],
};

describe("can(role, action)", () => {
  it("covers exactly the actions listed here", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const action of Object.keys(expected) as Action[]) {
    it(`${action}: ${expected[action].join(", ")}`, () => {
      for (const role of ROLES) expect(can(role, action), `${role} × ${action}`).toBe(expected[action].includes(role));
    });
  }

  it("never lets a viewer change anything", () => {
    const mutations = ACTIONS.filter((action) => !action.endsWith(":read") && action !== "team:leave");
    for (const action of mutations) expect(can("viewer", action), action).toBe(false);
  });

  it("gives the owner everything but leaving", () => {
    expect(ACTIONS.filter((action) => !can("owner", action))).toEqual(["team:leave"]);
  });
});

describe("canManageMember(actor, target, next?)", () => {
  it("never touches the owner and never makes one", () => {
    for (const actor of ROLES) {
      expect(canManageMember(actor, "owner")).toBe(false);
      for (const target of ASSIGNABLE_ROLES) expect(canManageMember(actor, target, "owner")).toBe(false);
    }
  });

  it("lets the owner and admins manage admins, developers and viewers", () => {
    for (const actor of ["owner", "admin"] as const) {
      for (const target of ASSIGNABLE_ROLES) {
        expect(canManageMember(actor, target), `${actor} removes ${target}`).toBe(true);
        for (const next of ASSIGNABLE_ROLES) expect(canManageMember(actor, target, next), `${actor}: ${target} → ${next}`).toBe(true);
      }
    }
  });

  it("lets developers and viewers manage nobody", () => {
    for (const actor of ["developer", "viewer"] as const) {
      for (const target of ["developer", "viewer"] as const) {
        expect(canManageMember(actor, target)).toBe(false);
        expect(canManageMember(actor, target, "viewer")).toBe(false);
      }
    }
  });
});

describe("canInviteAs(actor, role)", () => {
  it("lets owners and admins invite up to admin, never as owner", () => {
    for (const actor of ["owner", "admin"] as const) {
      for (const role of ASSIGNABLE_ROLES) expect(canInviteAs(actor, role)).toBe(true);
      expect(canInviteAs(actor, "owner")).toBe(false);
    }
    for (const actor of ["developer", "viewer"] as const) for (const role of ROLES) expect(canInviteAs(actor, role)).toBe(false);
  });
});
