import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "../guides/search-index";
import { loadGuides, parseGuide } from "../guides/load-guides";
import { endpointItems, guideItems, searchDocs } from "./docs-search";

const doc = {
  paths: {
    "/v1/payments": {
      post: { operationId: "createPayment", summary: "Create a payment", description: "Needs an `Idempotency-Key`.", tags: ["Payments"] },
      get: { operationId: "listPayments", summary: "List payments", tags: ["Payments"] },
      parameters: [],
    },
    "/v1/sandbox/clock/advance": { post: { operationId: "advanceClock", summary: "Advance the clock", tags: ["Sandbox Controls"] } },
    "/v1/untagged": { get: { operationId: "untagged", summary: "No tag" } },
  },
};

describe("endpointItems", () => {
  it("makes one item per tagged operation with method, path and a deep link; skips path-level keys and untagged ones", () => {
    const items = endpointItems(doc);
    expect(items.map((item) => item.kind === "endpoint" && `${item.method} ${item.path}`)).toEqual([
      "GET /v1/payments",
      "POST /v1/payments",
      "POST /v1/sandbox/clock/advance",
    ]);
    expect(items[1]).toMatchObject({ title: "Create a payment", heading: "Payments", href: "/docs/api/payments#/Payments/createPayment" });
    expect(items[1].text).toContain("Idempotency-Key");
  });

  it("links a standard's operations to its own page, its name before the tag", () => {
    const standard = {
      servers: [{ url: "http://portal.test/open-banking/v4.0" }],
      paths: {
        "/aisp/accounts": { get: { operationId: "GetAccounts", summary: "Get accounts", tags: ["Accounts"] } },
      },
    };
    expect(endpointItems(standard, { page: "/docs/api/uk-open-banking", label: "UK Open Banking 4.0" })).toEqual([
      expect.objectContaining({
        heading: "UK Open Banking 4.0 · Accounts",
        href: "/docs/api/uk-open-banking#/Accounts/GetAccounts",
        path: "/open-banking/v4.0/aisp/accounts",
      }),
    ]);
  });

  it("indexes the real OpenAPI document's operations", async () => {
    const { buildApp } = await import("../../mock-bank/src/app");
    const { parseBankEnv } = await import("../../mock-bank/src/env");
    const app = await buildApp({
      env: parseBankEnv({ ...process.env, BANK_INTERNAL_SECRET: "x".repeat(32) }),
      logger: false,
      db: {} as never,
    });
    await app.ready();
    const items = endpointItems(app.swagger() as never);
    await app.close();
    expect(items.length).toBeGreaterThan(30);
    expect(items.every((item) => item.kind === "endpoint" && /^\/docs\/api\/[a-z0-9-]+#\/[^/]+\/\w+$/.test(item.href))).toBe(true);
  });
});

describe("searchDocs", () => {
  const guides = guideItems(
    buildSearchIndex([
      parseGuide(
        "payments",
        "---\ntitle: Payments guide\ndescription: Money.\norder: 1\n---\nIntro.\n\n## Retry\n\nSend uuidgen output.\n",
      ),
    ]),
  );
  const items = [...guides, ...endpointItems(doc)];

  it("finds guides and endpoints together, saying which is which", () => {
    const hits = searchDocs(items, "payment");
    expect(hits.map((hit) => hit.kind)).toEqual(expect.arrayContaining(["guide", "endpoint"]));
    const endpoint = hits.find((hit) => hit.kind === "endpoint" && hit.method === "POST");
    expect(endpoint).toMatchObject({ path: "/v1/payments", href: "/docs/api/payments#/Payments/createPayment" });
  });

  it("matches an endpoint by its path, method or operation id", () => {
    expect(searchDocs(items, "/v1/sandbox/clock")[0]).toMatchObject({ kind: "endpoint", title: "Advance the clock" });
    expect(searchDocs(items, "advanceClock")[0]).toMatchObject({ kind: "endpoint" });
  });

  it("links a guide hit to its section", () => {
    expect(searchDocs(items, "uuidgen")).toEqual([expect.objectContaining({ kind: "guide", href: "/docs/guides/payments#retry" })]);
  });

  it("still searches the guides when there is no endpoint index (bank down)", () => {
    const real = guideItems(buildSearchIndex(loadGuides()));
    expect(searchDocs(real, "uuidgen")[0]).toMatchObject({ kind: "guide", href: expect.stringMatching(/^\/docs\/guides\/payments#/) });
    expect(searchDocs(real, "")).toEqual([]);
  });
});

describe("searchDocs with a request id", () => {
  it("opens the request a pasted req_… names, before anything the docs say", () => {
    const items = guideItems([
      { slug: "errors-rate-limits", guide: "Errors", heading: "Find a failed call", anchor: "find", text: "request id req_ logs" },
    ]);
    const hits = searchDocs(items, ' "req_5TQd0cXb8mR2yJ1hP3sK7w" ');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      kind: "request",
      title: "Request req_5TQd0cXb8mR2yJ1hP3sK7w",
      href: "/dashboard/requests/req_5TQd0cXb8mR2yJ1hP3sK7w",
    });
    // Words about requests still search the docs.
    expect(searchDocs(items, "request id").map((hit) => hit.kind)).toEqual(["guide"]);
  });
});
