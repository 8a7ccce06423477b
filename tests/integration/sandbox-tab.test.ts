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
  const template = path
    .split("?")[0]
    .replace(/^\/api\/apps\/[^/]+/, "/api/apps/{appId}")
    .replace(/\/sandbox\/customers\/[^/]+$/, "/sandbox/customers/{customerId}")
    .replace(/\/sandbox\/snapshots\/[^/]+/, "/sandbox/snapshots/{snapshot}");
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
  owner = (
    await PortalClient.newDeveloper(portalUrl, "Sandbox Tab Owner", {
      verified: true,
    })
  ).client;
  const teamId = await createTeam(owner, "Sandbox tab team");
  const created = await owner.json("POST", "/api/apps", {
    name: "Sandbox tab app",
    team_id: teamId,
  });
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
    expect(goodCredit.accounts[0].booked_balance).toMatchObject({
      amount: expect.stringMatching(/^-?\d+\.\d{2}$/),
      currency: "GBP",
    });
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
    expect(reset.body).toMatchObject({
      customers: expect.any(Number),
      accounts: expect.any(Number),
      transactions: expect.any(Number),
    });
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
    await expectProblem(
      (
        await call(viewer, "POST", `/api/apps/${appId}/sandbox/clock/advance`, {
          days: 1,
        })
      ).response,
      403,
      "forbidden",
    );
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
    await call(owner, "POST", `/api/apps/${appId}/sandbox/clock/advance`, {
      days: 1,
    });
    const before = (await call(owner, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds;
    const response = await owner.request("POST", `/api/apps/${appId}/sandbox/reset`, {}, { origin: "https://evil.example" });
    await expectProblem(response, 403, "forbidden");
    expect((await call(owner, "GET", `/api/apps/${appId}/sandbox/clock`)).body.offset_seconds).toBe(before);
  });
});

const maya = {
  handle: "maya_tab",
  identity: {
    given_name: "Maya",
    family_name: "Okafor",
    date_of_birth: "1994-03-17",
    address: {
      line1: "14 Brixton Hill",
      city: "London",
      postcode: "SW2 1QA",
      country: "GB",
    },
  },
  kyc: { status: "approved" },
  credit: { score_band: "fair", annual_income: "28400.00", existing_debts: [] },
  accounts: [
    {
      key: "current",
      type: "current",
      currency: "GBP",
      opening_balance: "420.00",
      overdraft_limit: "500.00",
      history: {
        generate: {
          months: 2,
          salary: {
            amount: "2150.00",
            day_of_month: 25,
            employer: "DELIVERCO LTD",
          },
        },
      },
    },
  ],
};

describe("custom customers, snapshots and settings", () => {
  it("creates a custom customer from a document, lists it with its accounts, and removes it", async () => {
    const created = await call(owner, "POST", `/api/apps/${appId}/sandbox/customers`, maya);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      source: "custom",
      handle: "maya_tab",
      username: "user_maya_tab",
      kyc_status: "approved",
    });
    expect(created.body.accounts).toHaveLength(1);
    const listed = await call(viewer, "GET", `/api/apps/${appId}/sandbox/customers`);
    expect(listed.body.data.map((customer: { handle: string }) => customer.handle)).toContain("maya_tab");
    await expectProblem(
      (await call(viewer, "DELETE", `/api/apps/${appId}/sandbox/customers/${created.body.id}`)).response,
      403,
      "forbidden",
    );
    expect((await call(owner, "DELETE", `/api/apps/${appId}/sandbox/customers/${created.body.id}`)).status).toBe(204);
    const after = await call(viewer, "GET", `/api/apps/${appId}/sandbox/customers`);
    expect(after.body.data.map((customer: { handle: string }) => customer.handle)).not.toContain("maya_tab");
  });

  it("passes the bank's pointers through: the field that is wrong is named", async () => {
    const invalid = {
      ...maya,
      handle: "Bad Handle",
      accounts: [{ ...maya.accounts[0], opening_balance: "lots" }],
    };
    const { response } = await call(owner, "POST", `/api/apps/${appId}/sandbox/customers`, invalid);
    const problem = await expectProblem(response, 400, "validation_failed");
    const pointers = problem.errors.map((error) => error.pointer);
    expect(pointers).toContain("/body/handle");
    expect(pointers).toContain("/body/accounts/0/opening_balance");
    const persona = await call(owner, "POST", `/api/apps/${appId}/sandbox/customers`, { ...maya, handle: "good_credit" });
    const taken = await expectProblem(persona.response, 409, "customer_handle_taken");
    expect(taken.errors.map((error) => error.pointer)).toEqual(["/body/handle"]);
  });

  it("takes a snapshot, restores it after a reset, downloads it and imports it", async () => {
    const created = await call(owner, "POST", `/api/apps/${appId}/sandbox/customers`, { ...maya, handle: "maya_snap" });
    expect(created.status).toBe(201);
    const taken = await call(owner, "POST", `/api/apps/${appId}/sandbox/snapshots`, { name: "tab-baseline" });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    expect(taken.body.counts.customers).toBeGreaterThanOrEqual(7);
    await expectProblem(
      (
        await call(owner, "POST", `/api/apps/${appId}/sandbox/snapshots`, {
          name: "snap_x",
        })
      ).response,
      400,
      "validation_failed",
    );
    const listed = await call(viewer, "GET", `/api/apps/${appId}/sandbox/snapshots`);
    expect(listed.body.data.map((snapshot: { name: string }) => snapshot.name)).toContain("tab-baseline");

    expect(
      (
        await call(owner, "POST", `/api/apps/${appId}/sandbox/reset`, {
          keep_custom_customers: false,
        })
      ).status,
    ).toBe(200);
    const bare = await call(viewer, "GET", `/api/apps/${appId}/sandbox/customers`);
    expect(bare.body.data.map((customer: { handle: string }) => customer.handle)).not.toContain("maya_snap");

    await expectProblem(
      (await call(viewer, "POST", `/api/apps/${appId}/sandbox/snapshots/tab-baseline/restore`)).response,
      403,
      "forbidden",
    );
    const restored = await call(owner, "POST", `/api/apps/${appId}/sandbox/snapshots/tab-baseline/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const back = await call(viewer, "GET", `/api/apps/${appId}/sandbox/customers`);
    const again = back.body.data.find((customer: { handle: string }) => customer.handle === "maya_snap");
    expect(again).toEqual(created.body);

    const file = await viewer.request("GET", `/api/apps/${appId}/sandbox/snapshots/${taken.body.id}/export`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=".+"$/);
    const document = await file.json();
    expect(document.format).toBe("openbank.sandbox-export");
    await expectProblem((await call(viewer, "POST", `/api/apps/${appId}/sandbox/import`, document)).response, 403, "forbidden");
    const imported = await call(owner, "POST", `/api/apps/${appId}/sandbox/import`, document);
    expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(200);
    expect(imported.body.ids_remapped).toBe(false);
    const notAnExport = await call(owner, "POST", `/api/apps/${appId}/sandbox/import`, { hello: "world" });
    expect(notAnExport.status).toBe(422);

    expect((await call(owner, "DELETE", `/api/apps/${appId}/sandbox/snapshots/tab-baseline`)).status).toBe(204);
    await expectProblem(
      (await call(owner, "POST", `/api/apps/${appId}/sandbox/snapshots/tab-baseline/restore`)).response,
      404,
      "resource_not_found",
    );
  });

  it("changes live activity and the clock's rate; a viewer cannot", async () => {
    const changed = await call(owner, "PATCH", `/api/apps/${appId}/sandbox/settings`, { live_activity: true, clock_rate: 24 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toEqual({ live_activity: true, clock_rate: 24 });
    const clock = await call(viewer, "GET", `/api/apps/${appId}/sandbox/clock`);
    expect(clock.body).toMatchObject({ live_activity: true, clock_rate: 24 });
    const invalid = await call(owner, "PATCH", `/api/apps/${appId}/sandbox/settings`, { clock_rate: 5000 });
    expect((await expectProblem(invalid.response, 400, "validation_failed")).errors.map((error) => error.pointer)).toEqual([
      "/body/clock_rate",
    ]);
    await expectProblem(
      (
        await call(viewer, "PATCH", `/api/apps/${appId}/sandbox/settings`, {
          live_activity: false,
        })
      ).response,
      403,
      "forbidden",
    );
    expect(
      (
        await call(owner, "PATCH", `/api/apps/${appId}/sandbox/settings`, {
          live_activity: false,
          clock_rate: 1,
        })
      ).status,
    ).toBe(200);
  });

  it("another team's app is 404 to the snapshot, customer and settings operations", async () => {
    for (const [method, path, body] of [
      ["GET", "snapshots", undefined],
      ["POST", "snapshots", { name: "stolen" }],
      ["POST", "snapshots/anything/restore", undefined],
      ["GET", "snapshots/anything/export", undefined],
      ["POST", "import", { format: "openbank.sandbox-export" }],
      ["PATCH", "settings", { live_activity: true }],
      ["POST", "customers", maya],
    ] as const) {
      const { response } = await call(stranger, method, `/api/apps/${appId}/sandbox/${path}`, body);
      await expectProblem(response, 404, "resource_not_found");
    }
  });
});
