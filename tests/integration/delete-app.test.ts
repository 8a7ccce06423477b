import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { expectProblem } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";
import { ageSessionProof } from "../support/stored-rows";
import { createTeam, newMember } from "../support/teams";

/**
 * DELETE /api/apps/{appId}: owners and admins only, with a fresh proof of identity; the app goes with
 * its keys, OAuth client, webhook endpoints and logs; its keys and consent tokens stop at once (this
 * instance's caches are invalidated as the app goes); the team's audit log records it.
 */
const portalUrl = inject("portalUrl");
let db: PrismaClient;
let owner: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
let teamId: string;

beforeAll(async () => {
  db = createPrismaClient(inject("portalDatabaseUrl"));
  owner = await PortalClient.newDeveloper(portalUrl, "App Deleter", { verified: true });
  teamId = await createTeam(owner.client, "Deleting team");
}, 60_000);
afterAll(async () => db?.$disconnect());

async function newApp(name: string) {
  const { status, body } = await owner.client.json("POST", "/api/apps", {
    name,
    team_id: teamId,
    redirect_uris: ["https://example.com/cb"],
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body as { app: { id: string }; key: { id: string }; secret: string };
}

describe("deleting an app", () => {
  it("takes its keys, OAuth client, webhooks and consent tokens with it, at once, and audits it", async () => {
    const created = await newApp("Doomed app");
    const appId = created.app.id;
    const second = (await owner.client.json("POST", `/api/apps/${appId}/keys`, { name: "Second", scope: "read_only" })).body.secret;
    const clientSecret = (await owner.client.json("POST", `/api/apps/${appId}/oauth-client/secret`)).body;
    const endpoint = (await owner.client.json("POST", `/api/apps/${appId}/webhooks`, { url: "https://hooks.example.com/doomed" })).body;
    const consent = await owner.client.json("POST", `/api/apps/${appId}/sandbox-consents`, {
      persona: "good_credit",
      permissions: ["accounts:read"],
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    // Every credential works, and is now in this instance's caches.
    for (const key of [created.secret, second]) expect((await sandbox(portalUrl, key, "/v1/products")).status).toBe(200);
    expect((await sandbox(portalUrl, consent.body.access_token, "/v1/accounts")).status).toBe(200);
    const clientId: string = clientSecret.client.client_id;
    const token = await fetch(`${portalUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: consent.body.refresh_token,
        client_id: clientId,
        client_secret: clientSecret.client_secret,
      }),
    });
    expect(token.status, await token.clone().text()).toBe(200);
    const refreshed = (await token.json()) as { access_token: string; refresh_token: string };

    const deleted = await owner.client.request("DELETE", `/api/apps/${appId}`);
    expect(deleted.status).toBe(204);

    // At the very next call: keys, the consent's access token, the client at the token endpoint.
    for (const key of [created.secret, second]) await expectProblem(await sandbox(portalUrl, key, "/v1/products"), 401, "invalid_api_key");
    await expectProblem(await sandbox(portalUrl, refreshed.access_token, "/v1/accounts"), 401, "invalid_token");
    const afterToken = await fetch(`${portalUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshed.refresh_token,
        client_id: clientId,
        client_secret: clientSecret.client_secret,
      }),
    });
    expect(afterToken.status).toBe(401);
    expect(((await afterToken.json()) as { error: string }).error).toBe("invalid_client");

    // Gone from the portal, with what hung on it.
    await expectProblem(await owner.client.request("GET", `/api/apps/${appId}`), 404, "resource_not_found");
    await expectProblem(
      await owner.client.request("GET", `/api/apps/${appId}/webhooks/${endpoint.endpoint.id}`),
      404,
      "resource_not_found",
    );
    expect(await db.apiKey.count({ where: { appId } })).toBe(0);
    expect(await db.oAuthClient.count({ where: { appId } })).toBe(0);
    expect(await db.webhookEndpoint.count({ where: { appId } })).toBe(0);
    const apps = (await owner.client.json("GET", `/api/apps?team_id=${teamId}`)).body.data.map((app: { id: string }) => app.id);
    expect(apps).not.toContain(appId);

    const audit = (await owner.client.json("GET", `/api/teams/${teamId}/audit?action=app.deleted`)).body.data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "app.deleted",
      action_label: "App deleted",
      actor: { email: owner.email },
      target: { type: "app", id: appId, name: "Doomed app" },
      metadata: { keys: 2, webhook_endpoints: 1, oauth_client_id: clientId },
    });

    // Deleting it again: there is nothing left to delete.
    await expectProblem(await owner.client.request("DELETE", `/api/apps/${appId}`), 404, "resource_not_found");
  });

  it("leaves the team's other apps alone", async () => {
    const kept = await newApp("Kept app");
    const doomed = await newApp("Another doomed app");
    expect((await owner.client.request("DELETE", `/api/apps/${doomed.app.id}`)).status).toBe(204);
    expect((await sandbox(portalUrl, kept.secret, "/v1/products")).status).toBe(200);
    expect((await owner.client.json("GET", `/api/apps/${kept.app.id}`)).status).toBe(200);
  });
});

describe("who may delete an app", () => {
  it("owners and admins; a developer or viewer gets 403 and the app stays", async () => {
    for (const role of ["admin", "developer", "viewer"] as const) {
      const member = await newMember(portalUrl, owner.client, teamId, role, `${role} member`);
      const app = await newApp(`Role ${role} app`);
      const response = await member.client.request("DELETE", `/api/apps/${app.app.id}`);
      if (role === "admin") {
        expect(response.status).toBe(204);
      } else {
        const problem = await expectProblem(response, 403, "forbidden");
        expect(problem.detail).toContain("app delete");
        expect((await sandbox(portalUrl, app.secret, "/v1/products")).status).toBe(200);
      }
    }
  });

  it("someone outside the team gets 404, as for an app that does not exist", async () => {
    const app = await newApp("Probed app");
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Stranger");
    const problem = await expectProblem(await stranger.request("DELETE", `/api/apps/${app.app.id}`), 404, "resource_not_found");
    expect(problem.detail).toBe(`No app ${app.app.id}.`);
    await expectProblem(await stranger.request("DELETE", "/api/apps/app_0000000000000000000000"), 404, "resource_not_found");
    expect((await owner.client.json("GET", `/api/apps/${app.app.id}`)).status).toBe(200);
  });

  it("needs a proof of identity from the last 10 minutes (step-up), a session, and the portal's origin", async () => {
    const app = await newApp("Step-up app");
    await ageSessionProof(inject("portalDatabaseUrl"), owner.email, 11);
    await expectProblem(await owner.client.request("DELETE", `/api/apps/${app.app.id}`), 403, "step_up_required");
    await expectProblem(await new PortalClient(portalUrl).request("DELETE", `/api/apps/${app.app.id}`), 401, "unauthenticated");
    await expectProblem(
      await owner.client.request("DELETE", `/api/apps/${app.app.id}`, undefined, { origin: "https://evil.example" }),
      403,
      "forbidden",
    );
    expect((await sandbox(portalUrl, app.secret, "/v1/products")).status).toBe(200);

    expect((await owner.client.json("POST", "/api/account/step-up", { password: owner.password })).status).toBe(200);
    expect((await owner.client.request("DELETE", `/api/apps/${app.app.id}`)).status).toBe(204);
    await expectProblem(await sandbox(portalUrl, app.secret, "/v1/products"), 401, "invalid_api_key");
  });
});
