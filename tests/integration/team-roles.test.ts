import type { Role } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ACTIONS, can, ROLES, type Action } from "../../lib/teams/permissions";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { createTeam, join, newMember } from "../support/teams";

/**
 * The role × action matrix, on the server: every mutating action, called by each role
 * through the portal API, is allowed exactly when lib/teams/permissions.ts says so, and
 * otherwise answers 403 problem+json (never a 2xx, never a 500).
 */
const portalUrl = inject("portalUrl");

type Member = { client: PortalClient; email: string; membershipId: string };
let team: string;
let appId: string;
const members = {} as Record<Role, Member>;
let owner: PortalClient;

beforeAll(async () => {
  const founder = await PortalClient.newDeveloper(portalUrl, "Olivia Owner", { verified: true });
  owner = founder.client;
  team = await createTeam(owner, "Matrix team");
  const created = await owner.json("POST", "/api/apps", { name: "Matrix app", team_id: team });
  appId = created.body.app.id;
  const self = await owner.json("GET", `/api/teams/${team}/members`);
  members.owner = { client: owner, email: founder.email, membershipId: self.body.data[0].id };
  for (const role of ["admin", "developer", "viewer"] as const)
    members[role] = await newMember(portalUrl, owner, team, role, `${role} member`);
}, 120_000);

async function freshKey(): Promise<string> {
  const { body } = await owner.json("POST", `/api/apps/${appId}/keys`, { name: `target ${randomBytes(3).toString("hex")}` });
  return body.key.id;
}

async function freshInvite(): Promise<string> {
  const { body } = await owner.json("POST", `/api/teams/${team}/invites`, {
    email: `invitee-${randomBytes(5).toString("hex")}@example.com`,
    role: "viewer",
  });
  return body.invite.id;
}

type Outcome = { status: number; code?: string };
type Case = {
  action: Action;
  /** Calls the endpoint as `actor` (setting up a fresh target first when the call consumes it). */
  call: (actor: Member, role: Role) => Promise<Response>;
  /** What a permitted call answers. */
  allowed: number;
  /** Exceptions to "forbidden → 403 forbidden" (the owner leaving is a 409, not a 403). */
  special?: Partial<Record<Role, Outcome>>;
};

const cases: Case[] = [
  {
    action: "app:create",
    allowed: 201,
    call: (actor) => actor.client.request("POST", "/api/apps", { name: "Another app", team_id: team }),
  },
  { action: "key:create", allowed: 201, call: (actor) => actor.client.request("POST", `/api/apps/${appId}/keys`, { name: "Matrix key" }) },
  {
    action: "key:roll",
    allowed: 201,
    call: async (actor) => actor.client.request("POST", `/api/apps/${appId}/keys/${await freshKey()}/roll`, { overlap_seconds: 60 }),
  },
  {
    action: "key:revoke",
    allowed: 200,
    call: async (actor) => actor.client.request("DELETE", `/api/apps/${appId}/keys/${await freshKey()}`),
  },
  {
    action: "app:delete",
    allowed: 204,
    call: async (actor) => {
      const doomed = await owner.json("POST", "/api/apps", { name: `Doomed ${randomBytes(3).toString("hex")}`, team_id: team });
      return actor.client.request("DELETE", `/api/apps/${doomed.body.app.id}`);
    },
  },
  { action: "team:update", allowed: 200, call: (actor) => actor.client.request("PATCH", `/api/teams/${team}`, { name: "Matrix team" }) },
  {
    action: "member:invite",
    allowed: 201,
    call: (actor) =>
      actor.client.request("POST", `/api/teams/${team}/invites`, {
        email: `new-${randomBytes(5).toString("hex")}@example.com`,
        role: "developer",
      }),
  },
  {
    action: "invite:revoke",
    allowed: 200,
    call: async (actor) => actor.client.request("DELETE", `/api/teams/${team}/invites/${await freshInvite()}`),
  },
  {
    action: "invite:resend",
    allowed: 200,
    call: async (actor) => actor.client.request("POST", `/api/teams/${team}/invites/${await freshInvite()}/resend`),
  },
  {
    action: "member:change_role",
    allowed: 200,
    call: async (actor) => {
      const target = await newMember(portalUrl, owner, team, "viewer", "Role target");
      return actor.client.request("PATCH", `/api/teams/${team}/members/${target.membershipId}`, { role: "developer" });
    },
  },
  {
    action: "member:remove",
    allowed: 204,
    call: async (actor) => {
      const target = await newMember(portalUrl, owner, team, "viewer", "Removal target");
      return actor.client.request("DELETE", `/api/teams/${team}/members/${target.membershipId}`);
    },
  },
  {
    action: "team:leave",
    allowed: 204,
    special: { owner: { status: 409, code: "owner_must_transfer" } },
    // A fresh member of the role leaves (the fixed members stay for the other cases); the owner tries to.
    call: async (actor, role) => {
      if (role === "owner") return actor.client.request("DELETE", `/api/teams/${team}/members/${actor.membershipId}`);
      const leaver = await newMember(portalUrl, owner, team, role, "Leaver");
      return leaver.client.request("DELETE", `/api/teams/${team}/members/${leaver.membershipId}`);
    },
  },
  {
    action: "team:transfer",
    allowed: 204,
    // Its own team per call, so a successful transfer does not change the matrix team's owner.
    call: async (actor, role) => {
      const founder = await PortalClient.newDeveloper(portalUrl, "Transfer founder", { verified: true });
      const own = await createTeam(founder.client, "Transfer team");
      const heir = await newMember(portalUrl, founder.client, own, "developer", "Heir");
      if (role === "owner") return founder.client.request("POST", `/api/teams/${own}/transfer`, { member_id: heir.membershipId });
      await join({ portalUrl, inviter: founder.client, teamId: own, member: actor, role });
      return actor.client.request("POST", `/api/teams/${own}/transfer`, { member_id: heir.membershipId });
    },
  },
  {
    action: "team:set_policies",
    allowed: 200,
    // Leaves the policy as it is (off): the matrix team's members must not be shut out mid-run.
    call: (actor) => actor.client.request("PATCH", `/api/teams/${team}/policies`, { require_two_factor: false }),
  },
  { action: "audit:read", allowed: 200, call: (actor) => actor.client.request("GET", `/api/teams/${team}/audit`) },
  {
    action: "app:update",
    allowed: 200,
    call: (actor) => actor.client.request("PUT", `/api/apps/${appId}/redirect-uris`, { redirect_uris: ["http://localhost:8080/callback"] }),
  },
  {
    action: "webhook:manage",
    allowed: 201,
    call: (actor) =>
      actor.client.request("POST", `/api/apps/${appId}/webhooks`, {
        url: `http://127.0.0.1:9/hooks/${randomBytes(3).toString("hex")}`,
        description: "Matrix endpoint",
      }),
  },
];

/** Actions in the table that have no portal endpoint of their own. */
const withoutEndpoint: Action[] = [];
/** Read actions every role has; checked once below. */
const readOnly: Action[] = ["app:read", "logs:read", "team:read", "key:use"];

it("covers every action of the permission table", () => {
  const covered = new Set([...cases.map((c) => c.action), ...withoutEndpoint, ...readOnly]);
  expect(ACTIONS.filter((action) => !covered.has(action))).toEqual([]);
});

describe.each(cases)("$action", (testCase) => {
  it.each(ROLES)(
    "as %s",
    async (role) => {
      const response = await testCase.call(members[role], role);
      const special = testCase.special?.[role];
      if (special) {
        await expectProblem(response, special.status, special.code!);
      } else if (can(role, testCase.action)) {
        expect(response.status, await response.clone().text()).toBe(testCase.allowed);
      } else {
        await expectProblem(response, 403, "forbidden");
      }
    },
    60_000,
  );
});

describe("reads and the docs credential", () => {
  it.each(ROLES)("as %s: reads the team, app, keys and logs", async (role) => {
    const { client } = members[role];
    for (const path of [
      `/api/teams/${team}`,
      `/api/teams/${team}/members`,
      `/api/teams/${team}/invites`,
      `/api/apps/${appId}`,
      `/api/apps/${appId}/keys`,
      `/api/apps/${appId}/requests`,
    ]) {
      const response = await client.request("GET", path);
      expect(response.status, `${role} GET ${path}`).toBe(200);
    }
  });

  it.each(ROLES)("as %s: calls the sandbox from the docs only with key:use", async (role) => {
    const keyId = await freshKey();
    const response = await fetch(`${portalUrl}/v1/accounts?limit=1`, {
      headers: { cookie: members[role].client.cookieHeader, origin: portalUrl, "x-portal-key-id": keyId },
    });
    if (can(role, "key:use")) expect(response.status).toBe(200);
    else await expectProblem(response, 401, "invalid_api_key");
  });

  it("hides a team from non-members as 404, like an unknown id", async () => {
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Stranger");
    for (const [method, path, body] of [
      ["GET", `/api/teams/${team}/members`],
      ["POST", `/api/teams/${team}/invites`, { email: "x@example.com", role: "viewer" }],
      ["DELETE", `/api/teams/${team}/members/${members.viewer.membershipId}`],
      ["GET", `/api/teams/${team}/audit`],
      ["POST", "/api/teams/current", { team_id: team }],
    ] as const) {
      await expectProblem(await stranger.request(method, path, body), 404, "resource_not_found");
    }
  });
});

describe("relative rules", () => {
  it("lets nobody change the owner's role or remove the owner, and admins not grant ownership", async () => {
    const admin = members.admin.client;
    await expectProblem(
      await admin.request("PATCH", `/api/teams/${team}/members/${members.owner.membershipId}`, { role: "viewer" }),
      403,
      "forbidden",
    );
    await expectProblem(await admin.request("DELETE", `/api/teams/${team}/members/${members.owner.membershipId}`), 403, "forbidden");
    const owner = await admin.request("PATCH", `/api/teams/${team}/members/${members.viewer.membershipId}`, { role: "owner" });
    await expectProblem(owner, 400, "validation_failed");
    await expectProblem(
      await admin.request("POST", `/api/teams/${team}/invites`, { email: "boss@example.com", role: "owner" }),
      400,
      "validation_failed",
    );
  });

  it("keeps exactly one owner through a transfer, and the old owner can then leave", async () => {
    const founder = await PortalClient.newDeveloper(portalUrl, "Founder", { verified: true });
    const own = await createTeam(founder.client, "Handover team");
    const heir = await newMember(portalUrl, founder.client, own, "admin", "Heir");
    expect((await founder.client.request("POST", `/api/teams/${own}/transfer`, { member_id: heir.membershipId })).status).toBe(204);
    const { body } = await heir.client.json("GET", `/api/teams/${own}/members`);
    expect(body.data.filter((m: { role: string }) => m.role === "owner").map((m: { email: string }) => m.email)).toEqual([heir.email]);
    expect(body.data.find((m: { email: string }) => m.email === founder.email).role).toBe("admin");
    const me = body.data.find((m: { email: string }) => m.email === founder.email).id;
    expect((await founder.client.request("DELETE", `/api/teams/${own}/members/${me}`)).status).toBe(204);
    await expectProblem(await founder.client.request("GET", `/api/teams/${own}`), 404, "resource_not_found");
  });

  it("refuses to transfer a personal team or to a non-member", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Solo");
    const { body: teams } = await client.json("GET", "/api/teams");
    const personal = teams.data[0].id;
    await expectProblem(
      await client.request("POST", `/api/teams/${personal}/transfer`, { member_id: members.viewer.membershipId }),
      404,
      "resource_not_found",
    );
    await expectProblem(await client.request("DELETE", `/api/teams/${personal}/members/nope`), 404, "resource_not_found");
  });
});
