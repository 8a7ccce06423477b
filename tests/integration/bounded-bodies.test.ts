import { beforeAll, describe, expect, inject, it } from "vitest";
import { portalOperations } from "../../lib/portal-api/operations";
import { chunkedUpload, HUGE_UPLOAD_BYTES, type UploadOutcome } from "../support/chunked-upload";
import { PortalClient } from "../support/portal-client";
import { createTeam } from "../support/teams";

/**
 * Issue 21 (finding 2): a 48 MiB chunked upload (no Content-Length, so no early check fires) to
 * /api/signup and to /oauth/token was read in full before the answer. Every route that reads a body
 * now stops at its limit: the operations of the published portal API document that take a request
 * body, next-auth's forms, the authorization server's forms and the sandbox API surfaces. Each one
 * answers 413 problem+json long before the upload ends, and the connection closes (the rest of the
 * upload is never read: the client cannot send it).
 */

const portalUrl = inject("portalUrl");

type Route = { label: string; method: string; path: string; headers: Record<string, string> };

let owner: PortalClient;
let admin: PortalClient;
let appId: string;
let teamId: string;
let apiKey: string;
let documented: { method: string; path: string; access: string }[] = [];

beforeAll(async () => {
  const developer = await PortalClient.newDeveloper(portalUrl, "Bounded Bodies", { verified: true });
  owner = developer.client;
  teamId = await createTeam(owner, "Bounded bodies team");
  const created = await owner.json("POST", "/api/apps", { name: "Bounded bodies app", team_id: teamId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
  apiKey = created.body.secret;
  admin = new PortalClient(portalUrl);
  await admin.signIn("admin@example.com", "Programme-Review-2026");

  // The routes come from the published document (what a client can call), not from a hand-kept list.
  const document = (await (await fetch(`${portalUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: unknown; operationId: string }>>;
  };
  const accessOf = new Map(portalOperations.map((operation) => [operation.operationId, operation.access]));
  documented = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => operation && typeof operation === "object" && "requestBody" in operation && operation.requestBody)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, access: String(accessOf.get(operation.operationId)) })),
  );
}, 120_000);

/** The owner's own app and team fill the path (so the access checks pass and the body is read); other ids need not exist. */
const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "appId" ? appId : name === "teamId" ? teamId : "nope_0000000000000000"));

function expectStoppedAt413(route: Route, upload: UploadOutcome) {
  const context = `${route.label}: ${upload.status} ${upload.body.slice(0, 300)}`;
  expect(upload.status, context).toBe(413);
  expect(upload.headers["content-type"], context).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(upload.body), context).toMatchObject({ status: 413, code: "payload_too_large" });
  expect(upload.headers["cache-control"], context).toBe("private, no-store");
  // The answer came before the end of the upload, and the rest of it was never read.
  expect(upload.sentBeforeAnswer!, context).toBeLessThan(HUGE_UPLOAD_BYTES);
  expect(upload.completed, `${route.label}: the whole ${HUGE_UPLOAD_BYTES} bytes were read (${upload.sent} sent)`).toBe(false);
}

const send = (route: Route) => chunkedUpload(new URL(route.path, portalUrl).toString(), { method: route.method, headers: route.headers });

describe("a 48 MiB chunked upload to every portal API operation that takes a body: 413, reading stopped", () => {
  it("derives the operations from the published document, and they are the registry's", () => {
    console.log(`[bounded bodies] ${documented.length} documented operations take a request body`);
    expect(documented.length).toBeGreaterThan(30);
    const registered = portalOperations.filter((operation) => operation.body).map((operation) => `${operation.method} ${operation.path}`);
    expect(documented.map((operation) => `${operation.method} ${operation.path}`).sort()).toEqual(registered.sort());
    expect(documented.map((operation) => operation.path)).toContain("/api/signup");
  });

  it("answers each one 413 problem+json before the upload ends, and closes the connection", async () => {
    const failures: string[] = [];
    for (const operation of documented) {
      const client = operation.access === "platform-admin" ? admin : owner;
      const route: Route = {
        label: `${operation.method} ${operation.path}`,
        method: operation.method,
        path: fill(operation.path),
        headers: { "content-type": "application/json", origin: portalUrl, cookie: client.cookieHeader },
      };
      try {
        expectStoppedAt413(route, await send(route));
      } catch (error) {
        failures.push((error as Error).message.split("\n")[0]);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe("a 48 MiB chunked upload to the routes outside the portal API document: 413, reading stopped", () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const routes = (): Route[] => [
    // next-auth reads its forms itself: sign-in with a password, sign-out.
    { label: "next-auth sign-in", method: "POST", path: "/api/auth/callback/credentials", headers: { ...form, origin: portalUrl } },
    {
      label: "next-auth sign-out",
      method: "POST",
      path: "/api/auth/signout",
      headers: { ...form, origin: portalUrl, cookie: owner.cookieHeader },
    },
    // The authorization server's forms and registration, on the gateway's fast path.
    { label: "/oauth/token", method: "POST", path: "/oauth/token", headers: form },
    { label: "/oauth/par", method: "POST", path: "/oauth/par", headers: form },
    { label: "/oauth/revoke", method: "POST", path: "/oauth/revoke", headers: form },
    { label: "/oauth/introspect", method: "POST", path: "/oauth/introspect", headers: form },
    { label: "/oauth/register", method: "POST", path: "/oauth/register", headers: { "content-type": "application/json" } },
    // The bank's customer pages post their forms through the same fast path.
    { label: "the bank's login form", method: "POST", path: "/oauth/interaction/uid_unknown/login", headers: form },
    { label: "the connected-apps login form", method: "POST", path: "/oauth/connected-apps/login", headers: form },
    // The sandbox API surfaces (with the app's key: the body is read once the caller is known).
    ...["/v1/payments", "/v1/sandbox/import", "/open-banking/v4.0/pisp/domestic-payment-consents", "/berlin-group/v1/consents"].map(
      (path) => ({
        label: path,
        method: "POST",
        path,
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}`, "x-request-id": crypto.randomUUID() },
      }),
    ),
  ];

  it("answers each one 413 problem+json before the upload ends, and closes the connection", async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      try {
        const upload = await send(route);
        const context = `${route.label}: ${upload.status} ${upload.body.slice(0, 300)}`;
        expect(upload.status, context).toBe(413);
        // The standards answer in their own error formats (lib/gateway/dialects); everything else in problem+json.
        if (!/^\/(open-banking|berlin-group)\//.test(route.path)) {
          expect(upload.headers["content-type"], context).toMatch(/^application\/problem\+json/);
          expect(JSON.parse(upload.body), context).toMatchObject({ status: 413, code: "payload_too_large" });
        }
        expect(upload.sentBeforeAnswer!, context).toBeLessThan(HUGE_UPLOAD_BYTES);
        expect(upload.completed, `${route.label}: the whole upload was read (${upload.sent} sent)`).toBe(false);
      } catch (error) {
        failures.push((error as Error).message.split("\n")[0]);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("also stops reading an upload it refuses before reading the body (no session: 401), rather than draining it", async () => {
    const upload = await send({
      label: "anonymous create app",
      method: "POST",
      path: "/api/apps",
      headers: { "content-type": "application/json", origin: portalUrl },
    });
    expect(upload.status).toBe(401);
    expect(upload.completed, `the whole upload was read (${upload.sent} sent)`).toBe(false);
  });
});
