import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { newId } from "@openbank/contracts/ids";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { dumpDatabase, encodings } from "../reliability/support/database-dump";
import { expectProblem } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";
import { ageSessionProof } from "../support/stored-rows";
import { suiteMailbox } from "../support/suite-mailbox";
import { createTeam, join, newMember } from "../support/teams";

/**
 * Data rights: the profile name, the export (one JSON file of everything held about the developer,
 * never a secret or a hash), and deleting the account (blocked by a shared owned team, step-up
 * enforced, personal data gone, audit entries kept and pseudonymised, what stays in others' teams
 * passed to their owners and still working, a confirmation mail).
 */
const portalUrl = inject("portalUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());
let db: PrismaClient;

beforeAll(() => {
  db = createPrismaClient(inject("portalDatabaseUrl"));
});
afterAll(async () => db?.$disconnect());

type Developer = Awaited<ReturnType<typeof PortalClient.newDeveloper>>;

/** Checks an answer against /api/openapi.json and returns its body. */
async function documented(method: string, path: string, response: Response) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  published.assertResponse({ method, path, status: response.status, contentType: response.headers.get("content-type"), body });
  return body;
}

async function currentSessionId(client: PortalClient): Promise<string> {
  return (await client.json("GET", "/api/account/sessions")).body.data.find((row: { current: boolean }) => row.current).id;
}

async function auditOf(client: PortalClient, teamId: string) {
  const { status, body } = await client.json("GET", `/api/teams/${teamId}/audit?limit=100`);
  expect(status).toBe(200);
  return body.data as Array<{
    action: string;
    actor: { id: string | null; email: string };
    target: { id: string; name: string };
    metadata: Record<string, unknown>;
  }>;
}

describe("PATCH /api/account: the profile name", () => {
  let developer: Developer;
  beforeAll(async () => {
    developer = await PortalClient.newDeveloper(portalUrl, "Nora Name", { verified: true });
  });

  it("renames the developer (trimmed), as their teams then see them, audited without the names", async () => {
    const response = await developer.client.request("PATCH", "/api/account", { name: "  Nora Renamed  " });
    expect(response.status).toBe(200);
    const account = await documented("PATCH", "/api/account", response);
    expect(account.name).toBe("Nora Renamed");
    expect((await developer.client.json("GET", "/api/account")).body.name).toBe("Nora Renamed");
    const teams = (await developer.client.json("GET", "/api/teams")).body.data;
    const members = (await developer.client.json("GET", `/api/teams/${teams[0].id}/members`)).body.data;
    expect(members[0].name).toBe("Nora Renamed");

    const rows = await db.auditEvent.findMany({ where: { actorId: account.id, action: "account.profile_changed" } });
    expect(rows).toHaveLength(1);
    expect(rows[0].teamId).toBeNull();
    expect(rows[0].metadata).toEqual({ fields: ["name"] });
    expect(JSON.stringify(rows[0])).not.toMatch(/Nora/);
    // The same name again changes nothing and audits nothing.
    expect((await developer.client.json("PATCH", "/api/account", { name: "Nora Renamed" })).status).toBe(200);
    expect(await db.auditEvent.count({ where: { actorId: account.id, action: "account.profile_changed" } })).toBe(1);
  });

  it.each([
    ["empty", { name: "   " }, "Enter your name"],
    ["too long", { name: "x".repeat(101) }, "Use at most 100 characters"],
    ["missing", {}, "Enter your name"],
    ["not a string", { name: 42 }, "Enter your name"],
  ])("refuses a name that is %s: 400 pointing at /body/name", async (_, body, message) => {
    const response = await developer.client.request("PATCH", "/api/account", body);
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors).toEqual([{ pointer: "/body/name", detail: message }]);
  });

  it("needs a session, from the portal's own origin", async () => {
    await expectProblem(await new PortalClient(portalUrl).request("PATCH", "/api/account", { name: "Mallory" }), 401, "unauthenticated");
    const forged = await developer.client.request("PATCH", "/api/account", { name: "Mallory" }, { origin: "https://evil.example" });
    await expectProblem(forged, 403, "forbidden");
    expect((await developer.client.json("GET", "/api/account")).body.name).toBe("Nora Renamed");
  });
});

describe("GET /api/account/export", () => {
  let owner: Developer;
  let sharedTeam: string;
  /** Every secret the developer was shown, to search the export for. */
  const shown: string[] = [];
  let exported: Record<string, unknown> & { account: { id: string } };
  let text: string;
  let response: Response;

  beforeAll(async () => {
    owner = await PortalClient.newDeveloper(portalUrl, "Ella Export", { verified: true });
    shown.push(owner.password);
    // An app with keys (created, rolled, revoked), an OAuth client secret and a webhook endpoint.
    const created = await owner.client.createApp("Export app");
    shown.push(created.secret);
    const appId = created.app.id;
    const second = await owner.client.json("POST", `/api/apps/${appId}/keys`, { name: "CI key", scope: "read_only" });
    shown.push(second.body.secret);
    const rolled = await owner.client.json("POST", `/api/apps/${appId}/keys/${second.body.key.id}/roll`, { overlap_seconds: 3600 });
    shown.push(rolled.body.secret);
    await owner.client.request("DELETE", `/api/apps/${appId}/keys/${created.key.id}`);
    const client = await owner.client.json("POST", `/api/apps/${appId}/oauth-client/secret`);
    expect(client.status).toBe(201);
    shown.push(client.body.client_secret);
    const endpoint = await owner.client.json("POST", `/api/apps/${appId}/webhooks`, { url: "https://hooks.example.com/openbank" });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    shown.push(endpoint.body.secret);
    // A shared team with a member and a pending invitation; and membership in someone else's team.
    sharedTeam = await createTeam(owner.client, "Export shared team");
    await newMember(portalUrl, owner.client, sharedTeam, "viewer", "Export Colleague");
    expect(
      (await owner.client.json("POST", `/api/teams/${sharedTeam}/invites`, { email: "pending@example.com", role: "developer" })).status,
    ).toBe(201);
    const other = await PortalClient.newDeveloper(portalUrl, "Other Owner", { verified: true });
    const otherTeam = await createTeam(other.client, "Someone else's team");
    await join({ portalUrl, inviter: other.client, teamId: otherTeam, member: owner, role: "developer" });
    // A second browser, signed out since.
    const laptop = new PortalClient(portalUrl);
    await laptop.signIn(owner.email, owner.password);
    await owner.client.request("DELETE", `/api/account/sessions/${await currentSessionId(laptop)}`);

    // What other features store (two-factor, passkeys, email links, single sign-on), written as they would.
    const account = (await owner.client.json("GET", "/api/account")).body;
    const userId: string = account.id;
    await db.user.update({
      where: { id: userId },
      data: { totpSecret: `v1.${randomBytes(48).toString("base64url")}`, totpEnabledAt: new Date() },
    });
    await db.recoveryCode.createMany({
      data: Array.from({ length: 3 }, () => ({ id: newId("recoveryCode"), userId, codeHash: randomBytes(32).toString("hex") })),
    });
    await db.passkey.create({
      data: {
        id: newId("passkey"),
        userId,
        credentialId: randomBytes(32).toString("base64url"),
        publicKey: randomBytes(77).toString("base64url"),
        name: "Work laptop",
        transports: '["internal"]',
      },
    });
    await db.accountToken.create({
      data: {
        id: newId("accountToken"),
        userId,
        kind: "verify_email",
        tokenHash: randomBytes(32).toString("hex"),
        email: owner.email,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await db.ssoIdentity.create({
      data: { id: newId("ssoIdentity"), userId, issuer: "https://idp.example.com", subject: "ella-123", email: owner.email },
    });

    response = await owner.client.request("GET", "/api/account/export");
    text = await response.clone().text();
    exported = await documented("GET", "/api/account/export", response);
  }, 120_000);

  it("answers one JSON file to download, never cached", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="openbank-account-${new Date().toISOString().slice(0, 10)}.json"`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("holds the account, memberships, apps with their keys, audit entries, sessions, factors, SSO, invitations and email links", () => {
    const doc = exported as unknown as {
      format: string;
      account: {
        email: string;
        name: string;
        has_password: boolean;
        two_factor: { totp_enabled_at: string | null; recovery_codes: object };
      };
      memberships: Array<{ team: { name: string }; role: string }>;
      apps: Array<{
        name: string;
        keys: Array<{ name: string; status: string }>;
        oauth_client: { client_id: string; profile: string; token_endpoint_auth_method: string; jwks: unknown; jwks_uri: unknown } | null;
        webhook_endpoints: unknown[];
      }>;
      audit_events: Array<{ action: string; actor: { id: string } }>;
      sessions: Array<{ current: boolean; revoked_at: string | null }>;
      passkeys: Array<{ name: string }>;
      sso_identities: Array<{ issuer: string; subject: string }>;
      invites_sent: Array<{ email: string; status: string }>;
      email_links: Array<{ kind: string }>;
    };
    expect(doc.format).toBe("openbank-account-export/1");
    expect(doc.account).toMatchObject({ email: owner.email, name: "Ella Export", has_password: true });
    expect(doc.account.two_factor.totp_enabled_at).not.toBeNull();
    expect(doc.account.two_factor.recovery_codes).toEqual({ total: 3, unused: 3 });
    expect(doc.memberships.map((m) => [m.team.name, m.role]).sort()).toEqual(
      [
        ["Ella Export's team", "owner"],
        ["Export shared team", "owner"],
        ["Someone else's team", "developer"],
      ].sort(),
    );
    expect(doc.apps).toHaveLength(1);
    expect(doc.apps[0].name).toBe("Export app");
    expect(doc.apps[0].keys.map((key) => key.status).sort()).toEqual(["active", "expiring", "revoked"]);
    expect(doc.apps[0].oauth_client?.client_id).toMatch(/^cli_/);
    expect(doc.apps[0].oauth_client).toMatchObject({
      profile: "basic",
      token_endpoint_auth_method: "client_secret_basic",
      jwks: null,
      jwks_uri: null,
      message_signing: false,
    });
    expect(doc.apps[0].webhook_endpoints).toHaveLength(1);
    const actions = new Set(doc.audit_events.map((event) => event.action));
    for (const action of [
      "team.created",
      "app.created",
      "key.created",
      "key.rolled",
      "key.revoked",
      "member.invited",
      "member.joined",
      "account.session_revoked",
    ])
      expect(actions, action).toContain(action);
    expect(doc.audit_events.every((event) => event.actor.id === exported.account.id)).toBe(true);
    expect(doc.sessions.filter((session) => session.current)).toHaveLength(1);
    expect(doc.sessions.filter((session) => session.revoked_at !== null)).toHaveLength(1);
    expect(doc.passkeys.map((passkey) => passkey.name)).toEqual(["Work laptop"]);
    expect(doc.sso_identities).toEqual([expect.objectContaining({ issuer: "https://idp.example.com", subject: "ella-123" })]);
    expect(doc.invites_sent.map((invite) => invite.status).sort()).toEqual(["accepted", "pending"]);
    // The link mailed at sign-up (used) and the one inserted above.
    expect(doc.email_links.map((link) => link.kind)).toEqual(["verify_email", "verify_email"]);
  });

  it("contains no secret and no hash of any kind: every stored hash, seed, key and public key is searched for", async () => {
    const userId = exported.account.id;
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const apps = await db.app.findMany({
      where: { createdById: userId },
      include: { apiKeys: true, oauthClient: true, webhookEndpoints: true },
    });
    const stored = [
      user.passwordHash!,
      user.totpSecret!,
      ...apps.flatMap((app) => app.apiKeys.map((key) => key.hash)),
      ...apps.map((app) => app.oauthClient!.secretHash!),
      ...apps.flatMap((app) => app.webhookEndpoints.map((endpoint) => endpoint.secretCiphertext)),
      ...(await db.teamInvite.findMany({ where: { invitedById: userId } })).map((invite) => invite.tokenHash),
      ...(await db.accountToken.findMany({ where: { userId } })).map((token) => token.tokenHash),
      ...(await db.recoveryCode.findMany({ where: { userId } })).map((code) => code.codeHash),
      ...(await db.passkey.findMany({ where: { userId } })).flatMap((passkey) => [passkey.publicKey, passkey.credentialId]),
    ];
    expect(stored.length).toBeGreaterThanOrEqual(14);
    const cookie = owner.client.cookieHeader.split("next-auth.session-token=")[1].split(";")[0];
    for (const secret of [...stored, ...shown, cookie]) {
      for (const form of encodings(secret)) expect(text.includes(form), `the export holds ${form.slice(0, 12)}…`).toBe(false);
    }
    expect(text).not.toMatch(/sk_sandbox_[0-9A-Za-z]{20}|whsec_|\$2[aby]\$|"(password|secret|token|code|public_key)_?hash"/i);
  });

  it("is audited, and holds only the developer's own data", async () => {
    expect(await db.auditEvent.count({ where: { actorId: exported.account.id, action: "account.exported", teamId: null } })).toBe(1);
    const stranger = await PortalClient.newDeveloper(portalUrl, "Stranger Export", { verified: true });
    const theirs = await (await stranger.client.request("GET", "/api/account/export")).text();
    expect(theirs).not.toContain(exported.account.id);
    expect(theirs).not.toContain(owner.email);
    expect(theirs).not.toContain("Export app");
    await expectProblem(await new PortalClient(portalUrl).request("GET", "/api/account/export"), 401, "unauthenticated");
  });
});

describe("DELETE /api/account", () => {
  it("is refused (409, naming the teams) while the developer owns a team with other members, and deletes nothing", async () => {
    const developer = await PortalClient.newDeveloper(portalUrl, "Bo Blocked", { verified: true });
    const team = await createTeam(developer.client, "Blocking team");
    await newMember(portalUrl, developer.client, team, "developer", "Blocked Colleague");
    const response = await developer.client.request("DELETE", "/api/account");
    await documented("DELETE", "/api/account", response.clone());
    const problem = await expectProblem(response, 409, "account_owns_teams");
    expect(problem.detail).toContain("“Blocking team”");
    expect(problem.detail).toContain(team);
    expect(problem.detail).toMatch(/Transfer ownership/);
    expect((await developer.client.json("GET", "/api/account")).status).toBe(200);
    expect((await developer.client.json("GET", `/api/teams/${team}/members`)).body.data).toHaveLength(2);
  });

  it("needs a proof of identity from the last 10 minutes: 403 step_up_required, then works after a step-up", async () => {
    const developer = await PortalClient.newDeveloper(portalUrl, "Sam StepUp", { verified: true });
    await ageSessionProof(inject("portalDatabaseUrl"), developer.email, 11);
    const refused = await developer.client.request("DELETE", "/api/account");
    await expectProblem(refused, 403, "step_up_required");
    expect((await developer.client.json("GET", "/api/account")).status).toBe(200);

    expect((await developer.client.json("POST", "/api/account/step-up", { password: developer.password })).status).toBe(200);
    const stepped = developer.client.copy();
    expect((await developer.client.request("DELETE", "/api/account")).status).toBe(204);
    await expectProblem(await stepped.request("GET", "/api/account"), 401, "unauthenticated");
  });

  it("refuses without a session and cross-site", async () => {
    await expectProblem(await new PortalClient(portalUrl).request("DELETE", "/api/account"), 401, "unauthenticated");
    const developer = await PortalClient.newDeveloper(portalUrl, "Cross Site", { verified: true });
    await expectProblem(
      await developer.client.request("DELETE", "/api/account", undefined, { origin: "https://evil.example" }),
      403,
      "forbidden",
    );
    expect((await developer.client.json("GET", "/api/account")).status).toBe(200);
  });

  describe("deleting an account", () => {
    const name = `Dora Deleted ${randomBytes(3).toString("hex")}`;
    let dora: Developer;
    let doraId: string;
    let owner: Developer;
    let colleague: Developer;
    let ownersTeam: string;
    let handedOver: string;
    let sharedApp: { app: { id: string }; key: { id: string }; secret: string };
    let personalKey: string;
    let soloKey: string;
    let response: Response;
    /** Her browser's cookie as it was before: the response clears it, a copy must be refused anyway. */
    let cookieBefore: PortalClient;

    beforeAll(async () => {
      dora = await PortalClient.newDeveloper(portalUrl, name, { verified: true });
      doraId = (await dora.client.json("GET", "/api/account")).body.id;
      // Her personal team, with an app; and a team only she is in, with another.
      personalKey = (await dora.client.createApp("Dora personal app")).secret;
      const solo = await createTeam(dora.client, "Dora solo team");
      soloKey = (await dora.client.json("POST", "/api/apps", { name: "Solo app", team_id: solo })).body.secret;
      // Someone else's team, where she builds an app and a key.
      owner = await PortalClient.newDeveloper(portalUrl, "Olga Owner", { verified: true });
      ownersTeam = await createTeam(owner.client, "Olga's shared team");
      await join({ portalUrl, inviter: owner.client, teamId: ownersTeam, member: dora, role: "admin" });
      const created = await dora.client.json("POST", "/api/apps", { name: "Shared app", team_id: ownersTeam });
      sharedApp = created.body;
      await dora.client.json("POST", `/api/teams/${ownersTeam}/invites`, { email: "pending-from-dora@example.com", role: "viewer" });
      // A team she founded and handed over to a colleague (she stays an admin).
      handedOver = await createTeam(dora.client, "Handed-over team");
      const colleagueMember = await newMember(portalUrl, dora.client, handedOver, "developer", "Colin Colleague");
      colleague = colleagueMember;
      const transfer = await dora.client.json("POST", `/api/teams/${handedOver}/transfer`, { member_id: colleagueMember.membershipId });
      expect(transfer.status, JSON.stringify(transfer.body)).toBe(204);
      // Her second factor and passkey, as the two-factor features store them.
      await db.recoveryCode.create({ data: { id: newId("recoveryCode"), userId: doraId, codeHash: randomBytes(32).toString("hex") } });
      await db.passkey.create({
        data: {
          id: newId("passkey"),
          userId: doraId,
          credentialId: randomBytes(32).toString("base64url"),
          publicKey: "pk",
          name: "Dora key",
        },
      });
      // Calls that work before.
      for (const key of [personalKey, soloKey, sharedApp.secret]) expect((await sandbox(portalUrl, key, "/v1/products")).status).toBe(200);

      cookieBefore = dora.client.copy();
      response = await dora.client.request("DELETE", "/api/account");
    }, 180_000);

    it("answers 204, clearing the cookie, and ends the session; she cannot sign in again", async () => {
      expect(response.status).toBe(204);
      expect(response.headers.getSetCookie()).toContain("next-auth.session-token=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
      await expectProblem(await cookieBefore.request("GET", "/api/account"), 401, "unauthenticated");
      await expect(new PortalClient(portalUrl).signIn(dora.email, dora.password)).rejects.toThrow(/sign-in failed/);
    });

    it("deletes her personal and sole-member teams with their apps: their keys stop at once", async () => {
      for (const key of [personalKey, soloKey]) {
        const call = await sandbox(portalUrl, key, "/v1/products");
        expect(call.status).toBe(401);
      }
      expect(await db.team.count({ where: { name: { in: [`${name}'s team`, "Dora solo team"] } } })).toBe(0);
      expect(await db.app.count({ where: { name: { in: ["Dora personal app", "Solo app"] } } })).toBe(0);
    });

    it("removes her personal data: user, sessions, recovery codes, passkeys, memberships", async () => {
      expect(await db.user.count({ where: { id: doraId } })).toBe(0);
      expect(await db.portalSession.count({ where: { userId: doraId } })).toBe(0);
      expect(await db.recoveryCode.count({ where: { userId: doraId } })).toBe(0);
      expect(await db.passkey.count({ where: { userId: doraId } })).toBe(0);
      expect(await db.membership.count({ where: { userId: doraId } })).toBe(0);
      expect(await db.teamInvite.count({ where: { email: dora.email } })).toBe(0);
    });

    it("keeps what she built in others' teams working, now created by each team's owner", async () => {
      expect((await sandbox(portalUrl, sharedApp.secret, "/v1/products")).status).toBe(200);
      const ownerId = (await owner.client.json("GET", "/api/account")).body.id;
      const app = await db.app.findUniqueOrThrow({ where: { id: sharedApp.app.id }, include: { apiKeys: true } });
      expect(app.createdById).toBe(ownerId);
      expect(app.apiKeys.every((key) => key.createdById === ownerId)).toBe(true);
      const invites = (await owner.client.json("GET", `/api/teams/${ownersTeam}/invites`)).body.data;
      const pending = invites.find((invite: { email: string }) => invite.email === "pending-from-dora@example.com");
      expect(pending.status).toBe("pending");
      expect(pending.invited_by.name).toBe("Olga Owner");
      const members = (await owner.client.json("GET", `/api/teams/${ownersTeam}/members`)).body.data;
      expect(members.map((member: { email: string }) => member.email)).toEqual([owner.email]);
    });

    it("keeps the audit entries, with her pseudonymised as actor and target, and records member.left", async () => {
      const pseudonym = /^deleted-user-[0-9a-f]{12}$/;
      const shared = await auditOf(owner.client, ownersTeam);
      const left = shared.find((event) => event.action === "member.left")!;
      expect(left.actor.id).toBeNull();
      expect(left.actor.email).toMatch(pseudonym);
      expect(left.metadata).toMatchObject({ reason: "account_deleted", apps_reassigned: 1, keys_reassigned: 1, invites_reassigned: 1 });
      const hers = shared.filter((event) => event.actor.email === left.actor.email).map((event) => event.action);
      expect(hers).toEqual(expect.arrayContaining(["member.joined", "app.created", "key.created", "member.invited", "member.left"]));
      expect(shared.filter((event) => event.actor.id === null).every((event) => pseudonym.test(event.actor.email))).toBe(true);
      expect(shared.find((event) => event.action === "member.joined")!.target.name).toBe(left.actor.email);

      const transferred = (await auditOf(colleague.client, handedOver)).find((event) => event.action === "team.ownership_transferred")!;
      expect(transferred.actor.email).toBe(left.actor.email);
      expect(transferred.metadata.previous_owner).toBe(left.actor.email);

      const account = await db.auditEvent.findMany({ where: { teamId: null, actorEmail: left.actor.email } });
      expect(account.map((row) => row.action)).toContain("account.deleted");
    });

    it("leaves neither her email nor her name in any table but the dev outbox", async () => {
      const dump = await dumpDatabase(inject("portalDatabaseUrl"), "portal");
      const holding = dump.filter(
        (table) => table.table !== "OutboxMail" && (table.text.includes(dora.email) || table.text.includes(name)),
      );
      expect(holding.map((table) => table.table)).toEqual([]);
    });

    it("confirms it by email", async () => {
      const received = await suiteMailbox().next({ to: dora.email, subject: "account has been deleted" });
      const mail = `${received.subject}\n${received.text}`;
      expect(mail).toContain("Your Open Bank Developers account has been deleted");
      expect(mail).toMatch(/deleted-user-[0-9a-f]{12}/);
      expect(mail).toContain("Dora solo team");
    });
  });
});
