import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";
import { createTeam, newMember } from "../support/teams";

/**
 * The Sandbox tab's portal routes (/api/apps/{appId}/sandbox/...): each is the bank's /v1/sandbox
 * call for the app, made by the portal. Answers are checked against the published document; the
 * app's own key sees the same sandbox through the gateway.
 */

const portalUrl = inject("portalUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());

let owner: PortalClient;
let viewer: PortalClient;
let stranger: PortalClient;
let appId: string;
let key: string;

async function call(client: PortalClient, method: string, path: string, body?: unknown) {
  const answer = await client.json(method, path, body);
  const template = path.replace(/^\/api\/apps\/[^/]+/, "/api/apps/{appId}");
  published.assertResponse({
    method,
    path: template,
    status: answer.status,
    contentType: answer.response.headers.get("content-type"),
    body: answer.body,
  });
  return answer;
}

beforeAll(async () => {
  owner = (await PortalClient.newDeveloper(portalUrl, "Sandbox Tab Owner", { verified: true })).client;
  const teamId = await createTeam(owner, "Sandbox tab team");
  const created = await owner.json("POST", "/api/apps", { name: "Sandbox tab app", team_id: teamId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
  key = created.body.secret;
  viewer = (await newMember(portalUrl, owner, teamId, "viewer", "Sandbox viewer")).client;
  stranger = (await PortalClient.newDeveloper(portalUrl, "Sandbox stranger")).client;
}, 120_000);

describe("test customers", () => {
  it("lists the six personas with their accounts and balances, to a viewer too", async () => {
    const { status, body } = await call(viewer, "GET", `/api/apps/${appId}/sandbox/customers`);
    expect(status).toBe(200);
    const personas = body.data.filter((customer: { source: string }) => customer.source === "persona");
    expect(personas).toHaveLength(6);
    expect(personas.map((persona: { username: string }) => persona.username)).toContain("user_good_credit");
    const goodCredit = personas.find((persona: { handle: string }) => persona.handle === "good_credit");
    expect(goodCredit.accounts.length).toBeGreaterThanOrEqual(3);
    expect(goodCredit.accounts[0].booked_balance).toMatchObject({ amount: expect.stringMatching(/^-?\d+\.\d{2}$/), currency: "GBP" });
    // The same balance the app's key reads through the gateway.
    const balances = await (await sandbox(portalUrl, key, `/v1/accounts/${goodCredit.accounts[0].id}/balances`)).json();
    expect(balances.booked).toEqual(goodCredit.accounts[0].booked_balance);
  });
});

describe("the clock", () => {
  it("advances by days, reads back, and a reset brings it back to real time", async () => {
    const before = await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`);
    expect(before.status).toBe(200);
    const advanced = await call(owner, "POST", `/api/apps/${appId}/sandbox/clock/advance`, { days: 7 });
    expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
    expect(advanced.body.advanced_by_seconds).toBe(7 * 86_400);
    expect(Object.keys(advanced.body.effects)).toContain("transactions_booked");
    const after = await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`);
    expect(after.body.offset_seconds).toBe(before.body.offset_seconds + 7 * 86_400);
    const viaKey = await (await sandbox(portalUrl, key, "/v1/sandbox/clock")).json();
    expect(viaKey.offset_seconds).toBe(after.body.offset_seconds);

    const reset = await call(owner, "POST", `/api/apps/${appId}/sandbox/reset`, {});
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toMatchObject({ customers: expect.any(Number), accounts: expect.any(Number), transactions: expect.any(Number) });
    expect((await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds).toBe(0);
  });

  it("refuses a number of days out of range, pointing at the field", async () => {
    for (const days of [0, 91, 1.5, "7"]) {
      const { response } = await call(owner, "POST", `/api/apps/${appId}/sandbox/clock/advance`, { days });
      const problem = await expectProblem(response, 400, "validation_failed");
      expect(problem.errors.map((error) => error.pointer)).toEqual(["/body/days"]);
    }
    const { response } = await call(owner, "POST", `/api/apps/${appId}/sandbox/reset`, { keep_custom_customers: "yes" });
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer)).toEqual(["/body/keep_custom_customers"]);
  });
});

describe("security", () => {
  it("a viewer reads but cannot act: 403, nothing moved", async () => {
    const before = (await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds;
    await expectProblem((await call(viewer, "POST", `/api/apps/${appId}/sandbox/clock/advance`, { days: 1 })).response, 403, "forbidden");
    await expectProblem((await call(viewer, "POST", `/api/apps/${appId}/sandbox/reset`, {})).response, 403, "forbidden");
    expect((await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds).toBe(before);
  });

  it("another team's app is 404, to reads and actions alike", async () => {
    for (const [method, path, body] of [
      ["GET", "customers", undefined],
      ["GET", "clock", undefined],
      ["POST", "clock/advance", { days: 1 }],
      ["POST", "reset", {}],
    ] as const) {
      const { response } = await call(stranger, method, `/api/apps/${appId}/sandbox/${path}`, body);
      await expectProblem(response, 404, "resource_not_found");
    }
  });

  it("a cross-site reset is refused before anything happens", async () => {
    await call(owner, "POST", `/api/apps/${appId}/sandbox/clock/advance`, { days: 1 });
    const before = (await call(owner, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds;
    const response = await owner.request("POST", `/api/apps/${appId}/sandbox/reset`, {}, { origin: "https://evil.example" });
    await expectProblem(response, 403, "forbidden");
    expect((await call(owner, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds).toBe(before);
  });
});
