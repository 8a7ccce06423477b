import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startTestPortal } from "@/tests/support/test-portal";
import { defineOperation } from "./define-operation";
import { handle } from "./handle-operation";
import { buildPortalOpenApiDocument, operationErrors } from "./openapi-document";

// The session lookup is injected below; the real one needs a Next request scope.
vi.mock("@/lib/sessions/current-session", () => ({ getCurrentSession: async () => null }));

const ada = { id: "usr_1", email: "ada@example.com", name: "Ada" };
const adaSession = (verifiedAt = new Date()) => ({ id: "ses_1", method: "password", verifiedAt, user: ada, emailVerified: true });
const origin = new URL(startTestPortal().env.PORTAL_URL).origin;

const renameThing = defineOperation({
  method: "PATCH",
  path: "/api/things/{thingId}",
  operationId: "renameThing",
  tag: "Things",
  summary: "Rename a thing",
  access: "session",
  params: z.object({ thingId: z.string().max(64) }),
  query: z.object({ dry_run: z.enum(["true", "false"]).optional() }),
  body: z.object({ name: z.string().min(1, "Enter a name").max(20) }),
  success: { status: 200, description: "The thing.", schema: z.object({ id: z.string().max(64), name: z.string().max(20) }) },
});

type Init = RequestInit & { headers?: Record<string, string> };

function call(route: ReturnType<typeof handle>, init: Init = {}, url = `${origin}/api/things/thing_1`) {
  return route(new Request(url, { method: "PATCH", ...init }), { params: Promise.resolve({ thingId: "thing_1" }) });
}

const json = (body: unknown): Init => ({ headers: { origin, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("handle", () => {
  it("gives the handler the user, params, query and body, and answers with the declared status, private, no-store", async () => {
    const handler = vi.fn(async ({ params, body, query, user }) => ({
      id: params.thingId,
      name: `${body.name}${query.dry_run ? "?" : ""}${user.id}`,
    }));
    const route = handle(renameThing, handler, { getSession: async () => adaSession() });
    const response = await call(route, json({ name: "Kettle" }), `${origin}/api/things/thing_1?dry_run=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await response.json()).toEqual({ id: "thing_1", name: "Kettle?usr_1" });
    expect(route.operation).toBe(renameThing);
  });

  it("refuses a cross-site mutation with 403 before it reads the session", async () => {
    const getSession = vi.fn(async () => adaSession());
    const response = await call(
      handle(renameThing, async () => ({ id: "x", name: "y" }), { getSession }),
      {
        ...json({ name: "Kettle" }),
        headers: { origin: "https://evil.example", "content-type": "application/json" },
      },
    );
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("forbidden");
    expect(getSession).not.toHaveBeenCalled();
  });

  it("answers 401 without a session, before it reads the body", async () => {
    const response = await call(
      handle(renameThing, async () => ({ id: "x", name: "y" }), { getSession: async () => null }),
      { headers: { origin }, body: "{oops" },
    );
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe("unauthenticated");
  });

  it("points query and body problems at /query and /body, and never calls the handler", async () => {
    const handler = vi.fn();
    const route = handle(renameThing, handler, { getSession: async () => adaSession() });
    const badQuery = await call(route, json({ name: "Kettle" }), `${origin}/api/things/thing_1?dry_run=maybe`);
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).errors[0].pointer).toBe("/query/dry_run");
    const badBody = await call(route, json({ name: "" }));
    expect((await badBody.json()).errors).toEqual([{ pointer: "/body/name", detail: "Enter a name" }]);
    expect((await call(route, { headers: { origin, "content-type": "text/plain" }, body: "x" })).status).toBe(415);
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses to answer a body its declaration does not allow (outside production)", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const route = handle(renameThing, async () => ({ id: "x", name: "a name far longer than twenty characters" }), {
      getSession: async () => adaSession(),
    });
    const response = await call(route, json({ name: "Kettle" }));
    expect(response.status).toBe(500);
    expect(String(log.mock.calls[0][0])).toContain("renameThing answered a body its schema refuses");
    log.mockRestore();
  });

  it("answers 204 with no body, and adds the handler's headers", async () => {
    const leave = defineOperation({
      ...renameThing,
      operationId: "leave",
      body: undefined,
      query: undefined,
      success: { status: 204, description: "Gone." },
    });
    const route = handle(
      leave,
      ({ headers }) => {
        headers.set("set-cookie", "a=b; Path=/");
      },
      { getSession: async () => adaSession() },
    );
    const response = await call(route, { headers: { origin } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(response.headers.get("set-cookie")).toBe("a=b; Path=/");
  });
});

describe("step-up", () => {
  const rollThing = defineOperation({ ...renameThing, operationId: "rollThing", stepUp: true });

  it("refuses a sensitive action with 403 step_up_required when the last proof is over 10 minutes old, before the handler", async () => {
    const handler = vi.fn(async () => ({ id: "x", name: "y" }));
    const stale = new Date(Date.now() - 10 * 60 * 1000 - 1000);
    const response = await call(handle(rollThing, handler, { getSession: async () => adaSession(stale) }), json({ name: "Kettle" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await response.json()).code).toBe("step_up_required");
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets it through within the window", async () => {
    const recent = new Date(Date.now() - 9 * 60 * 1000);
    const response = await call(
      handle(rollThing, async () => ({ id: "x", name: "y" }), { getSession: async () => adaSession(recent) }),
      json({ name: "Kettle" }),
    );
    expect(response.status).toBe(200);
  });

  it("publishes step_up_required among the operation's problems", () => {
    expect(operationErrors(rollThing)).toContain("step_up_required");
    expect(operationErrors(renameThing)).not.toContain("step_up_required");
  });
});

describe("a verified email address", () => {
  const inviteThing = defineOperation({ ...renameThing, operationId: "inviteThing", verifiedEmail: true, stepUp: true });
  const unverified = (verifiedAt = new Date()) => ({ ...adaSession(verifiedAt), emailVerified: false });

  it("refuses an unverified developer with 403 email_unverified, before step-up, the body and the handler", async () => {
    const handler = vi.fn(async () => ({ id: "x", name: "y" }));
    const stale = new Date(Date.now() - 60 * 60 * 1000);
    const response = await call(handle(inviteThing, handler, { getSession: async () => unverified(stale) }), json({ name: "" }));
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("email_unverified");
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets a verified developer through, and only operations that ask for it check", async () => {
    const verified = await call(
      handle(inviteThing, async () => ({ id: "x", name: "y" }), { getSession: async () => adaSession() }),
      json({ name: "Kettle" }),
    );
    expect(verified.status).toBe(200);
    const other = await call(
      handle(renameThing, async () => ({ id: "x", name: "y" }), { getSession: async () => unverified() }),
      json({ name: "Kettle" }),
    );
    expect(other.status).toBe(200);
  });

  it("publishes email_unverified among the operation's problems", () => {
    expect(operationErrors(inviteThing)).toContain("email_unverified");
    expect(operationErrors(renameThing)).not.toContain("email_unverified");
  });
});

describe("handle, with a personal access token", () => {
  const principal = (scope: "read" | "write", teamId: string | null = null) => ({
    tokenId: "tkn_1",
    scope,
    teamId,
    user: ada,
    emailVerified: true,
  });
  const readThing = defineOperation({
    method: "GET",
    path: "/api/things/{thingId}",
    operationId: "readThing",
    tag: "Things",
    summary: "Read a thing",
    access: "session",
    tokens: true,
    success: { status: 200, description: "The thing.", schema: z.object({ id: z.string().max(64), token: z.string().max(64).nullable() }) },
  });
  const writeThing = defineOperation({ ...renameThing, operationId: "writeThing", tokens: true, stepUp: true });
  const bearer = (token = "pat_x"): Init => ({ headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } });
  const getSession = vi.fn(async () => adaSession());

  it("lets a read token call a GET operation that accepts tokens, without reading the session", async () => {
    getSession.mockClear();
    const route = handle(readThing, async ({ token, session }) => ({ id: "thing_1", token: session ? "session" : (token?.id ?? null) }), {
      getSession,
      authenticateToken: async () => principal("read"),
    });
    const response = await call(route, { method: "GET", ...bearer() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "thing_1", token: "tkn_1" });
    expect(getSession).not.toHaveBeenCalled();
  });

  it("refuses a read token on a mutation with 403 insufficient_scope, before the handler", async () => {
    const handler = vi.fn(async () => ({ id: "x", name: "y" }));
    const route = handle(writeThing, handler, { authenticateToken: async () => principal("read") });
    const response = await call(route, { ...bearer(), body: JSON.stringify({ name: "Kettle" }) });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("insufficient_scope");
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets a write token mutate without an Origin (no cross-site check for bearer requests) and stands for a step-up", async () => {
    const route = handle(writeThing, async ({ body }) => ({ id: "thing_1", name: body.name }), {
      authenticateToken: async () => principal("write"),
    });
    const response = await call(route, { ...bearer(), body: JSON.stringify({ name: "Kettle" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "thing_1", name: "Kettle" });
  });

  it("refuses any token, even a write one, on an operation that does not accept tokens: 403 token_not_allowed", async () => {
    const handler = vi.fn(async () => ({ id: "x", name: "y" }));
    const route = handle(renameThing, handler, { getSession, authenticateToken: async () => principal("write") });
    const response = await call(route, { ...bearer(), body: JSON.stringify({ name: "Kettle" }) });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("token_not_allowed");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers a token that does not work with 401 and WWW-Authenticate, and never falls back to the cookie", async () => {
    const { invalidTokenError } = await import("@/lib/tokens/authenticate-token");
    const route = handle(readThing, async () => ({ id: "x", token: null }), {
      getSession,
      authenticateToken: async () => {
        throw invalidTokenError();
      },
    });
    for (const authorization of ["Bearer pat_revoked", "Basic dXNlcjpwYXNz", "Bearer"]) {
      const response = await call(route, { method: "GET", headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await response.json()).code).toBe("unauthenticated");
    }
  });

  it("ignores a bearer on public operations", async () => {
    const publicThing = defineOperation({ ...readThing, operationId: "publicThing", access: "public" });
    const authenticateToken = vi.fn(async () => principal("read"));
    const route = handle(publicThing, async () => ({ id: "p", token: null }), { getSession: async () => null, authenticateToken });
    expect((await call(route, { method: "GET", ...bearer() })).status).toBe(200);
    expect(authenticateToken).not.toHaveBeenCalled();
  });
});

describe("the published document of an operation", () => {
  it("lists the problems its declaration implies, each under its status", () => {
    expect(operationErrors(renameThing).sort()).toEqual(
      [
        "forbidden",
        "internal_error",
        "malformed_json",
        "payload_too_large",
        "token_not_allowed",
        "unauthenticated",
        "unsupported_media_type",
        "validation_failed",
      ].sort(),
    );
    const document = buildPortalOpenApiDocument([renameThing], { portalUrl: "https://portal.example" });
    const operation = document.paths["/api/things/{thingId}"].patch as {
      responses: Record<string, unknown>;
      parameters: Array<{ name: string; in: string }>;
    };
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "400", "401", "403", "413", "415", "500"]);
    expect(operation.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(["path:thingId", "query:dry_run"]);
  });
});
