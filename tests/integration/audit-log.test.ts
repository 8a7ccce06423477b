import { beforeAll, describe, expect, inject, it } from "vitest";
import { AUDIT_ACTIONS } from "../../lib/audit/audit-actions";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { createTeam, inviteLinkFor, newMember, tokenOf } from "../support/teams";

/**
 * Every security-relevant change writes one audit row with actor, time, IP, target and
 * metadata, and no row ever holds a secret (key, invitation token, password).
 */
const portalUrl = inject("portalUrl");

type AuditRow = {
  id: string;
  action: string;
  actor: { id: string | null; email: string };
  target: { type: string; id: string; name: string };
  ip: string;
  metadata: Record<string, unknown>;
  created_at: string;
};

let owner: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
let team: string;
const secrets: string[] = [];

async function auditRows(client = owner.client, query = ""): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", "100");
    if (cursor) params.set("cursor", cursor);
    const { status, body } = await client.json("GET", `/api/teams/${team}/audit?${params}`);
    expect(status).toBe(200);
    rows.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  owner = await PortalClient.newDeveloper(portalUrl, "Audrey Auditor", { verified: true });
  secrets.push(owner.password);
  const headers = { "x-forwarded-for": "198.51.100.23" };
  const created = await owner.client.request("POST", "/api/teams", { name: "Audited team" }, headers);
  team = (await created.json()).id;

  // Keys: created, rolled, revoked.
  const app = await owner.client.json("POST", "/api/apps", {
    name: "Audited app",
    team_id: team,
    redirect_uris: ["https://example.com/cb"],
  });
  secrets.push(app.body.secret);
  const key = await owner.client.json("POST", `/api/apps/${app.body.app.id}/keys`, { name: "CI key", scope: "read_only" });
  secrets.push(key.body.secret);
  const rolled = await owner.client.json("POST", `/api/apps/${app.body.app.id}/keys/${key.body.key.id}/roll`, { overlap_seconds: 3600 });
  secrets.push(rolled.body.secret);
  await owner.client.request("DELETE", `/api/apps/${app.body.app.id}/keys/${rolled.body.key.id}`);

  // App settings: redirect URIs, the OAuth client secret, a webhook endpoint's life.
  const appId = app.body.app.id;
  await owner.client.request("PUT", `/api/apps/${appId}/redirect-uris`, {
    redirect_uris: ["https://example.com/cb", "https://example.com/callback"],
  });
  const clientSecret = await owner.client.json("POST", `/api/apps/${appId}/oauth-client/secret`);
  secrets.push(clientSecret.body.client_secret);
  // A Berlin Group test certificate with a generated key (shown once: never in an audit row), then revoked.
  const certificate = await owner.client.json("POST", `/api/apps/${appId}/tpp-certificate`, {});
  secrets.push(certificate.body.private_key);
  await owner.client.request("DELETE", `/api/apps/${appId}/tpp-certificate`);
  const endpoint = await owner.client.json("POST", `/api/apps/${appId}/webhooks`, {
    url: "http://127.0.0.1:9/hooks?token=receiver-token-123",
    description: "Audited endpoint",
  });
  secrets.push(endpoint.body.secret, "receiver-token-123");
  await owner.client.request("PATCH", `/api/apps/${appId}/webhooks/${endpoint.body.endpoint.id}`, { enabled: false });
  const rotatedSecret = await owner.client.json("POST", `/api/apps/${appId}/webhooks/${endpoint.body.endpoint.id}/rotate-secret`);
  secrets.push(rotatedSecret.body.secret);
  await owner.client.request("DELETE", `/api/apps/${appId}/webhooks/${endpoint.body.endpoint.id}`);

  // A platform admin suspends the app and reinstates it: the team sees both.
  const admin = new PortalClient(portalUrl);
  await admin.signIn("admin@example.com", "Programme-Review-2026");
  await admin.request("POST", `/api/admin/apps/${appId}/suspend`, { reason: "Audit test" });
  await admin.request("POST", `/api/admin/apps/${appId}/reinstate`);

  // Members: invited, joined, role changed, removed, left; invitations resent and revoked.
  const member = await newMember(portalUrl, owner.client, team, "developer", "Dev One");
  secrets.push(member.password, tokenOf(await inviteLinkFor(portalUrl, member.email)));
  await owner.client.request("PATCH", `/api/teams/${team}/members/${member.membershipId}`, { role: "viewer" });
  await owner.client.request("DELETE", `/api/teams/${team}/members/${member.membershipId}`);
  const leaver = await newMember(portalUrl, owner.client, team, "viewer", "Leaver");
  await leaver.client.request("DELETE", `/api/teams/${team}/members/${leaver.membershipId}`);
  const pending = await owner.client.json("POST", `/api/teams/${team}/invites`, { email: "pending-audit@example.com", role: "viewer" });
  secrets.push(tokenOf(await inviteLinkFor(portalUrl, "pending-audit@example.com")));
  await owner.client.request("POST", `/api/teams/${team}/invites/${pending.body.invite.id}/resend`);
  secrets.push(tokenOf(await inviteLinkFor(portalUrl, "pending-audit@example.com")));
  await owner.client.request("DELETE", `/api/teams/${team}/invites/${pending.body.invite.id}`);
  await owner.client.request("PATCH", `/api/teams/${team}`, { name: "Audited team, renamed" });

  // Ownership transferred (to an admin), last so the owner can still do everything above.
  const heir = await newMember(portalUrl, owner.client, team, "admin", "Heir");
  await owner.client.request("POST", `/api/teams/${team}/transfer`, { member_id: heir.membershipId });
}, 120_000);

describe("audit rows", () => {
  it("are written for every security-relevant action, newest first", async () => {
    const rows = await auditRows();
    const actions = new Set(rows.map((row) => row.action));
    for (const action of [
      "team.created",
      "team.renamed",
      "app.created",
      "key.created",
      "key.rolled",
      "key.revoked",
      "member.invited",
      "member.invite_resent",
      "member.invite_revoked",
      "member.joined",
      "member.role_changed",
      "member.removed",
      "member.left",
      "team.ownership_transferred",
      "app.redirect_uris_changed",
      "app.client_secret_rotated",
      "app.tpp_certificate_issued",
      "app.tpp_certificate_revoked",
      "webhook.endpoint_created",
      "webhook.endpoint_changed",
      "webhook.secret_rotated",
      "webhook.endpoint_deleted",
      "app.suspended",
      "app.reinstated",
    ]) {
      expect(actions, action).toContain(action);
    }
    const times = rows.map((row) => Date.parse(row.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const row of rows) expect(AUDIT_ACTIONS).toContain(row.action);
  });

  it("carry the actor, the client IP, the target and useful metadata", async () => {
    const rows = await auditRows();
    const created = rows.find((row) => row.action === "team.created")!;
    expect(created).toMatchObject({ actor: { email: owner.email }, ip: "198.51.100.23", target: { type: "team", id: team } });

    const rolled = rows.find((row) => row.action === "key.rolled")!;
    expect(rolled.target).toMatchObject({ type: "api_key", name: "CI key" });
    expect(rolled.metadata).toMatchObject({
      overlap_seconds: 3600,
      old_prefix: expect.stringMatching(/^sk_sandbox_.{4}….{4}$/),
      new_prefix: expect.any(String),
    });
    expect(Date.parse(rolled.metadata.old_key_expires_at as string)).toBeGreaterThan(Date.now());

    const roleChanged = rows.find((row) => row.action === "member.role_changed")!;
    expect(roleChanged.metadata).toEqual({ old_role: "developer", new_role: "viewer" });

    const left = rows.find((row) => row.action === "member.left")!;
    expect(left.actor.email).toBe(left.target.name);

    const keyCreated = rows.filter((row) => row.action === "key.created");
    expect(keyCreated.map((row) => row.metadata.scope)).toContain("read_only");
  });

  it("never hold a secret: no key, invitation token or password in any row", async () => {
    const text = JSON.stringify(await auditRows());
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/sk_sandbox_[0-9A-Za-z]{36}/);
  });

  it("filter by action and page with a cursor", async () => {
    const invited = await auditRows(owner.client, "action=member.invited");
    expect(invited.length).toBeGreaterThanOrEqual(4);
    expect(invited.every((row) => row.action === "member.invited")).toBe(true);

    const first = await owner.client.json("GET", `/api/teams/${team}/audit?limit=2`);
    expect(first.body.data).toHaveLength(2);
    const second = await owner.client.json("GET", `/api/teams/${team}/audit?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data[0].id).not.toBe(first.body.data[1].id);
    expect(Date.parse(second.body.data[0].created_at)).toBeLessThanOrEqual(Date.parse(first.body.data[1].created_at));

    for (const query of ["action=key.exploded", "limit=0", "limit=101", "cursor=nope"]) {
      await expectProblem(await owner.client.request("GET", `/api/teams/${team}/audit?${query}`), 400, "validation_failed");
    }
  });

  it("are visible to owners and admins only", async () => {
    // The original owner is an admin now; members of other roles are refused.
    expect((await owner.client.request("GET", `/api/teams/${team}/audit`)).status).toBe(200);
    for (const role of ["developer", "viewer"]) {
      const member = await newMember(portalUrl, owner.client, team, role, `${role} reader`);
      await expectProblem(await member.client.request("GET", `/api/teams/${team}/audit`), 403, "forbidden");
    }
  });
});

describe("invitations", () => {
  it("work once, for the invited address only", async () => {
    const founder = await PortalClient.newDeveloper(portalUrl, "Inviter", { verified: true });
    const own = await createTeam(founder.client, "Invite team");
    const invitee = await PortalClient.newDeveloper(portalUrl, "Invitee");
    const other = await PortalClient.newDeveloper(portalUrl, "Other");
    await founder.client.request("POST", `/api/teams/${own}/invites`, { email: invitee.email.toUpperCase(), role: "developer" });
    const token = tokenOf(await inviteLinkFor(portalUrl, invitee.email));

    await expectProblem(await other.client.request("POST", "/api/invites/accept", { token }), 403, "invite_email_mismatch");
    const accepted = await invitee.client.json("POST", "/api/invites/accept", { token });
    expect(accepted).toMatchObject({ status: 200, body: { team_id: own, role: "developer" } });
    await expectProblem(await invitee.client.request("POST", "/api/invites/accept", { token }), 410, "invite_expired");
    await expectProblem(
      await founder.client.request("POST", `/api/teams/${own}/invites`, { email: invitee.email, role: "viewer" }),
      409,
      "conflict",
    );
  });

  it("stop working when revoked or resent (the old link dies)", async () => {
    const founder = await PortalClient.newDeveloper(portalUrl, "Inviter", { verified: true });
    const own = await createTeam(founder.client, "Resend team");
    const invitee = await PortalClient.newDeveloper(portalUrl, "Invitee");
    const invite = await founder.client.json("POST", `/api/teams/${own}/invites`, { email: invitee.email, role: "viewer" });
    const firstToken = tokenOf(await inviteLinkFor(portalUrl, invitee.email));
    await founder.client.request("POST", `/api/teams/${own}/invites/${invite.body.invite.id}/resend`);
    const secondToken = tokenOf(await inviteLinkFor(portalUrl, invitee.email));
    expect(secondToken).not.toBe(firstToken);
    await expectProblem(await invitee.client.request("POST", "/api/invites/accept", { token: firstToken }), 404, "resource_not_found");
    await founder.client.request("DELETE", `/api/teams/${own}/invites/${invite.body.invite.id}`);
    await expectProblem(await invitee.client.request("POST", "/api/invites/accept", { token: secondToken }), 410, "invite_expired");
  });

  it("let a new person sign up from the link with the invited address", async () => {
    const founder = await PortalClient.newDeveloper(portalUrl, "Inviter", { verified: true });
    const own = await createTeam(founder.client, "Sign-up team");
    const email = `newcomer-${Date.now()}@example.com`;
    await founder.client.request("POST", `/api/teams/${own}/invites`, { email, role: "viewer" });
    const token = tokenOf(await inviteLinkFor(portalUrl, email));
    const weak = await fetch(`${portalUrl}/api/invites/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: portalUrl },
      body: JSON.stringify({ token, name: "Newcomer", password: "short" }),
    });
    await expectProblem(weak, 400, "validation_failed");
    const response = await fetch(`${portalUrl}/api/invites/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: portalUrl },
      body: JSON.stringify({ token, name: "Newcomer", password: "Correct-horse-battery-9" }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ team_id: own, user: { email } });
    const newcomer = new PortalClient(portalUrl);
    await newcomer.signIn(email, "Correct-horse-battery-9");
    const { body } = await newcomer.json("GET", "/api/teams");
    expect(body.data.map((t: { id: string; role: string }) => [t.id, t.role])).toContainEqual([own, "viewer"]);
  });
});
