import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { PortalClient } from "../support/portal-client";
import { markEmailVerified } from "../support/account-rows";
import { ageSessionProof, executeStored, storedRows } from "../support/stored-rows";
import { addIdpAccount, IdpBrowser, newSsoDeveloper, signInWithSso } from "../support/sso";

// Single sign-on through a real OpenID provider (oidc-provider, started by the global setup):
// next-auth's authorization code flow with PKCE, state and nonce, end to end over HTTP.
const portalUrl = inject("portalUrl");
const issuer = inject("oidcUrl");
const databaseUrl = inject("portalDatabaseUrl");

const unique = (label: string) => `${label}-${randomBytes(5).toString("hex")}@example.com`;

async function account(client: PortalClient) {
  const { status, body } = await client.json("GET", "/api/account");
  expect(status).toBe(200);
  return body;
}

/** The rows of the user with that email (none, or one). */
async function usersWithEmail(email: string) {
  return (await storedRows(databaseUrl, "User")).filter((row) => row.email === email);
}

/** The account's own audit events (no team), with their metadata parsed (SQLite keeps JSON as text). */
async function accountEvents(userId: string) {
  return (await storedRows(databaseUrl, "AuditEvent"))
    .filter((row) => row.actorId === userId && row.teamId === null)
    .map((row) => ({ action: row.action, metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata }));
}

describe("signing in with single sign-on", () => {
  it("creates an account for a new verified email (personal team, email verified, no password), then signs in to the same one", async () => {
    const email = unique("newcomer");
    const idp = await addIdpAccount(issuer, { email, name: "Nia Newcomer" });

    const first = new PortalClient(portalUrl);
    const result = await signInWithSso(first, idp.sub);
    expect(result).toMatchObject({ location: `${portalUrl}/dashboard`, signedIn: true });
    const created = await account(first);
    expect(created).toMatchObject({ email, name: "Nia Newcomer", email_verified: true, has_password: false });
    expect(created.sso).toEqual([expect.objectContaining({ issuer, email })]);
    const [row] = await usersWithEmail(email);
    expect(row.passwordHash).toBeNull();

    const sessions = await first.json("GET", "/api/account/sessions");
    expect(sessions.body.data[0]).toMatchObject({ current: true, method: "sso" });
    const teams = await first.json("GET", "/api/teams");
    expect(teams.body.data).toEqual([expect.objectContaining({ name: "Nia Newcomer's team", personal: true, role: "owner" })]);

    // Another browser, the same provider account: the same portal account, not a second one.
    const second = new PortalClient(portalUrl);
    expect((await signInWithSso(second, idp.sub)).signedIn).toBe(true);
    expect((await account(second)).id).toBe(created.id);
    expect(await usersWithEmail(email)).toHaveLength(1);

    expect((await accountEvents(created.id)).map((event) => event.action)).toEqual(["account.sso_linked"]);
  }, 90_000);

  it("refuses an email the provider has not verified, and creates nothing", async () => {
    const email = unique("unverified");
    const idp = await addIdpAccount(issuer, { email, email_verified: false });
    const client = new PortalClient(portalUrl);
    expect(await signInWithSso(client, idp.sub)).toMatchObject({
      location: `${portalUrl}/signin?error=SsoEmailUnverified`,
      signedIn: false,
    });
    expect(await usersWithEmail(email)).toEqual([]);
    expect((await client.json("GET", "/api/account")).status).toBe(401);

    // The sign-in page says why.
    const page = await (await fetch(`${portalUrl}/signin?error=SsoEmailUnverified`)).text();
    expect(page).toContain("Your identity provider has not verified your email address");
  }, 90_000);

  it("refuses a provider account without an email claim", async () => {
    const idp = await addIdpAccount(issuer, { email: undefined, email_verified: undefined });
    expect(await signInWithSso(new PortalClient(portalUrl), idp.sub)).toMatchObject({
      location: `${portalUrl}/signin?error=SsoNoEmail`,
      signedIn: false,
    });
  }, 90_000);

  it("links an existing account by verified email only: not to an account that never verified its address", async () => {
    const verified = await PortalClient.newDeveloper(portalUrl, "Vera Verified");
    const verifiedId = (await account(verified.client)).id;
    await markEmailVerified(databaseUrl, verified.email);
    const unverified = await PortalClient.newDeveloper(portalUrl, "Ulla Unverified");

    // The unverified account is not handed to whoever the provider vouches for.
    const squatted = await addIdpAccount(issuer, { email: unverified.email });
    expect(await signInWithSso(new PortalClient(portalUrl), squatted.sub)).toMatchObject({
      location: `${portalUrl}/signin?error=SsoAccountUnverified`,
      signedIn: false,
    });
    expect((await account(unverified.client)).sso).toEqual([]);

    const idp = await addIdpAccount(issuer, { email: verified.email.toUpperCase() });
    const browser = new PortalClient(portalUrl);
    expect((await signInWithSso(browser, idp.sub)).signedIn).toBe(true);
    const linked = await account(browser);
    expect(linked.id).toBe(verifiedId);
    expect(linked.has_password).toBe(true);
    expect(linked.sso).toEqual([expect.objectContaining({ issuer, email: verified.email })]);
    const linkedEvent = (await accountEvents(verifiedId)).find((event) => event.action === "account.sso_linked");
    expect(linkedEvent?.metadata).toMatchObject({ account: "existing", email: verified.email });
  }, 90_000);

  it("signed in already, the provider must come back as the same account; its old session is replaced", async () => {
    const { client, account: idp } = await newSsoDeveloper(portalUrl, issuer);
    const before = (await client.json("GET", "/api/account/sessions")).body.data[0].id;
    const other = await addIdpAccount(issuer, { email: unique("someone-else") });

    const mismatch = await signInWithSso(client, other.sub, { prompt: "login" });
    expect(mismatch).toMatchObject({ location: `${portalUrl}/account/security?sso_error=SsoEmailMismatch`, signedIn: false });
    expect((await client.json("GET", "/api/account")).body.email).not.toBe(other.email);

    // Confirming it's them (step-up for an account without a password): a new session, the old one ended.
    expect((await signInWithSso(client, idp.sub, { prompt: "login" })).signedIn).toBe(true);
    const sessions = (await client.json("GET", "/api/account/sessions")).body.data;
    expect(sessions.map((session: { id: string }) => session.id)).not.toContain(before);
    expect(sessions).toHaveLength(1);
  }, 90_000);
});

describe("linking from the security page, and confirming it's you", () => {
  it("links the signed-in account even before it verified its address, and the provider's word verifies it", async () => {
    const developer = await PortalClient.newDeveloper(portalUrl, "Lena Linker");
    await executeStored(databaseUrl, `UPDATE "User" SET "emailVerifiedAt" = NULL WHERE "email" = ?`, [developer.email]);
    const idp = await addIdpAccount(issuer, { email: developer.email });

    // Signed out, the provider's word is not enough for an account that never proved its address...
    expect((await signInWithSso(new PortalClient(portalUrl), idp.sub)).location).toBe(`${portalUrl}/signin?error=SsoAccountUnverified`);
    // ...signed in to it, the same person holds both: linked, and the address verified.
    const linked = await signInWithSso(developer.client, idp.sub, { callbackUrl: "/account/security", prompt: "login" });
    expect(linked).toMatchObject({ location: `${portalUrl}/account/security`, signedIn: true });
    const after = await account(developer.client);
    expect(after).toMatchObject({ email: developer.email, email_verified: true, has_password: true });
    expect(after.sso).toEqual([expect.objectContaining({ email: developer.email })]);
    const events = await accountEvents(after.id);
    expect(events.find((event) => event.action === "account.email_verified")?.metadata).toMatchObject({ by: "single_sign_on" });
  }, 90_000);

  it("asks the provider for a fresh login (prompt=login), not its remembered session", async () => {
    const idp = await addIdpAccount(issuer, { email: unique("prompt") });
    const browser = new IdpBrowser();
    const client = new PortalClient(portalUrl);
    expect(await signInWithSso(client, idp.sub, { idp: browser })).toMatchObject({ signedIn: true, prompted: true });
    // The provider remembers them: signing in again goes straight through...
    expect(await signInWithSso(new PortalClient(portalUrl), idp.sub, { idp: browser })).toMatchObject({ signedIn: true, prompted: false });
    // ...but confirming it's them, as the step-up dialog and linking do, asks again.
    expect(await signInWithSso(client, idp.sub, { idp: browser, prompt: "login" })).toMatchObject({ signedIn: true, prompted: true });
  }, 90_000);
});

describe("unlinking single sign-on", () => {
  it("refuses the last way to sign in; with a password it unlinks after a step-up, audited", async () => {
    const { client } = await newSsoDeveloper(portalUrl, issuer);
    const [identity] = (await account(client)).sso;
    const last = await client.json("DELETE", `/api/account/sso/${identity.id}`);
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({ code: "conflict", detail: expect.stringMatching(/only way you sign in/) });

    const developer = await PortalClient.newDeveloper(portalUrl, "Pat Password");
    const userId = (await account(developer.client)).id;
    await markEmailVerified(databaseUrl, developer.email);
    const idp = await addIdpAccount(issuer, { email: developer.email });
    expect((await signInWithSso(new PortalClient(portalUrl), idp.sub)).signedIn).toBe(true);
    const [link] = (await account(developer.client)).sso;

    // Unlinking is sensitive: a session last verified 11 minutes ago must confirm it's them first.
    await ageSessionProof(databaseUrl, developer.email, 11);
    const stale = await developer.client.json("DELETE", `/api/account/sso/${link.id}`);
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe("step_up_required");
    expect((await developer.client.json("POST", "/api/account/step-up", { password: developer.password })).status).toBe(200);

    const other = await PortalClient.newDeveloper(portalUrl, "Not Theirs");
    expect((await other.client.json("DELETE", `/api/account/sso/${link.id}`)).status).toBe(404);

    expect((await developer.client.json("DELETE", `/api/account/sso/${link.id}`)).status).toBe(204);
    expect((await account(developer.client)).sso).toEqual([]);
    expect((await accountEvents(userId)).filter((event) => event.action === "account.sso_unlinked")).toHaveLength(1);
  }, 90_000);
});
