import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";
import { TokenClient } from "../support/token-client";

/**
 * Issue 19's timeline over real mixed traffic: calls through the gateway with an API key, events
 * fired in the bank and delivered by the dispatcher to a local receiver, a key roll, sandbox
 * controls made both in the portal and through /v1/sandbox, consents granted and revoked. The
 * merge's ordering and paging properties over generated items are lib/timeline's unit tests.
 */
const portalUrl = inject("portalUrl");

type Item = {
  id: string;
  kind: string;
  occurred_at: string;
  title: string;
  status: { class: string; http: number | null; label: string };
  ids: Record<string, string>;
  link: string | null;
  actor: string | null;
  matched?: boolean;
};
type Page = {
  data: Item[];
  next_cursor: string | null;
  head_cursor: string | null;
  has_newer: boolean;
  matched_id: string | null;
  unavailable_sources: string[];
};

let receiver: Server;
let receiverUrl = "";
let developer: PortalClient;
let appId = "";
let key = "";
const requestIds: string[] = [];
let firedEventId = "";
let consentId = "";
let rolledKeyId = "";

async function timeline(client: PortalClient, query: Record<string, string> = {}): Promise<Page> {
  const { status, body } = await client.json("GET", `/api/apps/${appId}/timeline?${new URLSearchParams(query)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

/** Every item, page by page, with the filters. */
async function all(query: Record<string, string> = {}, limit = 7): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await timeline(developer, { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

const order = (a: Item, b: Item) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function call(path: string, init: RequestInit = {}) {
  const response = await sandbox(portalUrl, key, path, init);
  const id = response.headers.get("x-request-id");
  expect(id).toMatch(/^req_/);
  requestIds.push(id!);
  return response;
}

const post = (path: string, body: unknown) =>
  call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(req.url === "/fail" ? 500 : 200).end("ok"));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  ({ client: developer } = await PortalClient.newDeveloper(portalUrl, "Timeline Dev"));
  const created = await developer.createApp("Timeline app");
  appId = created.app.id;
  key = created.secret;
  const endpoint = await developer.json("POST", `/api/apps/${appId}/webhooks`, {
    url: `${receiverUrl}/ok`,
    event_types: ["payment.completed"],
  });
  expect(endpoint.status).toBe(201);
  const keys = await developer.json("GET", `/api/apps/${appId}/keys`);
  rolledKeyId = keys.body.data[0].id;
  const rolled = await developer.json("POST", `/api/apps/${appId}/keys/${rolledKeyId}/roll`, { overlap_seconds: 3600 });
  expect(rolled.status, JSON.stringify(rolled.body)).toBe(201);

  // Mixed traffic: successes, a 404, a consent granted then revoked, sandbox controls both ways, a fired event, a key roll.
  await call("/v1/accounts");
  await call("/v1/accounts/acc_does_not_exist");
  // Reset first: it empties the bank's consents, and the bank is where consent events come from.
  expect((await developer.json("POST", `/api/apps/${appId}/sandbox/reset`, {})).status).toBe(200);
  const minted = await post("/v1/sandbox/consents", { persona: "small_business", permissions: ["accounts:read"] });
  expect(minted.status).toBe(201);
  consentId = (await minted.json()).consent.id;
  expect((await call(`/v1/consents/${consentId}`, { method: "DELETE" })).status).toBeLessThan(300);
  const fired = await post("/v1/sandbox/webhooks/fire", { type: "payment.completed" });
  expect(fired.status).toBe(201);
  firedEventId = (await fired.json()).id;
  expect((await post("/v1/sandbox/clock/advance", { days: 1 })).status).toBe(200);
  // The dispatcher delivers the fired event within seconds; calls are logged in batches.
  await eventually(async () => {
    const items = await all({ kind: "webhook" }, 50);
    return items.some((item) => item.ids.event_id === firedEventId && item.status.class === "ok");
  }, 30_000);
  await eventually(async () => {
    const items = await all({ kind: "request,sandbox" }, 50);
    return requestIds.every((id) => items.some((item) => item.id === id));
  }, 15_000);
}, 120_000);

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe("the app's timeline", () => {
  it("joins every source in one total order, newest first, and pages without losing or repeating an item", async () => {
    const whole = await all({}, 100);
    const paged = await all({}, 3);
    expect(paged.map((item) => item.id)).toEqual(whole.map((item) => item.id));
    expect(new Set(paged.map((item) => item.id)).size).toBe(paged.length);
    expect([...whole].sort(order).map((item) => item.id)).toEqual(whole.map((item) => item.id));

    const kinds = new Set(whole.map((item) => item.kind));
    for (const kind of ["request", "webhook", "consent", "change", "sandbox"]) expect(kinds, kind).toContain(kind);
    for (const id of requestIds)
      expect(
        whole.some((item) => item.id === id),
        id,
      ).toBe(true);
    // A sandbox control: through the API as the logged call, in the portal as an audited change with who made it.
    expect(whole.find((item) => item.kind === "sandbox" && item.title === "Sandbox clock advanced")?.ids.request_id).toMatch(/^req_/);
    expect(whole.find((item) => item.kind === "sandbox" && item.title === "Sandbox reset")).toMatchObject({
      actor: expect.stringContaining("@"),
    });
    expect(whole.find((item) => item.kind === "sandbox" && item.title === "Sandbox event fired")).toBeDefined();
    expect(whole.find((item) => item.kind === "change" && item.ids.key_id === rolledKeyId)).toMatchObject({
      title: expect.stringMatching(/^Key rolled/),
    });
    const consent = whole.filter((item) => item.kind === "consent" && item.ids.consent_id === consentId).map((item) => item.status.label);
    expect(consent.sort()).toEqual(["Granted", "Revoked"]);
    const notFound = whole.find((item) => item.id === requestIds[1]);
    expect(notFound).toMatchObject({ status: { class: "warn", http: 404 }, link: `/dashboard/apps/${appId}/logs/${notFound?.id}` });
  });

  it("filters by kind, status class and time exactly", async () => {
    const whole = await all({}, 100);
    for (const kinds of [["request"], ["webhook"], ["consent", "change"], ["sandbox"]]) {
      const filtered = await all({ kind: kinds.join(",") });
      expect(
        filtered.map((item) => item.id),
        kinds.join(),
      ).toEqual(whole.filter((item) => kinds.includes(item.kind)).map((item) => item.id));
    }
    for (const status of ["ok", "warn", "error"]) {
      const filtered = await all({ status });
      expect(
        filtered.map((item) => item.id),
        status,
      ).toEqual(whole.filter((item) => item.status.class === status).map((item) => item.id));
    }
    const middle = whole[Math.floor(whole.length / 2)].occurred_at;
    const from = await all({ from: middle, kind: "request,webhook,change,sandbox" });
    expect(from.map((item) => item.id)).toEqual(
      whole.filter((item) => item.kind !== "consent" && Date.parse(item.occurred_at) >= Date.parse(middle)).map((item) => item.id),
    );
  });

  it("finds the moment of a pasted request id or webhook-id, and marks it", async () => {
    const byRequest = await timeline(developer, { q: requestIds[1], limit: "9" });
    expect(byRequest.matched_id).toBe(requestIds[1]);
    expect(byRequest.data.filter((item) => item.matched).map((item) => item.id)).toEqual([requestIds[1]]);
    expect(byRequest.data.length).toBeGreaterThan(1);
    expect([...byRequest.data].sort(order)).toEqual(byRequest.data);

    const byEvent = await timeline(developer, { q: firedEventId });
    const matched = byEvent.data.find((item) => item.matched);
    expect(matched).toMatchObject({ kind: "webhook", ids: { event_id: firedEventId } });
    expect(byEvent.matched_id).toBe(matched?.id);

    const unknown = await developer.request("GET", `/api/apps/${appId}/timeline?q=req_${"0".repeat(20)}`);
    await expectProblem(unknown, 404, "resource_not_found");
  });

  it("answers only what is newer than a page already shown (the live view's poll)", async () => {
    const first = await timeline(developer, { kind: "request" });
    const nothing = await timeline(developer, { kind: "request", after: first.head_cursor! });
    expect(nothing.data).toEqual([]);
    const made = await call("/v1/customers");
    expect(made.status).toBe(200);
    const newer = await eventually(async () => {
      const page = await timeline(developer, { kind: "request", after: first.head_cursor! });
      return page.data.length ? page : undefined;
    }, 10_000);
    expect(newer.data.map((item) => item.id)).toEqual([requestIds.at(-1)]);
  });

  it("refuses bad filters with a pointer each", async () => {
    const problem = await expectProblem(
      await developer.request("GET", `/api/apps/${appId}/timeline?kind=nope&status=5xx&limit=0&cursor=zz`),
      400,
      "validation_failed",
    );
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual(["/query/cursor", "/query/kind", "/query/limit", "/query/status"]);
  });

  it("is another developer's 404, and needs a session or a token", async () => {
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Timeline Stranger");
    await expectProblem(await stranger.request("GET", `/api/apps/${appId}/timeline`), 404, "resource_not_found");
    await expectProblem(await new PortalClient(portalUrl).request("GET", `/api/apps/${appId}/timeline`), 401, "unauthenticated");
  });

  it("reads with a personal access token of either scope; another user's token gets a 404", async () => {
    for (const scope of ["read", "write"]) {
      const made = await developer.json("POST", "/api/account/tokens", { name: `Timeline ${scope}`, scope, expires_in_days: 7 });
      expect(made.status).toBe(201);
      const page = await timeline(new TokenClient(portalUrl, made.body.secret), { kind: "request", limit: "2" });
      expect(page.data).toHaveLength(2);
    }
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Timeline Token Stranger");
    const theirs = await stranger.json("POST", "/api/account/tokens", { name: "Theirs", scope: "read", expires_in_days: 7 });
    await expectProblem(
      await new TokenClient(portalUrl, theirs.body.secret).request("GET", `/api/apps/${appId}/timeline`),
      404,
      "resource_not_found",
    );
  });
});
