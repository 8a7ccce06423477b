import { beforeAll, describe, expect, inject, it } from "vitest";
import { portalOperations } from "../../lib/portal-api/operations";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { ageSessionProof } from "../support/stored-rows";
import { createTeam } from "../support/teams";

/**
 * Step-up, called the way an attacker with a stolen (or simply old) session would: straight at
 * the API, no dialog. Every operation declared `stepUp` must answer 403 step_up_required when the
 * session's last proof of identity is over 10 minutes old, and work again after a step-up.
 */

/** The actions issue 14 names; each must stay declared `stepUp` (a later change cannot drop one silently). */
const ISSUE_LIST = [
  "createApp", // mints the app's first key
  "createKey",
  "rollKey",
  "revokeKey",
  "rotateClientSecret",
  "updateOAuthClientSettings", // issue 15: whose keys the client trusts
  "createWebhookEndpoint", // reveals the signing secret
  "rotateWebhookSecret",
  "transferTeamOwnership",
  "changeEmail",
  "deleteApp",
];

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());
const stepUpOperations = portalOperations.filter((operation) => operation.stepUp);

let developer: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
let ids: Record<string, string>;

beforeAll(async () => {
  developer = await PortalClient.newDeveloper(portalUrl, "Step-up Tester");
  const { client } = developer;
  const teamId = await createTeam(client, "Step-up team");
  const created = await client.json("POST", "/api/apps", { name: "Step-up app", team_id: teamId });
  expect(created.status).toBe(201);
  const endpoint = await client.json("POST", `/api/apps/${created.body.app.id}/webhooks`, { url: "https://example.com/hooks" });
  expect(endpoint.status).toBe(201);
  // Only the app and team must be real (access is checked first); other ids just need to be well formed.
  ids = { appId: created.body.app.id, teamId, keyId: created.body.key.id, endpointId: endpoint.body.endpoint.id };
}, 60_000);

function pathOf(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `${name.replace(/Id$/, "")}_0000000000000000000000`);
}

describe("step-up", () => {
  it("covers every action the issue lists", () => {
    expect(stepUpOperations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(ISSUE_LIST));
  });

  it("refuses every stepUp operation with 403 step_up_required when the last proof is 11 minutes old", async () => {
    await ageSessionProof(databaseUrl, developer.email, 11);
    const keysBefore = (await developer.client.json("GET", `/api/apps/${ids.appId}/keys`)).body.data.length;
    for (const operation of stepUpOperations) {
      const path = pathOf(operation.path);
      const response = await developer.client.request(operation.method, path, {});
      expect(response.status, `${operation.operationId} (${operation.method} ${path})`).toBe(403);
      await expectProblem(response, 403, "step_up_required");
    }
    // Nothing happened: no key was created, rolled or revoked.
    const keys = (await developer.client.json("GET", `/api/apps/${ids.appId}/keys`)).body.data;
    expect(keys.length).toBe(keysBefore);
    expect(keys.every((key: { status: string }) => key.status === "active")).toBe(true);
  });

  it("refuses a wrong password, and lets the action through after a step-up", async () => {
    await ageSessionProof(databaseUrl, developer.email, 11);
    const wrong = await developer.client.json("POST", "/api/account/step-up", { password: "not-the-password-at-all" });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe("step_up_failed");

    const confirmed = await developer.client.json("POST", "/api/account/step-up", { password: developer.password });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    published.assertResponse({
      method: "post",
      path: "/api/account/step-up",
      status: confirmed.status,
      contentType: confirmed.response.headers.get("content-type"),
      body: confirmed.body,
    });
    expect(Date.parse(confirmed.body.expires_at) - Date.parse(confirmed.body.verified_at)).toBe(10 * 60 * 1000);

    const created = await developer.client.json("POST", `/api/apps/${ids.appId}/keys`, { name: "After step-up" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it("asks for exactly one proof", async () => {
    for (const body of [{}, { password: developer.password, code: "123456" }]) {
      const response = await developer.client.request("POST", "/api/account/step-up", body);
      await expectProblem(response, 400, "validation_failed");
    }
  });
});
