import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { consentStep, elicitedConsent } from "./consent.js";
import type { McpContext } from "./mcp-context.js";
import { createMcpServer } from "./server.js";

/**
 * The MCP server's tools against a stand-in portal (a local HTTP server that records the calls
 * it gets): input validation, and consent before any write. The real portal and sandbox are
 * tests/integration/mcp.test.ts's.
 */
type Seen = { method: string; path: string; authorization?: string; body: string };
let portal: Server;
let baseUrl: string;
const seen: Seen[] = [];

const SANDBOX_DOCUMENT = {
  openapi: "3.1.0",
  paths: {
    "/v1/accounts": {
      get: { operationId: "listAccounts", tags: ["Accounts"], summary: "List accounts", responses: { "200": { description: "ok" } } },
    },
    "/v1/payments": {
      post: { operationId: "createPayment", tags: ["Payments"], summary: "Make a payment", responses: { "201": { description: "ok" } } },
    },
  },
};

function answerFor(request: IncomingMessage): [number, unknown] {
  const path = request.url ?? "";
  if (path === "/openapi.json") return [200, SANDBOX_DOCUMENT];
  if (path === "/api/openapi.json") return [200, { openapi: "3.1.0", paths: {} }];
  if (path.endsWith("/sandbox/clock")) return [200, { now: "2026-12-01T00:00:00.000Z", offset_seconds: 0, clock_rate: 1 }];
  if (path.endsWith("/sandbox/clock/advance")) return [200, { now: "2026-12-03T00:00:00.000Z", advanced_by_seconds: 172800, effects: {} }];
  if (path.endsWith("/sandbox/reset"))
    return [200, { customers: 6, accounts: 9, transactions: 40, custom_customers: null, now: "2026-12-01T00:00:00.000Z" }];
  if (path.startsWith("/v1/")) return [200, { ok: true }];
  return [404, { title: "No such route", status: 404, code: "not_found" }];
}

beforeAll(async () => {
  portal = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      seen.push({ method: request.method!, path: request.url!, authorization: request.headers.authorization, body });
      const [status, json] = answerFor(request);
      response.writeHead(status, { "content-type": "application/json", "x-request-id": "req_test1" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => portal.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

/** A client connected in memory to a fresh server; `elicit` answers the server's consent form (no capability when absent). */
async function connect(
  context: Partial<McpContext> = {},
  elicit?: { action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> },
) {
  const server = createMcpServer({
    baseUrl,
    token: "pat_test",
    apiKey: "sk_sandbox_testkey123",
    appId: "app_1",
    transport: "stdio",
    ...context,
  });
  const client = new Client({ name: "test", version: "1" }, { capabilities: elicit ? { elicitation: {} } : {} });
  const asked: string[] = [];
  if (elicit)
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(String(request.params.message));
      return elicit;
    });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
  return { client, call, asked };
}

const text = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
const writes = () => seen.filter((request) => request.method !== "GET");

describe("consent", () => {
  it("asks the user when the client can elicit (whatever the model sent), else previews until confirm: true", () => {
    expect(consentStep({ clientCanElicit: true })).toBe("elicit");
    expect(consentStep({ clientCanElicit: true, confirm: true })).toBe("elicit");
    expect(consentStep({ clientCanElicit: false })).toBe("preview");
    expect(consentStep({ clientCanElicit: false, confirm: false })).toBe("preview");
    expect(consentStep({ clientCanElicit: false, confirm: true })).toBe("proceed");
  });

  it("counts only an accepted form with confirm: true as consent", () => {
    expect(elicitedConsent({ action: "accept", content: { confirm: true } })).toBe(true);
    expect(elicitedConsent({ action: "accept", content: { confirm: false } })).toBe(false);
    expect(elicitedConsent({ action: "accept" })).toBe(false);
    expect(elicitedConsent({ action: "decline" })).toBe(false);
    expect(elicitedConsent({ action: "cancel", content: { confirm: true } })).toBe(false);
  });

  it("previews a reset without changing anything, and resets once confirmed", async () => {
    const { call } = await connect();
    const preview = await call("reset_sandbox", {});
    expect(preview.isError).toBeFalsy();
    expect(text(preview)).toContain("Nothing was changed yet");
    expect(text(preview)).toContain("app app_1");
    expect(preview.structuredContent).toMatchObject({ done: false, needs_confirmation: true });
    expect(writes()).toEqual([]);

    const done = await call("reset_sandbox", { confirm: true, keep_custom_customers: false });
    expect(done.structuredContent).toMatchObject({ done: true, customers: 6 });
    expect(writes()).toEqual([
      { method: "POST", path: "/api/apps/app_1/sandbox/reset", authorization: "Bearer pat_test", body: '{"keep_custom_customers":false}' },
    ]);
  });

  it("asks through elicitation, acts on yes, and changes nothing on no (even with confirm: true)", async () => {
    const yes = await connect({}, { action: "accept", content: { confirm: true } });
    const advanced = await yes.call("advance_clock", { days: 2 });
    expect(yes.asked[0]).toContain("by 2 day(s), from 2026-12-01T00:00:00.000Z");
    expect(advanced.structuredContent).toMatchObject({ done: true, now: "2026-12-03T00:00:00.000Z" });
    expect(writes().map((request) => [request.path, request.body])).toEqual([["/api/apps/app_1/sandbox/clock/advance", '{"days":2}']]);

    seen.length = 0;
    const no = await connect({}, { action: "decline" });
    const refused = await no.call("call_sandbox_write", { method: "POST", path: "/v1/payments", body: { amount: "1.00" }, confirm: true });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain("The user did not agree: nothing was changed");
    expect(no.asked[0]).toContain("POST /v1/payments (createPayment: Make a payment)");
    expect(writes()).toEqual([]);
  });

  it("refuses every write tool to a read token before any preview", async () => {
    const { call } = await connect({ tokenScope: "read" });
    for (const [name, args] of [
      ["reset_sandbox", { confirm: true }],
      ["advance_clock", { days: 1, confirm: true }],
      ["call_sandbox_write", { method: "DELETE", path: "/v1/sandbox/customers/cus_1", confirm: true }],
    ] as const) {
      const result = await call(name, args);
      expect(result.isError, name).toBe(true);
      expect(text(result)).toContain("scope is read");
    }
    expect(seen).toEqual([]);
  });
});

describe("inputs", () => {
  it("lists exactly the eight tools, the writes marked as such", async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "advance_clock",
      "call_sandbox",
      "call_sandbox_write",
      "describe_operation",
      "explain_error",
      "recent_request_logs",
      "reset_sandbox",
      "search_docs",
    ]);
    const readOnly = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations?.readOnlyHint]));
    expect(readOnly).toMatchObject({
      call_sandbox_write: false,
      reset_sandbox: false,
      advance_clock: false,
      call_sandbox: true,
      search_docs: true,
    });
    for (const name of ["call_sandbox_write", "reset_sandbox", "advance_clock"])
      expect(tools.find((tool) => tool.name === name)!.description).toContain("confirm: true");
  });

  it("refuses bad input with a message that says what is expected, calling nothing", async () => {
    const { call } = await connect();
    const cases: [string, Record<string, unknown>, string][] = [
      ["call_sandbox", { path: "/api/apps" }, "path must be a sandbox API path"],
      ["call_sandbox", { path: "/v1/../api/apps" }, "must not contain . or .. segments"],
      ["call_sandbox", { path: "https://evil.example/v1/x" }, "path must be a sandbox API path"],
      ["call_sandbox_write", { method: "GET", path: "/v1/accounts" }, "method must be POST, PUT, PATCH or DELETE"],
      ["advance_clock", { days: 0 }, "days must be 1 to 90"],
      ["advance_clock", { days: 1.5 }, "days must be a whole number"],
      ["advance_clock", {}, "days must be a whole number of days"],
      ["explain_error", { request_id: "nope" }, "request_id must be a request id"],
      ["recent_request_logs", { status: "9xx" }, "status must be 2xx, 3xx, 4xx, 5xx"],
      ["recent_request_logs", { app_id: "other" }, "app_id must be an app id"],
      ["describe_operation", {}, "Give operation_id, or both method and path"],
      ["search_docs", { query: " " }, "query must say what to look for"],
    ];
    for (const [name, args, message] of cases) {
      const result = await call(name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(text(result), name).toContain(message);
    }
    expect(seen).toEqual([]);
  });

  it("says how to supply a missing sandbox key, per transport", async () => {
    const stdio = await connect({ apiKey: undefined });
    expect(text(await stdio.call("call_sandbox", { path: "/v1/accounts" }))).toContain("--api-key");
    const http = await connect({ apiKey: undefined, transport: "http" });
    expect(text(await http.call("call_sandbox", { path: "/v1/accounts" }))).toContain("X-Openbank-Api-Key");
    expect(seen).toEqual([]);
  });

  it("calls the sandbox with the key, a GET only, query encoded", async () => {
    const { call } = await connect();
    const result = await call("call_sandbox", { path: "/v1/accounts", query: { limit: 2, q: "a b" } });
    expect(result.structuredContent).toMatchObject({ status: 200, request_id: "req_test1", body: { ok: true } });
    expect(seen).toEqual([{ method: "GET", path: "/v1/accounts?limit=2&q=a+b", authorization: "Bearer sk_sandbox_testkey123", body: "" }]);
  });
});
