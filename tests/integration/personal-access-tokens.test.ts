import { describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient } from "../support/portal-client";
import { ageSessionProof, storedRows } from "../support/stored-rows";
import { createTeam, newMember } from "../support/teams";
import { TokenClient } from "../support/token-client";

/**
 * Issue 18's personal access tokens through the account API and the portal API's one way in:
 * create (shown once), list, revoke (audited), what a token can and cannot do. Every route with
 * every kind of token is portal-routes.test.ts's sweep.
 */
const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");

type Made = { token: { id: string; prefix: string; scope: string; status: string; team_id: string | null }; secret: string };

async function createToken(client: PortalClient, body: Record<string, unknown>): Promise<Made> {
  const made = await client.json("POST", "/api/account/tokens", body);
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body;
}

describe("creating, listing and revoking a token", () => {
  it("shows the token once, lists it without it, records its last use, and revokes it at once (audited, never the token)", async () => {
    const { client, email } = await PortalClient.newDeveloper(portalUrl, "Token Holder");
    const made = await createToken(client, { name: "Laptop CLI", scope: "write", expires_in_days: 30 });
    expect(made.secret).toMatch(/^pat_[0-9A-Za-z]{36}$/);
    expect(made.token).toMatchObject({
      scope: "write",
      status: "active",
      team_id: null,
      prefix: `${made.secret.slice(0, 8)}…${made.secret.slice(-4)}`,
    });
    const expiresIn = Date.parse((made.token as unknown as { expires_at: string }).expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(29 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(30 * 86_400_000);

    const listed = await client.json("GET", "/api/account/tokens");
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((row: { id: string }) => row.id)).toEqual([made.token.id]);
    expect(JSON.stringify(listed.body)).not.toContain(made.secret);

    const cli = new TokenClient(portalUrl, made.secret);
    const whoami = await cli.json("GET", "/api/account");
    expect(whoami.status).toBe(200);
    expect(whoami.body.email).toBe(email);
    const used = await eventually(async () => {
      const row = (await client.json("GET", "/api/account/tokens")).body.data[0];
      return row.last_used_at ? row : undefined;
    });
    expect(used.last_used_ip).toBeTruthy();

    expect((await client.request("DELETE", `/api/account/tokens/${made.token.id}`)).status).toBe(204);
    const refused = await cli.request("GET", "/api/account");
    await expectProblem(refused, 401, "unauthenticated");
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await client.request("DELETE", `/api/account/tokens/${made.token.id}`)).status).toBe(204); // again: nothing changes
    expect((await client.json("GET", "/api/account/tokens")).body.data[0].status).toBe("revoked");

    const audit = (await storedRows(databaseUrl, "AuditEvent")).filter((row) => row.targetId === made.token.id);
    expect(audit.map((row) => row.action).sort()).toEqual(["account.token_created", "account.token_revoked"]);
    expect(JSON.stringify(audit)).not.toContain(made.secret.slice(4));
  });

  it("refuses bad input, another developer's token and a team one is not in", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Careless");
    const bad = await client.json("POST", "/api/account/tokens", { name: "", scope: "admin", expires_in_days: 400 });
    const problem = await expectProblem(bad.response, 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual(["/body/expires_in_days", "/body/name", "/body/scope"]);

    const { client: other } = await PortalClient.newDeveloper(portalUrl, "Other");
    const othersTeam = await createTeam(other, "Not yours");
    await expectProblem(
      (await client.json("POST", "/api/account/tokens", { name: "x", scope: "read", expires_in_days: 7, team_id: othersTeam })).response,
      404,
      "resource_not_found",
    );
    const theirs = await createToken(other, { name: "Theirs", scope: "read", expires_in_days: 7 });
    await expectProblem(await client.request("DELETE", `/api/account/tokens/${theirs.token.id}`), 404, "resource_not_found");
    expect((await new TokenClient(portalUrl, theirs.secret).json("GET", "/api/account")).status).toBe(200); // still works
    await expectProblem(await new PortalClient(portalUrl).request("GET", "/api/account/tokens"), 401, "unauthenticated");
  });

  it("needs a fresh proof of identity to create one", async () => {
    const { client, email } = await PortalClient.newDeveloper(portalUrl, "Stale");
    await ageSessionProof(databaseUrl, email, 11);
    await expectProblem(
      (await client.json("POST", "/api/account/tokens", { name: "x", scope: "read", expires_in_days: 7 })).response,
      403,
      "step_up_required",
    );
  });
});

describe("what a token can do", () => {
  it("cannot create, list or revoke tokens, nor change the account's security", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Escalator");
    const made = await createToken(client, { name: "CI", scope: "write", expires_in_days: 7 });
    const cli = new TokenClient(portalUrl, made.secret);
    for (const [method, path, body] of [
      ["POST", "/api/account/tokens", { name: "more", scope: "write", expires_in_days: 365 }],
      ["GET", "/api/account/tokens", undefined],
      ["DELETE", `/api/account/tokens/${made.token.id}`, undefined],
      ["POST", "/api/account/step-up", { password: "whatever-it-is" }],
      ["POST", "/api/account/password", { current_password: "x", new_password: "y" }],
      ["GET", "/api/account/sessions", undefined],
    ] as const) {
      await expectProblem(await cli.request(method, path, body), 403, "token_not_allowed");
    }
    expect((await client.json("GET", "/api/account/tokens")).body.data).toHaveLength(1);
  });

  it("manages keys as the CLI does (step-up operations included), with no Origin check, within its scope and the holder's role", async () => {
    const { client: owner } = await PortalClient.newDeveloper(portalUrl, "Key Owner", { verified: true });
    const teamId = await createTeam(owner, "Token team");
    const app = await owner.json("POST", "/api/apps", { name: "Token app", team_id: teamId });
    expect(app.status).toBe(201);
    const appId = app.body.app.id;

    const write = new TokenClient(portalUrl, (await createToken(owner, { name: "w", scope: "write", expires_in_days: 7 })).secret);
    // A bearer request is not a browser's: a foreign Origin does not matter (a cookie's would be refused).
    const created = await write.request("POST", `/api/apps/${appId}/keys`, { name: "From the CLI" }, { origin: "https://evil.example" });
    expect(created.status, await created.clone().text()).toBe(201);
    const keyId = (await created.json()).key.id;
    await expectProblem(
      await owner.request("POST", `/api/apps/${appId}/keys`, { name: "x" }, { origin: "https://evil.example" }),
      403,
      "forbidden",
    );
    expect((await write.request("DELETE", `/api/apps/${appId}/keys/${keyId}`)).status).toBe(200);

    const read = new TokenClient(portalUrl, (await createToken(owner, { name: "r", scope: "read", expires_in_days: 7 })).secret);
    expect((await read.json("GET", `/api/apps/${appId}/keys`)).status).toBe(200);
    await expectProblem(await read.request("POST", `/api/apps/${appId}/keys`, { name: "no" }), 403, "insufficient_scope");

    // The holder's role still applies through a write token: a viewer cannot create keys.
    const viewer = await newMember(portalUrl, owner, teamId, "viewer", "Viewer with a token");
    const viewerToken = new TokenClient(
      portalUrl,
      (await createToken(viewer.client, { name: "v", scope: "write", expires_in_days: 7 })).secret,
    );
    expect((await viewerToken.json("GET", `/api/apps/${appId}/keys`)).status).toBe(200);
    await expectProblem(await viewerToken.request("POST", `/api/apps/${appId}/keys`, { name: "no" }), 403, "forbidden");
    // Deleting an app stays in the browser, whatever the token.
    await expectProblem(await write.request("DELETE", `/api/apps/${appId}`), 403, "token_not_allowed");
  });
});
