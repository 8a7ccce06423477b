import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";
import { cliCommand } from "../support/run-cli";

/**
 * Issue 18 item 3: the MCP server driven through the SDK's own Client, over both transports it is
 * served on: `openbank mcp` (stdio, the built CLI as a child process) and the portal's `/api/mcp`
 * (Streamable HTTP). Each tool is called for real against the suite's portal and sandbox, and
 * its effect is checked through the sandbox API itself.
 */
const portalUrl = inject("portalUrl");
const TOOLS = [
  "advance_clock",
  "call_sandbox",
  "call_sandbox_write",
  "describe_operation",
  "explain_error",
  "recent_request_logs",
  "reset_sandbox",
  "search_docs",
];

type Developer = {
  client: PortalClient;
  appId: string;
  key: string;
  writeToken: string;
  readToken: string;
  tokenIds: Record<string, string>;
};

async function newDeveloper(name: string): Promise<Developer> {
  const { client } = await PortalClient.newDeveloper(portalUrl, name);
  const app = await client.createApp(`${name}'s app`);
  const tokens: Record<string, { id: string; secret: string }> = {};
  for (const scope of ["write", "read"]) {
    const made = await client.json("POST", "/api/account/tokens", { name: `MCP ${scope}`, scope, expires_in_days: 7 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    tokens[scope] = { id: made.body.token.id, secret: made.body.secret };
  }
  return {
    client,
    appId: app.app.id,
    key: app.secret,
    writeToken: tokens.write.secret,
    readToken: tokens.read.secret,
    tokenIds: { write: tokens.write.id, read: tokens.read.id },
  };
}

type Connection = {
  client: Client;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  close: () => Promise<void>;
};

async function connected(client: Client, transport: StdioClientTransport | StreamableHTTPClientTransport): Promise<Connection> {
  await client.connect(transport);
  return {
    client,
    call: (name, args = {}) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>,
    close: () => client.close(),
  };
}

/** `openbank mcp` as an assistant starts it: the built CLI, credentials in the environment. */
function overStdio(developer: Developer, client = new Client({ name: "integration", version: "1" })): Promise<Connection> {
  const transport = new StdioClientTransport({
    ...cliCommand(["mcp"]),
    env: {
      PATH: process.env.PATH ?? "",
      OPENBANK_CONFIG_DIR: mkdtempSync(path.join(tmpdir(), "openbank-mcp-")),
      OPENBANK_URL: portalUrl,
      OPENBANK_TOKEN: developer.writeToken,
      OPENBANK_API_KEY: developer.key,
      OPENBANK_APP: developer.appId,
    },
    stderr: "pipe",
  });
  return connected(client, transport);
}

/** The portal's `/api/mcp`, with the token, the sandbox key and the app in headers. */
function overHttp(developer: Developer, options: { token?: string; client?: Client } = {}): Promise<Connection> {
  const transport = new StreamableHTTPClientTransport(new URL("/api/mcp", portalUrl), {
    requestInit: {
      headers: {
        authorization: `Bearer ${options.token ?? developer.writeToken}`,
        "x-openbank-api-key": developer.key,
        "x-openbank-app": developer.appId,
      },
    },
  });
  return connected(options.client ?? new Client({ name: "integration", version: "1" }), transport);
}

const text = (result: CallToolResult) => result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
type Structured = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read by assertions
const structured = (result: CallToolResult) => result.structuredContent as Structured;

async function clockOffsetDays(developer: Developer): Promise<number> {
  const clock = await (await sandbox(portalUrl, developer.key, "/v1/sandbox/clock")).json();
  return clock.offset_seconds / 86_400;
}
async function clockRate(developer: Developer): Promise<number> {
  return (await (await sandbox(portalUrl, developer.key, "/v1/sandbox/settings")).json()).clock_rate;
}

describe.each([
  ["stdio", overStdio],
  ["Streamable HTTP", (developer: Developer) => overHttp(developer)],
] as const)("the MCP server over %s", (transportName, open) => {
  let developer: Developer;
  let mcp: Connection;
  beforeAll(async () => {
    developer = await newDeveloper(`MCP ${transportName}`);
    mcp = await open(developer);
  });
  afterAll(() => mcp?.close());

  it("lists exactly its tools, each with a description and an input schema", async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
    for (const tool of tools) {
      expect(tool.description!.length, tool.name).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe("object");
    }
  });

  it("searches the guides and the API reference, and describes an operation with its example", async () => {
    const search = await mcp.call("search_docs", { query: "webhook signature" });
    expect(search.isError).toBeFalsy();
    const hits = structured(search).hits as { kind: string; url: string }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((hit) => hit.kind === "guide" && hit.url.startsWith(`${portalUrl}/docs/guides/`))).toBe(true);

    const endpoint = await mcp.call("search_docs", { query: "list accounts" });
    expect(
      (structured(endpoint).hits as { kind: string; path?: string }[]).some(
        (hit) => hit.kind === "endpoint" && hit.path === "/v1/accounts",
      ),
    ).toBe(true);

    const described = structured(await mcp.call("describe_operation", { operation_id: "getAccount" }));
    expect(described).toMatchObject({ api: "sandbox", method: "GET", path: "/v1/accounts/{account_id}", operation_id: "getAccount" });
    expect(described.parameters.map((parameter: { name: string }) => parameter.name)).toContain("account_id");
    expect(described.example_request).toContain(`curl -X GET '${portalUrl}/v1/accounts/`);
    expect(described.example_response.status).toBe("200");
    expect(described.example_response.example).toBeTruthy();
    expect(described.docs_url).toContain("/docs/api/");

    const byPath = structured(await mcp.call("describe_operation", { method: "POST", path: "/api/apps/app_x/sandbox/reset" }));
    expect(byPath).toMatchObject({ api: "portal", operation_id: "resetSandbox" });
    const unknown = await mcp.call("describe_operation", { operation_id: "getAcount" });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain("getAccount");
  });

  it("calls the sandbox read-only, lists the call in the logs, and explains a failed call by its request id", async () => {
    const listed = structured(await mcp.call("call_sandbox", { path: "/v1/accounts", query: { limit: 2 } }));
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBeGreaterThan(0);
    const failed = structured(await mcp.call("call_sandbox", { path: "/v1/accounts/acc_doesnotexist" }));
    expect(failed.status).toBe(404);
    expect(failed.request_id).toMatch(/^req_/);

    // The gateway writes its logs in batches: the calls appear within moments.
    const logs = await eventually(async () => {
      const result = structured(await mcp.call("recent_request_logs", { status: "4xx" }));
      return result.calls.some((call: { id: string }) => call.id === failed.request_id) ? result : undefined;
    }, 15_000);
    expect(logs.calls.every((call: { status: number }) => call.status >= 400 && call.status < 500)).toBe(true);
    const all = structured(await mcp.call("recent_request_logs", { method: "GET", limit: 5 }));
    expect(all.calls.some((call: { id: string }) => call.id === listed.request_id)).toBe(true);

    const explained = await mcp.call("explain_error", { request_id: failed.request_id });
    expect(explained.isError).toBeFalsy();
    expect(structured(explained)).toMatchObject({
      request_id: failed.request_id,
      call: { method: "GET", path: "/v1/accounts/acc_doesnotexist", status: 404 },
      catalogue_entry: { code: "resource_not_found", status: 404, docs_url: expect.stringContaining("/docs/errors#resource_not_found") },
    });
    expect(structured(explained).what_to_fix.join(" ")).toContain("Ids are per app");
    expect(text(explained)).toContain("What to fix:");
  });

  it("changes nothing without consent, then advances the clock, resets the sandbox and writes once confirmed", async () => {
    const before = await clockOffsetDays(developer);
    const preview = await mcp.call("advance_clock", { days: 3 });
    expect(structured(preview)).toMatchObject({ done: false, needs_confirmation: true });
    expect(text(preview)).toContain("by 3 day(s)");
    expect(await clockOffsetDays(developer)).toBeCloseTo(before, 1);

    const advanced = await mcp.call("advance_clock", { days: 3, confirm: true });
    expect(structured(advanced)).toMatchObject({ done: true, advanced_by_seconds: 3 * 86_400 });
    expect(await clockOffsetDays(developer)).toBeGreaterThanOrEqual(before + 3 - 0.01);

    const resetPreview = await mcp.call("reset_sandbox", {});
    expect(text(resetPreview)).toContain(`app ${developer.appId}`);
    expect(await clockOffsetDays(developer)).toBeGreaterThanOrEqual(3 - 0.01);
    const reset = await mcp.call("reset_sandbox", { confirm: true });
    expect(structured(reset)).toMatchObject({ done: true });
    expect(structured(reset).customers).toBeGreaterThan(0);
    expect(Math.abs(await clockOffsetDays(developer))).toBeLessThan(0.01);

    const rate = await clockRate(developer);
    const write = { method: "PATCH", path: "/v1/sandbox/settings", body: { clock_rate: rate + 1 } };
    const writePreview = await mcp.call("call_sandbox_write", write);
    expect(text(writePreview)).toContain("PATCH /v1/sandbox/settings (updateSandboxSettings");
    expect(await clockRate(developer)).toBe(rate);
    const written = structured(await mcp.call("call_sandbox_write", { ...write, confirm: true }));
    expect(written).toMatchObject({ status: 200, method: "PATCH" });
    expect(await clockRate(developer)).toBe(rate + 1);
  });

  it("refuses bad input with a message that says what is wrong", async () => {
    for (const [name, args, message] of [
      ["advance_clock", { days: 0 }, "days must be 1 to 90"],
      ["call_sandbox", { path: "/api/account" }, "path must be a sandbox API path"],
      ["explain_error", { request_id: "12" }, "request_id must be a request id"],
    ] as const) {
      const result = await mcp.call(name, args);
      expect(result.isError, name).toBe(true);
      expect(text(result)).toContain(message);
    }
    const notOurs = await mcp.call("explain_error", { request_id: "req_doesnotexist0" });
    expect(notOurs.isError).toBe(true);
    expect(text(notOurs)).toContain("404");
  });
});

describe("/api/mcp's security, and consent", () => {
  let developer: Developer;
  beforeAll(async () => {
    developer = await newDeveloper("MCP security");
  });
  const initialize = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  };
  const post = (headers: Record<string, string>, body: string = JSON.stringify(initialize)) =>
    fetch(new URL("/api/mcp", portalUrl), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body,
    });

  it("answers 401 with a challenge without a token, with a malformed one and with a revoked one", async () => {
    const none = await post({});
    await expectProblem(none, 401, "unauthenticated");
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="openbank-portal"');
    const malformed = await post({ authorization: "Bearer pat_nope" });
    await expectProblem(malformed, 401, "unauthenticated");
    expect(malformed.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const { client } = await PortalClient.newDeveloper(portalUrl, "MCP revoker");
    const made = await client.json("POST", "/api/account/tokens", { name: "soon dead", scope: "write", expires_in_days: 7 });
    expect((await post({ authorization: `Bearer ${made.body.secret}` })).status).toBe(200);
    expect((await client.request("DELETE", `/api/account/tokens/${made.body.token.id}`)).status).toBe(204);
    const dead = await post({ authorization: `Bearer ${made.body.secret}` });
    await expectProblem(dead, 401, "unauthenticated");
    await expect(overHttp(developer, { token: made.body.secret })).rejects.toThrow();
  });

  it("refuses other sites' pages, malformed headers and bodies, and GET/DELETE (stateless)", async () => {
    const authorization = `Bearer ${developer.writeToken}`;
    await expectProblem(await post({ authorization, origin: "https://evil.example" }), 403, "forbidden");
    await expectProblem(await post({ authorization, "x-openbank-app": "not an app" }), 400, "validation_failed");
    const notJson = await post({ authorization }, "{");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe(-32700);
    await expectProblem(await post({ authorization }, JSON.stringify({ big: "x".repeat(300 * 1024) })), 413, "payload_too_large");
    for (const method of ["GET", "DELETE"]) {
      const answer = await fetch(new URL("/api/mcp", portalUrl), { method, headers: { authorization } });
      await expectProblem(answer, 405, "method_not_allowed");
      expect(answer.headers.get("allow")).toBe("POST");
    }
  });

  it("lets a read token read but run no write tool", async () => {
    const mcp = await overHttp(developer, { token: developer.readToken });
    try {
      expect((await mcp.client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      expect(structured(await mcp.call("call_sandbox", { path: "/v1/accounts" })).status).toBe(200);
      const before = await clockOffsetDays(developer);
      for (const [name, args] of [
        ["advance_clock", { days: 1, confirm: true }],
        ["reset_sandbox", { confirm: true }],
        ["call_sandbox_write", { method: "PATCH", path: "/v1/sandbox/settings", body: { clock_rate: 5 }, confirm: true }],
      ] as const) {
        const result = await mcp.call(name, args);
        expect(result.isError, name).toBe(true);
        expect(text(result)).toContain("scope is read");
      }
      expect(await clockOffsetDays(developer)).toBeCloseTo(before, 1);
      expect(await clockRate(developer)).not.toBe(5);
    } finally {
      await mcp.close();
    }
  });

  it("over stateless HTTP, answers a write with the preview even to a client that can elicit", async () => {
    const client = new Client({ name: "with elicitation", version: "1" }, { capabilities: { elicitation: {} } });
    const mcp = await overHttp(developer, { client });
    try {
      const before = await clockOffsetDays(developer);
      const preview = await mcp.call("advance_clock", { days: 2 });
      expect(structured(preview)).toMatchObject({ done: false, needs_confirmation: true });
      expect(await clockOffsetDays(developer)).toBeCloseTo(before, 1);
    } finally {
      await mcp.close();
    }
  });

  it("asks the user through elicitation on stdio (stateful), and acts only on yes", async () => {
    for (const action of ["decline", "accept"] as const) {
      const client = new Client({ name: "with elicitation", version: "1" }, { capabilities: { elicitation: {} } });
      const asked: string[] = [];
      client.setRequestHandler(ElicitRequestSchema, async (request) => {
        asked.push(String(request.params.message));
        return action === "accept" ? { action, content: { confirm: true } } : { action };
      });
      const mcp = await overStdio(developer, client);
      try {
        const before = await clockOffsetDays(developer);
        const result = await mcp.call("advance_clock", { days: 2, confirm: true });
        expect(asked[0]).toContain("by 2 day(s)");
        if (action === "decline") {
          expect(result.isError).toBe(true);
          expect(await clockOffsetDays(developer)).toBeCloseTo(before, 1);
        } else {
          expect(structured(result)).toMatchObject({ done: true });
          expect(await clockOffsetDays(developer)).toBeGreaterThanOrEqual(before + 2 - 0.01);
        }
      } finally {
        await mcp.close();
      }
    }
  });
});

describe("the docs endpoints the tools read (public)", () => {
  it("searches the guides and the reference, and refuses a missing or bad query", async () => {
    const found = await fetch(new URL("/api/docs/search?q=webhook&limit=3", portalUrl));
    expect(found.status).toBe(200);
    const { data } = await found.json();
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThanOrEqual(3);
    expect(data[0]).toMatchObject({ kind: expect.any(String), title: expect.any(String), href: expect.stringMatching(/^\/docs\//) });

    const pasted = await (await fetch(new URL("/api/docs/search?q=req_4Kq9abc", portalUrl))).json();
    expect(pasted.data).toMatchObject([{ kind: "request" }]);

    const missing = await expectProblem(await fetch(new URL("/api/docs/search", portalUrl)), 400, "validation_failed");
    expect(missing.errors.map((error) => error.pointer)).toEqual(["/query/q"]);
    const bad = await expectProblem(await fetch(new URL("/api/docs/search?q=x&limit=99", portalUrl)), 400, "validation_failed");
    expect(bad.errors.map((error) => error.pointer)).toEqual(["/query/limit"]);
  });

  it("publishes the error catalogue with each code's docs link, to anyone", async () => {
    const answer = await fetch(new URL("/api/docs/errors", portalUrl), { headers: { authorization: "Bearer pat_nope" } });
    expect(answer.status).toBe(200);
    const { data } = await answer.json();
    expect(data.find((entry: { code: string }) => entry.code === "resource_not_found")).toMatchObject({
      status: 404,
      title: "No such resource",
      docs_url: expect.stringMatching(/\/docs\/errors#resource_not_found$/),
    });
  });
});
