import { existsSync } from "node:fs";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { startServices } from "../../scripts/test-services.mjs";
import { createOpenApiValidator, type OpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { freePorts } from "../support/free-ports";
import { eventually, PortalClient } from "../support/portal-client";

/**
 * Revocable sessions across two portal instances that share one database (as behind a balancer):
 * a session signed out on instance A is refused by instance B at its very next request, for pages,
 * the portal API and the docs' gateway credential (session cookie + X-Portal-Key-Id). The session id
 * changes at sign-in and at step-up (the old cookie stops working), expired sessions are refused,
 * next-auth's sign-out ends the row, and nobody can sign out someone else's session.
 *
 * No Redis: nothing about a session is cached by an instance, the row is read on every request.
 */
if (!existsSync(".next/BUILD_ID")) throw new Error("sessions: no production build (.next/BUILD_ID). Run `npm run build` first.");

const KEY_CACHE_TTL_S = 3;
const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

let services: Awaited<ReturnType<typeof startServices>>;
let db: PrismaClient;
let published: OpenApiValidator;
/** The portal's public URL (instance A) and instance B, which every client here also sends as Origin. */
let urlA: string;
let urlB: string;

beforeAll(async () => {
  const ports = await freePorts();
  services = await startServices({
    portalPort: ports.portal,
    bankPort: ports.bank,
    name: "sessions-scale-out",
    portalInstances: 2,
    // No Redis here: another instance's cached key lives until this TTL (the bound tested below).
    env: { KEY_CACHE_TTL_SECONDS: String(KEY_CACHE_TTL_S) },
  });
  [urlA, urlB] = services.portalUrls;
  db = createPrismaClient(services.env.DATABASE_URL!);
  published = createOpenApiValidator(await (await fetch(`${urlA}/api/openapi.json`)).json());
}, 180_000);

afterAll(async () => {
  await db?.$disconnect();
  await services?.stop();
});

/** A new developer signed in on instance A, and a second browser of theirs signed in on instance B. */
async function developerOnTwoInstances(headersB: Record<string, string> = {}) {
  const { client: onA, email, password } = await PortalClient.newDeveloper(urlA, "Two Browsers");
  const onB = new PortalClient(urlB, urlA);
  await onB.signIn(email, password, headersB);
  return { onA, onB, email, password };
}

async function currentSessionId(client: PortalClient): Promise<string> {
  const { status, body } = await client.json("GET", "/api/account/sessions");
  expect(status).toBe(200);
  return body.data.find((row: { current: boolean }) => row.current).id;
}

/** The audit rows of the developer's own account (no team), oldest first. */
async function accountAudit(client: PortalClient) {
  const userId = (await client.json("GET", "/api/account")).body.id as string;
  return db.auditEvent.findMany({ where: { actorId: userId, teamId: null }, orderBy: { createdAt: "asc" } });
}

/** The three doors a session opens: a page, the portal API, and the docs' calls to the sandbox with a picked key. */
async function doors(client: PortalClient, keyId: string) {
  const page = await client.request("GET", "/dashboard");
  const api = await client.request("GET", "/api/account");
  const docs = await fetch(new URL("/v1/accounts?type=current", client.baseUrl), {
    headers: { cookie: client.cookieHeader, "x-portal-key-id": keyId },
  });
  return { page, api, docs };
}

describe("sessions are listed as the sessions page shows them", () => {
  it("with device, network, sign-in method and times, this one first; never the cookie", async () => {
    const { onA } = await developerOnTwoInstances({ "user-agent": FIREFOX_ON_WINDOWS, "x-forwarded-for": "203.0.113.77" });
    const response = await onA.request("GET", "/api/account/sessions");
    const body = await response.json();
    published.assertResponse({
      method: "GET",
      path: "/api/account/sessions",
      status: 200,
      contentType: response.headers.get("content-type"),
      body,
    });
    expect(body.data).toHaveLength(2);
    expect(body.data[0].current).toBe(true);
    const other = body.data[1];
    expect(other).toMatchObject({ current: false, device: "Firefox on Windows", ip_prefix: "203.0.113.0/24", method: "password" });
    expect(Date.parse(other.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(other.created_at));
    expect(JSON.stringify(body)).not.toContain("203.0.113.77");
    expect(JSON.stringify(body)).not.toContain(onA.cookieHeader.split("=")[1].slice(0, 40));
  });
});

describe("a session revoked on instance A stops working on instance B at its next request", () => {
  it("for pages, the portal API and the docs' gateway credential", async () => {
    const { onA, onB } = await developerOnTwoInstances();
    const created = await onA.json("POST", "/api/apps", { name: "Two instances app" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const keyId: string = created.body.key.id;

    const before = await doors(onB, keyId);
    expect(before.page.status).toBe(200);
    expect(before.api.status).toBe(200);
    expect(before.docs.status, await before.docs.clone().text()).toBe(200);

    const sessionB = await currentSessionId(onB);
    const revoked = await onA.request("DELETE", `/api/account/sessions/${sessionB}`);
    expect(revoked.status).toBe(204);
    const revokedAt = performance.now();

    // The very next request on B, with no wait and no cache in between.
    const api = await onB.request("GET", "/api/account");
    const firstRefusalMs = performance.now() - revokedAt;
    await expectProblem(api, 401, "unauthenticated");
    const after = await doors(onB, keyId);
    expect(after.page.status).toBe(307);
    expect(after.page.headers.get("location")).toMatch(/\/signin\?callbackUrl=%2Fdashboard$/);
    await expectProblem(after.api, 401, "unauthenticated");
    await expectProblem(after.docs, 401, "invalid_api_key");
    // The same cookie sent to instance A is refused too; A's own session is untouched.
    await expectProblem(await onB.copy(urlA).request("GET", "/api/account"), 401, "unauthenticated");
    expect((await onA.json("GET", "/api/account")).status).toBe(200);
    console.log(`[sessions] revoked on A → refused on B at the first request, ${firstRefusalMs.toFixed(1)} ms after the 204`);

    // Signed out twice: the row is already over.
    await expectProblem(await onA.request("DELETE", `/api/account/sessions/${sessionB}`), 404, "resource_not_found");
    // Audited once, naming the session that ended.
    const audited = (await accountAudit(onA)).filter((row) => row.action === "account.session_revoked");
    expect(audited.map((row) => ({ targetType: row.targetType, targetId: row.targetId }))).toEqual([
      { targetType: "session", targetId: sessionB },
    ]);
  });

  it("signing out every other session keeps this one and ends the rest on both instances", async () => {
    const { onA, onB, email, password } = await developerOnTwoInstances();
    const third = new PortalClient(urlA);
    await third.signIn(email, password);
    const { status, body } = await onA.json("POST", "/api/account/sessions/revoke-others");
    expect(status).toBe(200);
    expect(body).toEqual({ revoked: 2 });
    await expectProblem(await onB.request("GET", "/api/account"), 401, "unauthenticated");
    await expectProblem(await third.request("GET", "/api/account"), 401, "unauthenticated");
    expect((await onA.json("GET", "/api/account")).status).toBe(200);
    expect((await onA.json("GET", "/api/account/sessions")).body.data).toHaveLength(1);
    const audited = (await accountAudit(onA)).filter((row) => row.action === "account.sessions_revoked");
    expect(audited.map((row) => row.metadata)).toEqual([{ sessions: 2 }]);
  });

  it("next-auth's own session endpoint says nothing for a signed-out cookie, and clears it instead of renewing it", async () => {
    const { onA, onB, email } = await developerOnTwoInstances();
    const asked = async (client: PortalClient) => {
      const response = await client.request("GET", "/api/auth/session");
      return { status: response.status, body: await response.json(), cookies: response.headers.getSetCookie() };
    };
    const before = await asked(onB);
    expect(before.body.user.id).toMatch(/^usr_/);
    expect(JSON.stringify(before.body)).not.toContain(email); // the cookie holds only the two ids
    expect(before.cookies.some((cookie) => /^next-auth\.session-token=[^;]+/.test(cookie))).toBe(true);

    await onA.json("POST", "/api/account/sessions/revoke-others");
    for (const client of [onB, onB.copy(urlA)]) {
      const after = await asked(client);
      expect(after.status).toBe(200);
      expect(after.body).toEqual({});
      expect(after.cookies.some((cookie) => /^next-auth\.session-token=;/.test(cookie))).toBe(true);
      expect(after.cookies.some((cookie) => /^next-auth\.session-token=[^;]+/.test(cookie))).toBe(false);
    }
    // The live session still has its answer.
    expect((await asked(onA)).body.user.id).toBe(before.body.user.id);
  });

  it("next-auth's sign-out (the account menu's) ends the session row: a copy of the cookie no longer works", async () => {
    const { onB } = await developerOnTwoInstances();
    const stolen = onB.copy(urlA);
    expect((await stolen.json("GET", "/api/account")).status).toBe(200);
    // The browser signs out as next-auth's client does: a form post with the CSRF token of its cookie.
    const { csrfToken } = await (await onB.request("GET", "/api/auth/csrf")).json();
    const form = await fetch(new URL("/api/auth/signout", urlB), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: onB.cookieHeader, origin: urlA },
      body: new URLSearchParams({ csrfToken, callbackUrl: urlA, json: "true" }),
    });
    expect(form.status).toBe(200);
    expect(form.headers.getSetCookie().some((cookie) => /^next-auth\.session-token=;/.test(cookie))).toBe(true);
    await expectProblem(await stolen.request("GET", "/api/account"), 401, "unauthenticated");
  });
});

describe("the session id changes when the developer signs in or gains a privilege", () => {
  it("every sign-in opens a new session, even in the same browser", async () => {
    const { client, email, password } = await PortalClient.newDeveloper(urlA, "Signs In Twice");
    const first = await currentSessionId(client);
    await client.signIn(email, password);
    const second = await currentSessionId(client);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^ses_/);
  });

  it("a step-up replaces the session: the old cookie stops working, on every instance", async () => {
    const { client, password } = await PortalClient.newDeveloper(urlA, "Steps Up");
    const before = await currentSessionId(client);
    const oldCookie = client.copy(urlB);
    const stepped = await client.json("POST", "/api/account/step-up", { password });
    expect(stepped.status, JSON.stringify(stepped.body)).toBe(200);
    expect(stepped.response.headers.getSetCookie().some((cookie) => cookie.startsWith("next-auth.session-token="))).toBe(true);

    const after = await currentSessionId(client);
    expect(after).not.toBe(before);
    await expectProblem(await oldCookie.request("GET", "/api/account"), 401, "unauthenticated");
    expect((await client.copy(urlB).json("GET", "/api/account")).status).toBe(200);
    const row = await db.portalSession.findUniqueOrThrow({ where: { id: after } });
    expect(Date.now() - row.verifiedAt.getTime()).toBeLessThan(60_000);
    const audited = (await accountAudit(client)).filter((event) => event.action === "account.stepped_up");
    expect(audited.map((event) => ({ targetId: event.targetId, metadata: event.metadata }))).toEqual([
      { targetId: after, metadata: { method: "password" } },
    ]);
  });
});

describe("expired and foreign sessions", () => {
  it("an expired session is refused on both instances, though its cookie is still well-formed", async () => {
    const { onA, onB } = await developerOnTwoInstances();
    const id = await currentSessionId(onB);
    await db.portalSession.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await expectProblem(await onB.request("GET", "/api/account"), 401, "unauthenticated");
    await expectProblem(await onB.copy(urlA).request("GET", "/api/account"), 401, "unauthenticated");
    const page = await onB.request("GET", "/account/sessions");
    expect(page.status).toBe(307);
    // The listing no longer shows it either.
    const listed = (await onA.json("GET", "/api/account/sessions")).body.data.map((row: { id: string }) => row.id);
    expect(listed).not.toContain(id);
  });

  it("another developer cannot sign out your session: 404, and it goes on working", async () => {
    const { onA, onB } = await developerOnTwoInstances();
    const victim = await currentSessionId(onB);
    const { client: stranger } = await PortalClient.newDeveloper(urlA, "Stranger");
    await expectProblem(await stranger.request("DELETE", `/api/account/sessions/${victim}`), 404, "resource_not_found");
    await expectProblem(await stranger.request("DELETE", "/api/account/sessions/ses_0000000000000000000000"), 404, "resource_not_found");
    expect((await onB.json("GET", "/api/account")).status).toBe(200);
    expect((await onA.json("GET", "/api/account/sessions")).body.data.map((row: { id: string }) => row.id)).toContain(victim);
    // And a cross-site request to sign it out, with the owner's own cookie, is refused before anything is read.
    await expectProblem(
      await onA.request("DELETE", `/api/account/sessions/${victim}`, undefined, { origin: "https://evil.example" }),
      403,
      "forbidden",
    );
    expect((await onB.json("GET", "/api/account")).status).toBe(200);
  });
});

describe("an app deleted through instance A", () => {
  it("stops its key on A at once, and on B within KEY_CACHE_TTL_SECONDS without Redis (at once with it: the invalidation message)", async () => {
    const { client } = await PortalClient.newDeveloper(urlA, "Deletes Across");
    const kept = await client.createApp("Kept across instances");
    const doomed = await client.createApp("Deleted across instances");
    const call = (url: string, key: string) => fetch(`${url}/v1/products`, { headers: { authorization: `Bearer ${key}` } });
    // Cached on both instances.
    for (const url of [urlA, urlB]) expect((await call(url, doomed.secret)).status).toBe(200);

    expect((await client.request("DELETE", `/api/apps/${doomed.app.id}`)).status).toBe(204);
    const deletedAt = performance.now();
    await expectProblem(await call(urlA, doomed.secret), 401, "invalid_api_key");
    let refusedAfterMs = 0;
    for (;;) {
      const answer = await call(urlB, doomed.secret);
      if (answer.status === 401) {
        refusedAfterMs = performance.now() - deletedAt;
        break;
      }
      expect(answer.status).toBe(200);
      expect(performance.now() - deletedAt).toBeLessThan((KEY_CACHE_TTL_S + 5) * 1000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(
      `[sessions] deleted app's key refused on B after ${refusedAfterMs.toFixed(0)} ms (KEY_CACHE_TTL_SECONDS=${KEY_CACHE_TTL_S}, no Redis)`,
    );
    // B's calls made meanwhile were logged for an app that is gone: the other apps' logs still land.
    expect((await call(urlB, kept.secret)).status).toBe(200);
    await eventually(async () => (await client.json("GET", `/api/apps/${kept.app.id}/requests`)).body.data.length > 0);
  });
});
