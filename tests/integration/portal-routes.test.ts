import type { Role } from "@prisma/client";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { acceptsTokens, isMutation, requiredTokenScope, type Operation } from "../../lib/portal-api/define-operation";
import { generateToken } from "../../lib/tokens/personal-access-token";
import { portalOperations } from "../../lib/portal-api/operations";
import { ROLES } from "../../lib/teams/permissions";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { warmUp } from "../reliability/support/sandbox-fixtures";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";
import { SoftAuthenticator } from "../support/soft-authenticator";
import { newSsoDeveloper } from "../support/sso";
import { createTeam, newMember } from "../support/teams";
import { expireToken, TokenClient } from "../support/token-client";

/**
 * The portal API's security sweep, over every operation of the registry (lib/portal-api/operations.ts),
 * not a hand-kept list of routes: a route declared tomorrow is walked tomorrow. For each operation:
 * 401 without a session, 403 for a cross-site mutation (nothing changed), 404 for a stranger with
 * the owner's real ids (never 403: ids cannot be probed), and the role table below for every
 * mutation of an app or a team. Every answer is checked against the published /api/openapi.json,
 * and says `Cache-Control: private, no-store`. Issue 18: every operation again with personal access
 * tokens of the owner (read, write, expired, revoked, unknown, limited to another team).
 */

/**
 * Who may call each mutation of an app or a team, as the server must answer it: denied roles get
 * 403 `forbidden`, allowed ones get past the access check. Keyed by operationId: entries MUST match
 * the registry's ids. A mutation without an entry fails (a new route cannot skip the table), and so
 * does an entry the registry lacks (stale).
 */
const BUILDERS: Role[] = ["owner", "admin", "developer"];
const MANAGERS: Role[] = ["owner", "admin"];
const ROLE_TABLE: Record<string, readonly Role[]> = {
  // Apps and their OAuth client
  deleteApp: MANAGERS,
  updateRedirectUris: BUILDERS,
  rotateClientSecret: BUILDERS,
  updateOAuthClientSettings: BUILDERS,
  issueSoftwareStatement: BUILDERS,
  // The Berlin Group test certificate (key:create to issue, key:revoke to revoke, as the app's secrets)
  issueTppCertificate: BUILDERS,
  revokeTppCertificate: BUILDERS,
  // Keys
  createKey: BUILDERS,
  revokeKey: BUILDERS,
  rollKey: BUILDERS,
  // Consents: the docs' "Authorise as persona" (key:use), revoking from the dashboard and the link to
  // the customer's connected-apps page, where a test customer revokes too (app:update)
  mintSandboxConsent: BUILDERS,
  revokeAppConsent: BUILDERS,
  createConnectedAppsLink: BUILDERS,
  // The Sandbox tab: the app's sandbox at the bank, as the app (key:use)
  createSandboxCustomer: BUILDERS,
  deleteSandboxCustomer: BUILDERS,
  advanceSandboxClock: BUILDERS,
  resetSandbox: BUILDERS,
  updateSandboxSettings: BUILDERS,
  takeSandboxSnapshot: BUILDERS,
  restoreSandboxSnapshot: BUILDERS,
  deleteSandboxSnapshot: BUILDERS,
  importSandbox: BUILDERS,
  fireSandboxEvent: BUILDERS,
  // Webhooks (webhook:manage)
  createWebhookEndpoint: BUILDERS,
  updateWebhookEndpoint: BUILDERS,
  deleteWebhookEndpoint: BUILDERS,
  rotateWebhookSecret: BUILDERS,
  sendWebhookTestEvent: BUILDERS,
  resendWebhookDelivery: BUILDERS,
  openListenSession: BUILDERS,
  recordListenResult: BUILDERS,
  resendAppEvent: BUILDERS,
  // Readiness runs (key:use: a run drives the app's sandbox and its endpoints)
  startReadinessRun: BUILDERS,
  cancelReadinessRun: BUILDERS,
  // Go-live (app:update)
  submitGoLiveRequest: BUILDERS,
  // Teams, members, invitations
  renameTeam: MANAGERS,
  changeMemberRole: MANAGERS,
  /** Removing someone else; leaving (your own membership) is team-roles.test.ts's. */
  removeMember: MANAGERS,
  transferTeamOwnership: ["owner"],
  updateTeamPolicies: ["owner"],
  createInvite: MANAGERS,
  revokeInvite: MANAGERS,
  resendInvite: MANAGERS,
};

const portalUrl = inject("portalUrl");
const documentResponse = await fetch(`${portalUrl}/api/openapi.json`);
const published = createOpenApiValidator(await documentResponse.json());

type Member = { client: PortalClient; email: string; membershipId: string };
const members = {} as Record<Role, Member>;
let owner: PortalClient;
let stranger: PortalClient;
let admin: PortalClient;
let teamId: string;
let appId: string;
/** The owner's personal access tokens, by what they should be able to do. */
const tokens = {} as Record<"read" | "write" | "expired" | "revoked" | "unknown" | "otherTeam", TokenClient>;
/**
 * Operations that spend the credential they are called with (a token revoking itself): each token
 * test calls them with a spare token of the same kind, so the shared ones keep working.
 */
const SPENDS_ITS_TOKEN = new Set(["revokeCurrentToken"]);
const spares = {} as Record<"read" | "write" | "otherTeam", TokenClient>;
const tokenFor = (operation: Operation, kind: "read" | "write" | "otherTeam") =>
  SPENDS_ITS_TOKEN.has(operation.operationId) ? spares[kind] : tokens[kind];
/** The id each path parameter is filled with: the owner's real resources. */
let fixtureIds: Record<string, string | ((operationPath: string) => string)> = {};

beforeAll(async () => {
  const founder = await PortalClient.newDeveloper(portalUrl, "Route Owner", { verified: true });
  owner = founder.client;
  teamId = await createTeam(owner, "Route sweep team");
  const created = await owner.json("POST", "/api/apps", { name: "Route sweep app", team_id: teamId });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
  const self = await owner.json("GET", `/api/teams/${teamId}/members`);
  members.owner = { client: owner, email: founder.email, membershipId: self.body.data[0].id };
  for (const role of ["admin", "developer", "viewer"] as const)
    members[role] = await newMember(portalUrl, owner, teamId, role, `${role} member`);
  // Someone for the member operations to point at, so a broken check would not remove a role above.
  const target = await newMember(portalUrl, owner, teamId, "viewer", "Target member");
  stranger = (await PortalClient.newDeveloper(portalUrl, "Stranger")).client;
  admin = new PortalClient(portalUrl);
  await admin.signIn("admin@example.com", "Programme-Review-2026");

  // A receiver that accepts: a failed delivery would be retried and turn the endpoint "failing" mid-walk.
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/route-sweep`;
  const endpoint = await must(owner, "POST", `/api/apps/${appId}/webhooks`, { url: receiverUrl, description: "Route sweep" });
  const delivery = await must(owner, "POST", `/api/apps/${appId}/webhooks/${endpoint.endpoint.id}/test`, { type: "rewards.redeemed" });
  const invite = await must(owner, "POST", `/api/teams/${teamId}/invites`, { email: "route-sweep-invitee@example.com", role: "viewer" });
  const consent = await must(owner, "POST", `/api/apps/${appId}/sandbox-consents`, {
    persona: "good_credit",
    permissions: ["accounts:read"],
  });

  // The sandbox's test customers: a persona's id for the customer operations to point at.
  const sandboxCustomers = await must(owner, "GET", `/api/apps/${appId}/sandbox/customers`);
  const snapshot = await must(owner, "POST", `/api/apps/${appId}/sandbox/snapshots`, { name: "route-sweep" });

  // Sandbox traffic on three endpoints: a request log to open, and the evidence a go-live request needs.
  const key = created.body.secret as string;
  await warmUp(portalUrl, key);
  const accounts = await (await sandbox(portalUrl, key, "/v1/accounts?type=current")).json();
  for (const call of [`/v1/accounts/${accounts.data[0].id}`, `/v1/accounts/${accounts.data[0].id}/balances`]) {
    expect((await sandbox(portalUrl, key, call)).status).toBe(200);
  }
  const log = await eventually(async () => (await owner.json("GET", `/api/apps/${appId}/requests`)).body.data?.[0]);
  const goLive = await eventually(async () => {
    const attempt = await owner.json("POST", `/api/apps/${appId}/go-live`, goLiveChecklist);
    return attempt.status === 201 && attempt.body;
  }, 15_000);

  // A second browser of the owner: a session for the session operations to point at.
  const otherBrowser = new PortalClient(portalUrl);
  await otherBrowser.signIn(founder.email, founder.password);
  const otherSession = (await otherBrowser.json("GET", "/api/account/sessions")).body.data.find((row: { current: boolean }) => row.current);
  // A single sign-on link (someone else's: the owner's calls with it are refused before any lookup, or answer 404).
  const ssoDeveloper = await newSsoDeveloper(portalUrl, inject("oidcUrl"));
  const [ssoIdentity] = (await ssoDeveloper.client.json("GET", "/api/account")).body.sso;

  // A passkey of the owner (last: the owner then has a second factor, and password sign-ins ask for it).
  const passkeyOptions = await must(owner, "POST", "/api/account/passkeys/registration-options");
  const passkey = await must(owner, "POST", "/api/account/passkeys", {
    challenge_id: passkeyOptions.challenge_id,
    response: new SoftAuthenticator(portalUrl).create(passkeyOptions.options),
    name: "Route sweep passkey",
  });

  // Personal access tokens of the owner (issue 18), made while the sign-in still counts as a step-up.
  const otherTeamId = await createTeam(owner, "Route sweep token's other team");
  const newToken = async (scope: "read" | "write", extra: Record<string, unknown> = {}) => {
    const made = await must(owner, "POST", "/api/account/tokens", { name: `sweep ${scope}`, scope, expires_in_days: 7, ...extra });
    return { id: made.token.id as string, client: new TokenClient(portalUrl, made.secret) };
  };
  tokens.read = (await newToken("read")).client;
  tokens.write = (await newToken("write")).client;
  tokens.otherTeam = (await newToken("write", { team_id: otherTeamId })).client;
  const expired = await newToken("write");
  await expireToken(inject("portalDatabaseUrl"), expired.id);
  tokens.expired = expired.client;
  const revoked = await newToken("write");
  expect((await owner.request("DELETE", `/api/account/tokens/${revoked.id}`)).status).toBe(204);
  tokens.revoked = revoked.client;
  tokens.unknown = new TokenClient(portalUrl, generateToken()); // well-formed, checksum and all, never issued
  spares.read = (await newToken("read")).client;
  spares.write = (await newToken("write")).client;
  spares.otherTeam = (await newToken("write", { team_id: otherTeamId })).client;

  const listenSession = await must(owner, "POST", `/api/apps/${appId}/listen-sessions`, {});
  // A readiness run of the app, cancelled at once: its faults end with it, so nothing else here meets them.
  const readinessRun = await must(owner, "POST", `/api/apps/${appId}/readiness-runs`);
  await must(owner, "POST", `/api/apps/${appId}/readiness-runs/${readinessRun.id}/cancel`);

  fixtureIds = {
    patId: revoked.id,
    runId: readinessRun.id,
    // Two meanings under one name: a listen session under /listen-sessions/, a browser session elsewhere.
    sessionId: (operationPath) => (operationPath.includes("/listen-sessions/") ? listenSession.id : otherSession.id),
    passkeyId: passkey.id,
    identityId: ssoIdentity.id,
    appId,
    teamId,
    keyId: created.body.key.id,
    endpointId: endpoint.endpoint.id,
    deliveryId: delivery.id,
    eventId: delivery.event_id,
    inviteId: invite.invite.id,
    memberId: target.membershipId,
    consentId: consent.consent.id,
    customerId: sandboxCustomers.data[0].id,
    snapshot: snapshot.id,
    // Two meanings under one name: a go-live request under /go-live/, a request log elsewhere.
    requestId: (operationPath) => (operationPath.includes("/go-live/") ? goLive.id : log.id),
  };
}, 180_000);

const receiver = createServer((request, response) => request.resume().on("end", () => response.writeHead(200).end("ok")));
afterAll(() => {
  receiver.closeAllConnections();
  return new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const goLiveChecklist = {
  contact_name: "Route Sweep",
  contact_email: "route.sweep@example.com",
  use_case: "A budgeting app that reads balances and transactions to categorise spending for consumers.",
  data_protection: {
    data_controller: "Sweep Ltd",
    purpose: "Budget insights for the account holder",
    retention_days: 90,
    dpo_email: "dpo@example.com",
    encrypts_credentials: true,
    accepts_terms: true,
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture bodies, checked by status
async function must(client: PortalClient, method: string, url: string, body?: unknown): Promise<any> {
  const { status, body: answer } = await client.json(method, url, body);
  if (status >= 300) throw new Error(`fixture ${method} ${url} failed: ${status} ${JSON.stringify(answer)}`);
  return answer;
}

// ---------------------------------------------------------------------------------------------
// The operations, from the registry

const label = (operation: Operation) => `${operation.operationId} (${operation.method} ${operation.path})`;
const cases = (operations: readonly Operation[]) => operations.map((operation) => [label(operation), operation] as const);
const pathParameters = (operation: Operation) => [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
const ownsAppOrTeam = (operation: Operation) => /\{(appId|teamId)\}/.test(operation.path);
const hasMemberAccess = (operation: Operation) => typeof operation.access === "object";

const sessionOperations = portalOperations.filter((operation) => operation.access !== "public");
const mutations = portalOperations.filter(isMutation);
const memberOperations = portalOperations.filter(
  (operation) => operation.access !== "public" && operation.access !== "platform-admin" && ownsAppOrTeam(operation),
);
const adminOperations = portalOperations.filter((operation) => operation.access === "platform-admin");
/** Mutations of an app or a team: the role table's rows. An `{appId}` route declared `session` is one too. */
const roleOperations = mutations.filter(
  (operation) =>
    operation.access !== "public" && operation.access !== "platform-admin" && (hasMemberAccess(operation) || ownsAppOrTeam(operation)),
);
const reads = portalOperations.filter((operation) => operation.method === "GET");

const MISSING_ID = "nope_0000000000000000";

/** The operation's URL with every path parameter filled from the fixtures (or `replace`d). */
/** The query an operation cannot be called without. */
const REQUIRED_QUERY: Record<string, string> = { searchDocs: "?q=payments" };

function urlOf(operation: Operation, replace: Record<string, string> = {}): string {
  return (
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name in replace) return replace[name];
      const fixture = fixtureIds[name];
      if (fixture === undefined) throw new Error(`${label(operation)}: no fixture for {${name}}: add one to fixtureIds`);
      return encodeURIComponent(typeof fixture === "function" ? fixture(operation.path) : fixture);
    }) + (REQUIRED_QUERY[operation.operationId] ?? "")
  );
}

/**
 * Calls the operation and checks the answer is what /api/openapi.json promises for it (its status
 * documented, a success body that matches the schema, a problem that matches Problem).
 */
async function send(
  operation: Operation,
  client: PortalClient,
  options: { url?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const body = options.body ?? (operation.body ? {} : undefined);
  const response = await client.request(operation.method, options.url ?? urlOf(operation), body, options.headers);
  if (operation.success.stream && response.headers.get("content-type")?.startsWith("text/event-stream")) {
    // A stream (issue 18's listen and logs tail) never ends: its first event, then hang up.
    expect(response.status, `${label(operation)}: a stream's status`).toBe(operation.success.status);
    expect(response.headers.get("cache-control"), `${label(operation)}: Cache-Control`).toBe("private, no-store, no-transform");
    const reader = response.body!.getReader();
    const text = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text, `${label(operation)}: its first event`).toMatch(/^event: ready\n/);
    return { response, status: response.status, body: undefined, text };
  }
  // Issue 21 (finding 6): every answer of the portal API, success or problem, is the caller's own:
  // no browser, proxy or CDN may store it.
  expect(response.headers.get("cache-control"), `${label(operation)} ${response.status}: Cache-Control`).toBe("private, no-store");
  const text = await response.clone().text();
  const parsed = text ? JSON.parse(text) : undefined;
  published.assertResponse({
    method: operation.method,
    path: operation.path,
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: parsed,
  });
  return { response, status: response.status, body: parsed, text };
}

// ---------------------------------------------------------------------------------------------

describe("the walk", () => {
  it("has operations to walk, and a fixture for every path parameter", () => {
    console.log(
      `[portal routes] ${portalOperations.length} operations on ${new Set(portalOperations.map((o) => o.path)).size} paths; ${roleOperations.length} in the role table`,
    );
    expect(portalOperations.length).toBeGreaterThan(0);
    const missing = portalOperations.flatMap((operation) =>
      pathParameters(operation)
        .filter((name) => !(name in fixtureIds))
        .map((name) => `{${name}} of ${label(operation)}`),
    );
    expect(missing, "add these to fixtureIds").toEqual([]);
  });

  it("finds every operation in the published document", () => {
    const documented = new Set(published.operations());
    expect(
      portalOperations.map((operation) => `${operation.method.toLowerCase()} ${operation.path}`).filter((route) => !documented.has(route)),
    ).toEqual([]);
  });
});

describe("without a session: 401 unauthenticated", () => {
  it.each(cases(sessionOperations))("%s", async (_, operation) => {
    const anonymous = new PortalClient(portalUrl);
    await expectProblem((await send(operation, anonymous)).response, 401, "unauthenticated");
  });
});

describe("a cross-site mutation with a valid session: 403 forbidden, nothing changed", () => {
  it.each(cases(mutations))("%s", async (_, operation) => {
    const before = await ownerState();
    const { response } = await send(operation, owner, { headers: { origin: "https://evil.example" } });
    const problem = await expectProblem(response, 403, "forbidden");
    expect(problem.detail).toMatch(/cross-site/i);
    expect(await ownerState()).toEqual(before);
  });
});

/** What a mutation of the owner's team would change: its audit log first (every mutation records one), then its rows. */
async function ownerState() {
  const lists = [
    `/api/teams/${teamId}/audit`,
    "/api/teams",
    `/api/teams/${teamId}/members`,
    `/api/teams/${teamId}/invites`,
    `/api/apps?team_id=${teamId}`,
    `/api/apps/${appId}/keys`,
    `/api/apps/${appId}/webhooks`,
  ];
  const state: Record<string, unknown> = {};
  for (const read of lists) {
    const { status, body } = await owner.json("GET", read);
    expect(status, read).toBe(200);
    state[read] = body.data.map((item: Record<string, unknown>) => ({
      id: item.id,
      name: item.name,
      role: item.role,
      status: item.status,
      url: item.url,
      expires_at: item.expires_at,
    }));
  }
  return state;
}

describe("a stranger with the owner's real ids: 404, never 403", () => {
  it.each(cases(memberOperations))("%s", async (_, operation) => {
    const problem = await expectProblem((await send(operation, stranger)).response, 404, "resource_not_found");
    expect(problem.detail).toMatch(/^No (app|team) /);
  });

  it.each(cases(adminOperations))("platform admin only, %s: 404 not_found to the app's own owner", async (_, operation) => {
    await expectProblem((await send(operation, owner)).response, 404, "not_found");
  });
});

describe("the role table", () => {
  it("has an entry for every mutation of an app or a team", () => {
    expect(roleOperations.filter((operation) => !(operation.operationId in ROLE_TABLE)).map(label), "add them to ROLE_TABLE").toEqual([]);
  });

  it("has no entry for an operation outside the table's scope", () => {
    const inScope = new Set(roleOperations.map((operation) => operation.operationId));
    const misplaced = portalOperations.filter((operation) => operation.operationId in ROLE_TABLE && !inScope.has(operation.operationId));
    expect(misplaced.map(label)).toEqual([]);
  });

  it("names only operations of the registry (no stale entry)", () => {
    const declared = new Set(portalOperations.map((operation) => operation.operationId));
    expect(
      Object.keys(ROLE_TABLE).filter((id) => !declared.has(id)),
      "stale ROLE_TABLE entries",
    ).toEqual([]);
  });

  describe.each(cases(roleOperations))("%s", (_, operation) => {
    it.each(ROLES)(
      "as %s",
      async (role) => {
        const allowed = ROLE_TABLE[operation.operationId];
        expect(allowed, `no ROLE_TABLE entry for ${operation.operationId}`).toBeDefined();
        const { client } = members[role];
        if (!allowed.includes(role)) {
          await expectProblem((await probe(operation, client)).response, 403, "forbidden");
          return;
        }
        const answer = await probe(operation, client);
        expect(answer.status, `${role}: ${answer.text}`).not.toBe(403);
        if (answer.expect === "validation_failed") {
          const problem = await expectProblem(answer.response, 400, "validation_failed");
          expect(
            problem.errors.some((error) => error.pointer.startsWith("/body")),
            answer.text,
          ).toBe(true);
        } else if (answer.expect === "sub-resource not found") {
          const problem = await expectProblem(answer.response, 404, "resource_not_found");
          expect(problem.detail, "the app or team itself was refused").not.toMatch(/^No (app|team) /);
        } else {
          expect(answer.status, answer.text).toBeLessThan(300);
        }
      },
      60_000,
    );
  });
});

/**
 * Calls a mutation as `client` without spending the shared fixtures, the access check being
 * before the body and the handler: an invalid body (allowed → 400), else a sub-resource that does
 * not exist (allowed → 404 of that resource), else for real on a throwaway app of the team.
 */
/** What a bodyless operation on a throwaway app needs to exist before it can succeed. */
const PREPARE: Record<string, (appId: string) => Promise<unknown>> = {
  revokeTppCertificate: (appId) => must(owner, "POST", `/api/apps/${appId}/tpp-certificate`, {}),
};

async function probe(operation: Operation, client: PortalClient) {
  if (operation.body) return { ...(await send(operation, client, { body: [] })), expect: "validation_failed" as const };
  const sub = pathParameters(operation)
    .filter((name) => name !== "appId" && name !== "teamId")
    .at(-1);
  if (sub)
    return {
      ...(await send(operation, client, { url: urlOf(operation, { [sub]: MISSING_ID }) })),
      expect: "sub-resource not found" as const,
    };
  if (!operation.path.includes("{appId}"))
    throw new Error(`${label(operation)}: no safe way to call it for real on the shared team: add a throwaway fixture`);
  const throwaway = await must(owner, "POST", "/api/apps", { name: "Throwaway app", team_id: teamId });
  await PREPARE[operation.operationId]?.(throwaway.app.id);
  return { ...(await send(operation, client, { url: urlOf(operation, { appId: throwaway.app.id }) })), expect: "success" as const };
}

describe("the owner's reads answer as documented", () => {
  it.each(cases(reads))("%s", async (_, operation) => {
    const client = operation.access === "platform-admin" ? admin : owner;
    const answer = await send(operation, client);
    expect(answer.status, answer.text).toBe(operation.success.status);
  });
});

describe("with a personal access token (issue 18)", () => {
  const accepting = sessionOperations.filter((operation) => acceptsTokens(operation));

  it("walks operations that accept tokens and operations that refuse them", () => {
    console.log(`[portal routes] ${accepting.length} of ${sessionOperations.length} operations accept personal access tokens`);
    expect(accepting.length).toBeGreaterThan(20);
    expect(sessionOperations.length - accepting.length).toBeGreaterThan(20);
  });

  it.each(cases(sessionOperations))("expired, revoked or unknown: 401 unauthenticated with WWW-Authenticate, %s", async (_, operation) => {
    for (const kind of ["expired", "revoked", "unknown"] as const) {
      const { response } = await send(operation, tokens[kind]);
      await expectProblem(response, 401, "unauthenticated");
      expect(response.headers.get("www-authenticate"), kind).toMatch(/^Bearer .*error="invalid_token"/);
    }
  });

  it.each(cases(sessionOperations))("a read token, %s", async (_, operation) => {
    const answer = await send(operation, tokenFor(operation, "read"));
    if (!acceptsTokens(operation)) await expectProblem(answer.response, 403, "token_not_allowed");
    else if (requiredTokenScope(operation) === "write") await expectProblem(answer.response, 403, "insufficient_scope");
    else expect(answer.status, answer.text).toBe(operation.success.status);
  });

  it.each(cases(sessionOperations))(
    "a write token, %s",
    async (_, operation) => {
      if (!acceptsTokens(operation)) {
        await expectProblem((await send(operation, tokens.write)).response, 403, "token_not_allowed");
        return;
      }
      if (!isMutation(operation) || SPENDS_ITS_TOKEN.has(operation.operationId)) {
        const answer = await send(operation, tokenFor(operation, "write"));
        expect(answer.status, answer.text).toBe(operation.success.status);
        return;
      }
      // As the owner would, step-up operations included: past access, scope and step-up to the body or the resource.
      const answer = await probe(operation, tokens.write);
      expect(answer.status, answer.text).not.toBe(401);
      expect(answer.status, answer.text).not.toBe(403);
      if (answer.expect === "validation_failed") await expectProblem(answer.response, 400, "validation_failed");
      else if (answer.expect === "sub-resource not found") {
        const problem = await expectProblem(answer.response, 404, "resource_not_found");
        expect(problem.detail, "the app or team itself was refused").not.toMatch(/^No (app|team) /);
      } else expect(answer.status, answer.text).toBeLessThan(300);
    },
    60_000,
  );

  it.each(cases(sessionOperations))("a token limited to another of the owner's teams, %s", async (_, operation) => {
    const answer = await send(operation, tokenFor(operation, "otherTeam"));
    if (!acceptsTokens(operation)) {
      await expectProblem(answer.response, 403, "token_not_allowed");
    } else if (ownsAppOrTeam(operation)) {
      const problem = await expectProblem(answer.response, 404, "resource_not_found");
      expect(problem.detail).toMatch(/^No (app|team) /);
    } else {
      expect(answer.status, answer.text).toBe(operation.success.status);
    }
  });

  it("a token limited to another team lists neither the team nor its apps", async () => {
    const teams = await tokens.otherTeam.json("GET", "/api/teams");
    expect(teams.body.data.map((team: { id: string }) => team.id)).not.toContain(teamId);
    expect(teams.body.data).toHaveLength(1);
    const apps = await tokens.otherTeam.json("GET", "/api/apps");
    expect(apps.body.data.map((app: { id: string }) => app.id)).not.toContain(appId);
    expect((await tokens.otherTeam.json("GET", `/api/apps?team_id=${teamId}`)).body.data).toEqual([]);
    expect((await tokens.write.json("GET", `/api/apps?team_id=${teamId}`)).body.data.map((app: { id: string }) => app.id)).toContain(appId);
  });
});
