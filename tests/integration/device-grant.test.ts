import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { deviceName, pollDevice, postForm, startDevice, waitInterval, type FormAnswer } from "../support/device-grant";
import { PortalClient } from "../support/portal-client";
import { CliProcess } from "../support/run-cli";
import { ageSessionProof, executeStored, storedRows, storedTime } from "../support/stored-rows";
import { createTeam } from "../support/teams";
import { TokenClient } from "../support/token-client";

/**
 * The device authorization grant (RFC 8628) behind `openbank login`: the CLI's two endpoints with
 * every RFC error, the confirm page's API (session, step-up, throttle, CSRF), the token it issues,
 * `whoami` and a token revoking itself, and the built CLI as a child process.
 */

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());

/** Checks an answer of the RFC surface against the published document, and that it is never cached. */
function documented(path: string, answer: FormAnswer) {
  expect(answer.response.headers.get("cache-control")).toBe("private, no-store");
  published.assertResponse({
    method: "post",
    path,
    status: answer.status,
    contentType: answer.response.headers.get("content-type"),
    body: answer.body,
  });
}

async function expectOAuthError(answer: FormAnswer, error: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body.error).toBe(error);
  expect(typeof answer.body.error_description).toBe("string");
  documented(answer.response.url.slice(portalUrl.length), answer);
}

async function start(fields: Record<string, string> = {}) {
  const answer = await startDevice(portalUrl, fields);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  documented("/api/device/code", answer);
  return answer.body as { device_code: string; user_code: string; verification_uri_complete: string; interval: number };
}

let developer: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
let teamId: string;

beforeAll(async () => {
  developer = await PortalClient.newDeveloper(portalUrl, "Device Developer");
  teamId = await createTeam(developer.client, "Device team");
}, 60_000);

describe("the happy path", () => {
  it("starts, is pending, is looked up, approved with a scope and team, and yields a token once", async () => {
    const name = deviceName("laptop");
    const answer = await startDevice(portalUrl, { device_name: name });
    expect(answer.status).toBe(200);
    documented("/api/device/code", answer);
    expect(answer.response.headers.get("pragma")).toBe("no-cache");
    const authorization = answer.body;
    expect(authorization.device_code).toMatch(/^dvc_[0-9A-Za-z]{36}$/);
    expect(authorization.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(authorization.verification_uri).toBe(`${portalUrl}/device`);
    expect(authorization.verification_uri_complete).toBe(`${portalUrl}/device?user_code=${authorization.user_code}`);
    expect(authorization.expires_in).toBe(900);
    expect(authorization.interval).toBe(1); // DEVICE_POLL_INTERVAL_SECONDS of the suites (5 by default)

    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "authorization_pending");

    // The developer types it in lower case without the hyphen: the same code.
    const typed = authorization.user_code.replace("-", "").toLowerCase();
    const lookup = await developer.client.json("POST", "/api/device/lookup", { user_code: typed });
    expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
    expect(lookup.body).toMatchObject({
      user_code: authorization.user_code,
      client_name: "openbank CLI",
      client_host: name,
      requested_scope: "write",
    });
    expect(lookup.body.client_ip).toBeTruthy();
    expect(Date.parse(lookup.body.expires_at) - Date.parse(lookup.body.created_at)).toBe(900_000);

    const approved = await developer.client.request("POST", "/api/device/approve", {
      user_code: authorization.user_code,
      scope: "read",
      team_id: teamId,
    });
    expect(approved.status, await approved.clone().text()).toBe(204);

    await waitInterval();
    const token = await pollDevice(portalUrl, authorization.device_code);
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    documented("/api/device/token", token);
    expect(token.body).toMatchObject({ token_type: "Bearer", scope: "read", team_id: teamId });
    expect(token.body.access_token).toMatch(/^pat_/);
    expect(token.body.expires_in).toBeGreaterThan(89 * 86400);
    expect(token.body.expires_in).toBeLessThanOrEqual(90 * 86400);

    // The token works, with the scope and team granted (not what the CLI asked for).
    const cli = new TokenClient(portalUrl, token.body.access_token);
    const me = await cli.json("GET", "/api/whoami");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { email: developer.email },
      authenticated_with: "token",
      token: { id: token.body.token_id, scope: "read", team_id: teamId, name: `openbank CLI on ${name}`, status: "active" },
    });
    const app = await developer.client.json("POST", "/api/apps", { name: "Device app", team_id: teamId });
    expect(app.status).toBe(201);
    await expectProblem(await cli.request("POST", `/api/apps/${app.body.app.id}/keys`, { name: "x" }), 403, "insufficient_scope");
    // The account page lists it with the others.
    const listed = await developer.client.json("GET", "/api/account/tokens");
    expect(listed.body.data.map((row: { id: string }) => row.id)).toContain(token.body.token_id);

    // One-time: the device code is spent, and the user code no longer names anything.
    await waitInterval();
    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "invalid_grant");
    await expectProblem(
      await developer.client.request("POST", "/api/device/lookup", { user_code: authorization.user_code }),
      404,
      "resource_not_found",
    );

    // Audited: the approval, and the token's creation through the device grant.
    const audit = (await storedRows(databaseUrl, "AuditEvent")).filter(
      (row) => String(row.targetId) === lookup.body.id || String(row.targetId) === token.body.token_id,
    );
    expect(audit.map((row) => row.action).sort()).toEqual(["account.device_approved", "account.token_created"]);
  }, 30_000);

  it("accepts a JSON body too, and read when no scope is asked", async () => {
    const response = await fetch(`${portalUrl}/api/device/code`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "openbank-cli" }),
    });
    expect(response.status).toBe(200);
    const { user_code } = await response.json();
    const lookup = await developer.client.json("POST", "/api/device/lookup", { user_code });
    expect(lookup.body.requested_scope).toBe("read");
    expect(lookup.body.client_host).toBeNull();
  });
});

describe("the RFC's errors", () => {
  it("access_denied after a denial, and the code cannot be approved afterwards", async () => {
    const authorization = await start();
    expect((await developer.client.request("POST", "/api/device/deny", { user_code: authorization.user_code })).status).toBe(204);
    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "access_denied");
    await expectProblem(
      await developer.client.request("POST", "/api/device/approve", { user_code: authorization.user_code, scope: "read" }),
      404,
      "resource_not_found",
    );
  });

  it("slow_down when polled faster than the interval, raising it by 5 s each time", async () => {
    const name = deviceName("impatient");
    const authorization = await start({ device_name: name });
    // A 60 s interval, so the polls below are too fast however slow this machine is.
    await executeStored(databaseUrl, `UPDATE "DeviceAuthorization" SET "interval" = 60 WHERE "clientHost" = ?`, [name]);
    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "authorization_pending");
    const first = await pollDevice(portalUrl, authorization.device_code);
    await expectOAuthError(first, "slow_down");
    expect(first.body.interval).toBe(65);
    const second = await pollDevice(portalUrl, authorization.device_code);
    await expectOAuthError(second, "slow_down");
    expect(second.body.interval).toBe(70);
  });

  it("expired_token once its 15 minutes are over, approved or not; the page no longer finds it", async () => {
    const name = deviceName("expiring");
    const authorization = await start({ device_name: name });
    const approved = await start({ device_name: name });
    await developer.client.request("POST", "/api/device/approve", { user_code: approved.user_code, scope: "write" });
    await executeStored(databaseUrl, `UPDATE "DeviceAuthorization" SET "expiresAt" = ? WHERE "clientHost" = ?`, [
      storedTime(databaseUrl, new Date(Date.now() - 1000)),
      name,
    ]);
    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "expired_token");
    await expectOAuthError(await pollDevice(portalUrl, approved.device_code), "expired_token");
    await expectProblem(
      await developer.client.request("POST", "/api/device/lookup", { user_code: authorization.user_code }),
      404,
      "resource_not_found",
    );
  });

  it("invalid_grant for a device code that is unknown or malformed", async () => {
    const { device_code } = await start();
    const unknown = `dvc_${"A".repeat(36)}`;
    await expectOAuthError(await pollDevice(portalUrl, unknown), "invalid_grant");
    await expectOAuthError(
      await pollDevice(portalUrl, device_code.slice(0, -1) + (device_code.endsWith("A") ? "B" : "A")),
      "invalid_grant",
    );
    await expectOAuthError(await pollDevice(portalUrl, "not-a-code"), "invalid_grant");
  });

  it("invalid_request, unsupported_grant_type and invalid_client on the token endpoint", async () => {
    const { device_code } = await start();
    const token = "/api/device/token";
    await expectOAuthError(await postForm(portalUrl, token, { device_code, client_id: "openbank-cli" }), "invalid_request");
    await expectOAuthError(await pollDevice(portalUrl, device_code, { grant_type: "authorization_code" }), "unsupported_grant_type");
    await expectOAuthError(
      await postForm(portalUrl, token, { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code }),
      "invalid_request",
    );
    await expectOAuthError(await pollDevice(portalUrl, device_code, { client_id: "someone-else" }), "invalid_client");
    await expectOAuthError(
      await postForm(portalUrl, token, { grant_type: "urn:ietf:params:oauth:grant-type:device_code", client_id: "openbank-cli" }),
      "invalid_request",
    );
    // A parameter twice (RFC 6749 §3.2), a body that is neither a form nor JSON, a field too long.
    const twice = await fetch(`${portalUrl}${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=openbank-cli&device_code=${device_code}&device_code=${device_code}`,
    });
    expect(twice.status).toBe(400);
    expect((await twice.json()).error).toBe("invalid_request");
    const text = await fetch(`${portalUrl}${token}`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(text.status).toBe(400);
    expect((await text.json()).error).toBe("invalid_request");
    await expectOAuthError(await pollDevice(portalUrl, device_code, { device_code: "x".repeat(300) }), "invalid_request");
  });

  it("invalid_request, invalid_client and invalid_scope on the device authorization endpoint", async () => {
    const code = "/api/device/code";
    await expectOAuthError(await postForm(portalUrl, code, { scope: "read" }), "invalid_request");
    await expectOAuthError(await postForm(portalUrl, code, { client_id: "someone-else" }), "invalid_client");
    await expectOAuthError(await startDevice(portalUrl, { scope: "admin" }), "invalid_scope");
    await expectOAuthError(await startDevice(portalUrl, { scope: "read admin" }), "invalid_scope");
  });
});

describe("security", () => {
  it("stores neither code: only their HMACs", async () => {
    const authorization = await start();
    const rows = JSON.stringify(await storedRows(databaseUrl, "DeviceAuthorization"));
    expect(rows).not.toContain(authorization.device_code);
    expect(rows).not.toContain(authorization.user_code);
    expect(rows).not.toContain(authorization.user_code.replace("-", ""));
  });

  it("the confirm API needs a session: 401 without one", async () => {
    const { user_code } = await start();
    const anonymous = new PortalClient(portalUrl);
    for (const [path, body] of [
      ["/api/device/lookup", { user_code }],
      ["/api/device/approve", { user_code, scope: "read" }],
      ["/api/device/deny", { user_code }],
    ] as const) {
      await expectProblem(await anonymous.request("POST", path, body), 401, "unauthenticated");
    }
  });

  it("refuses cross-site requests: the confirm API (CSRF) and the CLI's endpoints from a web page", async () => {
    const authorization = await start();
    const evil = { origin: "https://evil.example" };
    await expectProblem(
      await developer.client.request("POST", "/api/device/approve", { user_code: authorization.user_code, scope: "write" }, evil),
      403,
      "forbidden",
    );
    await expectProblem(
      await developer.client.request("POST", "/api/device/deny", { user_code: authorization.user_code }, evil),
      403,
      "forbidden",
    );
    await expectProblem((await startDevice(portalUrl, {}, evil)).response, 403, "forbidden");
    await expectProblem((await startDevice(portalUrl, {}, { "sec-fetch-site": "cross-site" })).response, 403, "forbidden");
    await expectProblem(
      (await postForm(portalUrl, "/api/device/token", { device_code: authorization.device_code }, evil)).response,
      403,
      "forbidden",
    );
    // Nothing was decided.
    await expectOAuthError(await pollDevice(portalUrl, authorization.device_code), "authorization_pending");
  });

  it("approving needs a recent step-up, as creating a token does; denying does not", async () => {
    const fresh = await PortalClient.newDeveloper(portalUrl, "Aged Session");
    const authorization = await start();
    await ageSessionProof(databaseUrl, fresh.email, 11);
    await expectProblem(
      await fresh.client.request("POST", "/api/device/approve", { user_code: authorization.user_code, scope: "read" }),
      403,
      "step_up_required",
    );
    const stepUp = await fresh.client.json("POST", "/api/account/step-up", { password: fresh.password });
    expect(stepUp.status).toBe(200);
    expect((await fresh.client.request("POST", "/api/device/approve", { user_code: authorization.user_code, scope: "read" })).status).toBe(
      204,
    );
    const other = await start();
    await ageSessionProof(databaseUrl, fresh.email, 11);
    expect((await fresh.client.request("POST", "/api/device/deny", { user_code: other.user_code })).status).toBe(204);
  });

  it("another developer's decided code is gone for everyone; a team must be the approver's", async () => {
    const other = await PortalClient.newDeveloper(portalUrl, "Other Developer");
    const mine = await start();
    expect((await developer.client.request("POST", "/api/device/approve", { user_code: mine.user_code, scope: "write" })).status).toBe(204);
    for (const path of ["/api/device/lookup", "/api/device/deny"]) {
      await expectProblem(await other.client.request("POST", path, { user_code: mine.user_code }), 404, "resource_not_found");
    }
    await expectProblem(
      await other.client.request("POST", "/api/device/approve", { user_code: mine.user_code, scope: "write" }),
      404,
      "resource_not_found",
    );
    // The token still goes to the CLI of the developer who approved it, as them.
    await waitInterval();
    const token = await pollDevice(portalUrl, mine.device_code);
    expect(token.status).toBe(200);
    expect((await new TokenClient(portalUrl, token.body.access_token).json("GET", "/api/whoami")).body.user.email).toBe(developer.email);

    const theirs = await start();
    const refused = await other.client.request("POST", "/api/device/approve", {
      user_code: theirs.user_code,
      scope: "write",
      team_id: teamId,
    });
    const problem = await expectProblem(refused, 404, "resource_not_found");
    expect(problem.detail).toMatch(/^No team /);
    await expectOAuthError(await pollDevice(portalUrl, theirs.device_code), "authorization_pending");
  });

  it("never grants more than the CLI asked for", async () => {
    const authorization = await start({ scope: "read" });
    const refused = await developer.client.request("POST", "/api/device/approve", { user_code: authorization.user_code, scope: "write" });
    const problem = await expectProblem(refused, 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer)).toEqual(["/body/scope"]);
  });

  it("a personal access token cannot confirm a code (browser only)", async () => {
    const made = await developer.client.json("POST", "/api/account/tokens", { name: "confirmer", scope: "write", expires_in_days: 7 });
    const cli = new TokenClient(portalUrl, made.body.secret);
    const { user_code } = await start();
    await expectProblem(await cli.request("POST", "/api/device/approve", { user_code, scope: "write" }), 403, "token_not_allowed");
  });

  it("throttles user-code guesses: 10 misses per 15 minutes, then 429 even for the right code", async () => {
    const guesser = await PortalClient.newDeveloper(portalUrl, "Guesser");
    const real = await start();
    for (let i = 0; i < 10; i++) {
      const guess = i % 2 ? "BBBB-BBBB" : "not a code";
      await expectProblem(await guesser.client.request("POST", "/api/device/lookup", { user_code: guess }), 404, "resource_not_found");
    }
    const refused = await guesser.client.request("POST", "/api/device/lookup", { user_code: real.user_code });
    await expectProblem(refused, 429, "rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectProblem(
      await guesser.client.request("POST", "/api/device/approve", { user_code: real.user_code, scope: "read" }),
      429,
      "rate_limited",
    );
    // Another developer is not affected, and the code still works for them.
    expect((await developer.client.json("POST", "/api/device/lookup", { user_code: real.user_code })).status).toBe(200);
  });
});

describe("whoami and a token revoking itself", () => {
  it("whoami with a session says so, with no token", async () => {
    const me = await developer.client.json("GET", "/api/whoami");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: expect.any(String), email: developer.email, name: "Device Developer" },
      email_verified: false,
      authenticated_with: "session",
      token: null,
    });
  });

  it("any token, read included, revokes itself; then it is dead; a session has nothing to revoke", async () => {
    const made = await developer.client.json("POST", "/api/account/tokens", { name: "self", scope: "read", expires_in_days: 7 });
    const cli = new TokenClient(portalUrl, made.body.secret);
    expect((await cli.json("GET", "/api/whoami")).body.token).toMatchObject({
      id: made.body.token.id,
      scope: "read",
      prefix: made.body.token.prefix,
    });
    expect((await cli.request("DELETE", "/api/tokens/current")).status).toBe(204);
    await expectProblem(await cli.request("GET", "/api/whoami"), 401, "unauthenticated");
    await expectProblem(await cli.request("DELETE", "/api/tokens/current"), 401, "unauthenticated");
    const listed = (await developer.client.json("GET", "/api/account/tokens")).body.data.find(
      (row: { id: string }) => row.id === made.body.token.id,
    );
    expect(listed.status).toBe("revoked");
    await expectProblem(await developer.client.request("DELETE", "/api/tokens/current"), 404, "resource_not_found");
    const audit = (await storedRows(databaseUrl, "AuditEvent")).filter(
      (row) => row.targetId === made.body.token.id && row.action === "account.token_revoked",
    );
    expect(audit).toHaveLength(1);
    const metadata = audit[0].metadata;
    expect(typeof metadata === "string" ? JSON.parse(metadata) : metadata).toMatchObject({ via: "self" });
  });
});

// ---------------------------------------------------------------------------------------------
// The built CLI as a child process (tests/support/run-cli.ts): its own config folder, no browser,
// none of the caller's credentials or profile choices, the portal given as --base-url.

const cli = (args: string[], configDir: string) =>
  new CliProcess(["--base-url", portalUrl, ...args], { OPENBANK_CONFIG_DIR: configDir, OPENBANK_NO_BROWSER: "1" });
const run = (args: string[], configDir: string) => cli(args, configDir).result();

describe("the CLI (child process)", () => {
  it("login --token, whoami --json, logout, then whoami exits 3", async () => {
    const configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));
    const made = await developer.client.json("POST", "/api/account/tokens", { name: "cli test", scope: "write", expires_in_days: 7 });
    const login = await run(["login", "--token", made.body.secret], configDir);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(developer.email);
    const file = path.join(configDir, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).profiles.default).toEqual({
      baseUrl: portalUrl,
      token: made.body.secret,
      tokenId: made.body.token.id,
    });

    const whoami = await run(["whoami", "--json"], configDir);
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      base_url: portalUrl,
      user: { email: developer.email },
      token: { id: made.body.token.id },
    });

    const logout = await run(["logout", "--json"], configDir);
    expect(logout.code, logout.stderr).toBe(0);
    expect(JSON.parse(logout.stdout)).toEqual({ signed_out: true, revoked: true });
    expect(JSON.parse(readFileSync(file, "utf8")).profiles.default).toEqual({ baseUrl: portalUrl });
    await expectProblem(await new TokenClient(portalUrl, made.body.secret).request("GET", "/api/whoami"), 401, "unauthenticated");

    const after = await run(["whoami"], configDir);
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/Not signed in/);
  }, 60_000);

  it("logout works when the token is already dead, and login --token refuses a dead one (exit 3)", async () => {
    const configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));
    const made = await developer.client.json("POST", "/api/account/tokens", { name: "dead", scope: "read", expires_in_days: 7 });
    expect((await run(["login", "--token", made.body.secret], configDir)).code).toBe(0);
    expect((await developer.client.request("DELETE", `/api/account/tokens/${made.body.token.id}`)).status).toBe(204);
    const whoami = await run(["whoami"], configDir);
    expect(whoami.code).toBe(3);
    const logout = await run(["logout"], configDir);
    expect(logout.code, logout.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(configDir, "config.json"), "utf8")).profiles.default.token).toBeUndefined();
    const refused = await run(["login", "--token", made.body.secret], configDir);
    expect(refused.code).toBe(3);
  }, 60_000);

  it("login through the device flow: prints the code, waits for the browser's approval, saves the token", async () => {
    const configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));
    const login = cli(["login", "--no-browser", "--json", "--scope", "read"], configDir);
    const prompt = JSON.parse((await login.line(/^\{/)).input!);
    expect(prompt.verification_uri).toBe(`${portalUrl}/device`);
    const lookup = await developer.client.json("POST", "/api/device/lookup", { user_code: prompt.user_code });
    expect(lookup.body.requested_scope).toBe("read");
    expect((await developer.client.request("POST", "/api/device/approve", { user_code: prompt.user_code, scope: "read" })).status).toBe(
      204,
    );
    const { code, stderr } = await login.result();
    expect(code, stderr).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(configDir, "config.json"), "utf8")).profiles.default;
    expect(saved.token).toMatch(/^pat_/);
    expect(saved.tokenId).toMatch(/^tkn_/);
    const whoami = await run(["whoami", "--json"], configDir);
    expect(JSON.parse(whoami.stdout).token).toMatchObject({ id: saved.tokenId, scope: "read" });
  }, 60_000);

  it("login through the device flow ends with exit 3 when the sign-in is denied", async () => {
    const configDir = mkdtempSync(path.join(tmpdir(), "openbank-cli-"));
    const login = cli(["login", "--no-browser"], configDir);
    const codeLine = (await login.line(/^Your one-time code:/)).input!;
    const userCode = codeLine.split(": ")[1].trim();
    expect((await developer.client.request("POST", "/api/device/deny", { user_code: userCode })).status).toBe(204);
    const { code, stderr } = await login.result();
    expect(code).toBe(3);
    expect(stderr).toMatch(/denied/);
  }, 60_000);
});
