import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { PortalClient } from "../support/portal-client";
import { addPasskeyRow, enableTotp, markEmailVerified } from "../support/account-rows";
import { ageSessionProof, storedRows } from "../support/stored-rows";
import { addIdpAccount, newSsoDeveloper, signInWithSso } from "../support/sso";
import { suiteMailbox } from "../support/suite-mailbox";
import { createTeam, inviteLinkFor, join, newMember, tokenOf } from "../support/teams";

// A team's security policies: single sign-on for its email domain, and "members must use
// two-factor". Set by the owner after a step-up; enforced at sign-in, on every request to the
// team, and when someone joins.
const portalUrl = inject("portalUrl");
const issuer = inject("oidcUrl");
const databaseUrl = inject("portalDatabaseUrl");

const PASSWORD = "Policy-Sandbox-Pass-42";

/** A password account with exactly this email, signed in. */
async function passwordDeveloper(email: string, name = "Password Developer") {
  const client = new PortalClient(portalUrl);
  const signup = await client.json("POST", "/api/signup", { name, email, password: PASSWORD });
  expect(signup.status, JSON.stringify(signup.body)).toBe(202);
  await client.signIn(email, PASSWORD);
  const account = await client.json("GET", "/api/account");
  return { client, email, password: PASSWORD, id: account.body.id as string };
}

/** A password sign-in as the form makes it: where next-auth sends the browser, and whether a session came of it. */
async function passwordSignIn(email: string, password = PASSWORD) {
  const client = new PortalClient(portalUrl);
  const csrf = (await (await client.request("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.request("POST", "/api/auth/callback/credentials", {
    csrfToken: csrf.csrfToken,
    email,
    password,
    json: "true",
    callbackUrl: portalUrl,
  });
  const { url } = (await response.json()) as { url: string };
  const account = await client.json("GET", "/api/account");
  return { error: new URL(url).searchParams.get("error"), signedIn: account.status === 200 };
}

/** Whether an account with this email exists. */
async function accountExists(email: string): Promise<boolean> {
  return (await storedRows(databaseUrl, "User")).some((row) => row.email === email);
}

async function auditActions(owner: PortalClient, teamId: string) {
  const { body } = await owner.json("GET", `/api/teams/${teamId}/audit`);
  return body.data as Array<{ action: string; metadata: Record<string, unknown> }>;
}

describe("single sign-on required for the team's domain", () => {
  it("is set by an owner on their own domain with the provider linked, after a step-up, and refuses members' password sign-in", async () => {
    const domain = `acme-${randomBytes(4).toString("hex")}.test`;
    const owner = await newSsoDeveloper(portalUrl, issuer, { email: `olivia@${domain}`, name: "Olivia Owner" });
    const teamId = await createTeam(owner.client, "Acme single sign-on");
    const policies = `/api/teams/${teamId}/policies`;

    // Members before the policy: one on the domain with a password, one elsewhere.
    const dana = await passwordDeveloper(`dana@${domain}`, "Dana Domain");
    await join({ portalUrl, inviter: owner.client, teamId, member: dana, role: "developer" });
    const outsider = await newMember(portalUrl, owner.client, teamId, "developer", "Elsewhere Member");
    // On the domain, but not a member: the team's policy is not theirs.
    const neighbour = await passwordDeveloper(`nick@${domain}`, "Nick Neighbour");

    // Only the owner's own domain; a personal team has nobody to require it of.
    const foreign = await owner.client.json("PATCH", policies, { sso_domain: "example.com" });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      { pointer: "/body/sso_domain", detail: expect.stringContaining(`Use your own email's domain, ${domain}`) },
    ]);
    const personal = (await owner.client.json("GET", "/api/teams")).body.data.find((team: { personal: boolean }) => team.personal);
    expect((await owner.client.json("PATCH", `/api/teams/${personal.id}/policies`, { sso_domain: domain })).status).toBe(409);
    // An owner on the domain who never linked the provider cannot require it.
    const danaTeam = await createTeam(dana.client, "Dana's side project");
    const unlinked = await dana.client.json("PATCH", `/api/teams/${danaTeam}/policies`, { sso_domain: domain });
    expect(unlinked.status).toBe(409);
    expect(unlinked.body.detail).toMatch(/^Link your account to Test SSO first/);

    // A step-up first: for an account without a password, a fresh sign-in at the provider.
    await ageSessionProof(databaseUrl, owner.email, 11);
    const stale = await owner.client.json("PATCH", policies, { sso_domain: domain });
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe("step_up_required");
    expect((await signInWithSso(owner.client, owner.account.sub, { prompt: "login" })).signedIn).toBe(true);
    const set = await owner.client.json("PATCH", policies, { sso_domain: ` ${domain.toUpperCase()} ` });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ sso_domain: domain, sso: { available: true, provider_name: "Test SSO" } });
    expect((await outsider.client.json("GET", policies)).body.sso_domain).toBe(domain);

    // Dana's password session ended with the change, and her password sign-in is refused, with the reason.
    expect((await dana.client.json("GET", "/api/account")).status).toBe(401);
    expect(await passwordSignIn(dana.email)).toEqual({ error: "SsoRequired", signedIn: false });
    const page = await (await fetch(`${portalUrl}/signin?error=SsoRequired`)).text();
    expect(page).toContain("Your team requires single sign-on");
    // A wrong password says nothing about the policy.
    expect(await passwordSignIn(dana.email, "Wrong-Password-123")).toEqual({ error: "CredentialsSignin", signedIn: false });
    // Others are not affected.
    expect(await passwordSignIn(outsider.email, outsider.password)).toEqual({ error: null, signedIn: true });
    expect(await passwordSignIn(neighbour.email)).toEqual({ error: null, signedIn: true });

    // Dana signs in with single sign-on instead (her verified account links), and works as before.
    await markEmailVerified(databaseUrl, dana.email);
    const danaIdp = await addIdpAccount(issuer, { email: dana.email });
    const danaSso = new PortalClient(portalUrl);
    expect((await signInWithSso(danaSso, danaIdp.sub)).signedIn).toBe(true);
    expect((await danaSso.json("GET", `/api/teams/${teamId}/members`)).status).toBe(200);
    // ...and cannot unlink her only way in to the team.
    const [link] = (await danaSso.json("GET", "/api/account")).body.sso;
    const unlink = await danaSso.json("DELETE", `/api/account/sso/${link.id}`);
    expect(unlink.status).toBe(409);
    expect(unlink.body.detail).toMatch(/^Acme single sign-on requires single sign-on/);

    const changed = (await auditActions(owner.client, teamId)).find((event) => event.action === "team.sso_policy_changed");
    expect(changed?.metadata).toMatchObject({ old_domain: null, new_domain: domain, sessions_signed_out: 1 });

    // Clearing it lets password sign-in back in.
    expect((await owner.client.json("PATCH", policies, { sso_domain: null })).body.sso_domain).toBeNull();
    expect(await passwordSignIn(dana.email)).toEqual({ error: null, signedIn: true });
  }, 90_000);

  it("makes invitations to the domain say so, and joining need a single sign-on session", async () => {
    const domain = `globex-${randomBytes(4).toString("hex")}.test`;
    const owner = await newSsoDeveloper(portalUrl, issuer, { email: `gail@${domain}`, name: "Gail Globex" });
    const teamId = await createTeam(owner.client, "Globex");
    expect((await owner.client.json("PATCH", `/api/teams/${teamId}/policies`, { sso_domain: domain })).status).toBe(200);

    // A password account on the domain, invited: the mail says how to join, and a password session cannot.
    const ivan = await passwordDeveloper(`ivan@${domain}`, "Ivan Invitee");
    expect((await owner.client.json("POST", `/api/teams/${teamId}/invites`, { email: ivan.email, role: "developer" })).status).toBe(201);
    const mail = await suiteMailbox().next({ to: ivan.email, subject: "invited you to" });
    expect(mail.text).toContain(`Globex requires single sign-on for ${domain} addresses: on the invitation page, sign in with Test SSO.`);
    const token = tokenOf(await inviteLinkFor(portalUrl, ivan.email));
    const refused = await ivan.client.json("POST", "/api/invites/accept", { token });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "sso_required", detail: expect.stringContaining("sign in with Test SSO") });
    const invitePage = await (await ivan.client.request("GET", `/invites/${token}`)).text();
    expect(invitePage).toContain("Sign in with Test SSO to accept");

    // Signed in with single sign-on (the account is verified, so it links), the same link works.
    await markEmailVerified(databaseUrl, ivan.email);
    const ivanIdp = await addIdpAccount(issuer, { email: ivan.email });
    expect((await signInWithSso(ivan.client, ivanIdp.sub, { prompt: "login" })).signedIn).toBe(true);
    expect((await ivan.client.json("POST", "/api/invites/accept", { token })).status).toBe(200);

    // No password account can be made from an invitation to the domain.
    const gus = `gus@${domain}`;
    expect((await owner.client.json("POST", `/api/teams/${teamId}/invites`, { email: gus, role: "viewer" })).status).toBe(201);
    const signup = await new PortalClient(portalUrl).json("POST", "/api/invites/signup", {
      token: tokenOf(await inviteLinkFor(portalUrl, gus)),
      name: "Gus",
      password: PASSWORD,
    });
    expect(signup.status).toBe(403);
    expect(signup.body.code).toBe("sso_required");
    expect(await accountExists(gus)).toBe(false);
  }, 90_000);
});

describe("members must use two-factor", () => {
  it("needs an owner with a second factor and a step-up; then a member without one can do nothing in that team, and only there", async () => {
    const owner = await PortalClient.newDeveloper(portalUrl, "Tess Twofactor", { verified: true });
    const teamId = await createTeam(owner.client, "Two-factor team");
    const teamApp = (await owner.client.json("POST", "/api/apps", { name: "Team app", team_id: teamId })).body.app.id;
    const member = await newMember(portalUrl, owner.client, teamId, "developer", "Mo Member");
    const ownApp = (await member.client.json("POST", "/api/apps", { name: "Personal app" })).body.app.id;
    const admin = await newMember(portalUrl, owner.client, teamId, "admin", "Ada Admin");
    const policies = `/api/teams/${teamId}/policies`;
    // The member's dashboard shows the team (the switcher's cookie).
    expect((await member.client.request("POST", "/api/teams/current", { team_id: teamId })).status).toBe(204);

    // The owner needs a second factor before requiring one.
    const without = await owner.client.json("PATCH", policies, { require_two_factor: true });
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ code: "two_factor_required", detail: expect.stringMatching(/on your own account/) });
    await enableTotp(databaseUrl, owner.email);
    // Only the owner (an admin is refused), and only with a proof of identity from the last 10 minutes.
    expect((await admin.client.json("PATCH", policies, { require_two_factor: true })).body.code).toBe("forbidden");
    await ageSessionProof(databaseUrl, owner.email, 11);
    expect((await owner.client.json("PATCH", policies, { require_two_factor: true })).body.code).toBe("step_up_required");
    await ageSessionProof(databaseUrl, owner.email, 0); // as a step-up with the authenticator code would
    const on = await owner.client.json("PATCH", policies, { require_two_factor: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ require_two_factor: true, members_without_second_factor: 2 });

    // The member, still signed in, is refused everything of this team with the new code...
    for (const [method, path, body] of [
      ["GET", `/api/teams/${teamId}`],
      ["GET", `/api/teams/${teamId}/members`],
      ["GET", `/api/apps/${teamApp}`],
      ["GET", `/api/apps/${teamApp}/keys`],
      ["POST", "/api/apps", { name: "Sneaky", team_id: teamId }],
    ] as const) {
      const answer = await member.client.json(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body).toMatchObject({ code: "two_factor_required", detail: expect.stringContaining("Two-factor team requires") });
    }
    // ...its apps drop out of lists and the docs' key picker...
    expect((await member.client.json("GET", "/api/apps")).body.data.map((app: { id: string }) => app.id)).toEqual([ownApp]);
    const keys = (await member.client.json("GET", "/api/keys")).body.data;
    expect(keys.map((key: { app_id: string }) => key.app_id)).toEqual([ownApp]);
    // ...while their own team works, and the team is still listed so they know where they stand.
    expect((await member.client.json("GET", `/api/apps/${ownApp}`)).status).toBe(200);
    expect((await member.client.json("GET", "/api/teams")).body.data.map((team: { id: string }) => team.id)).toContain(teamId);

    // The team's pages send them to the security page, which says why.
    const teamPage = await member.client.request("GET", `/dashboard/teams/${teamId}`);
    expect(teamPage.status).toBe(307);
    expect(teamPage.headers.get("location")).toMatch(/\/account\/security$/);
    // An app's page streams (it has a loading state), so its redirect is in the page rather than a header.
    const appPage = await member.client.request("GET", `/dashboard/apps/${teamApp}`);
    expect(appPage.headers.get("location") ?? (await appPage.text())).toMatch(
      /^\/account\/security$|NEXT_REDIRECT;\w+;\/account\/security;/,
    );
    const security = await (await member.client.request("GET", "/account/security")).text();
    expect(security).toContain("Two-factor team requires two-factor authentication");
    // The dashboard, still set to the team, shows their own team instead and says why.
    const dashboard = await member.client.request("GET", "/dashboard");
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain("Two-factor team requires two-factor authentication");
    expect(html).toContain("Its apps are hidden until you set up an authenticator app or a passkey.");

    // A passkey is a second factor: the team opens up.
    await addPasskeyRow(databaseUrl, member.email);
    expect((await member.client.json("GET", `/api/teams/${teamId}/members`)).status).toBe(200);
    expect((await member.client.json("GET", "/api/apps")).body.data).toHaveLength(2);

    const changed = (await auditActions(owner.client, teamId)).find((event) => event.action === "team.two_factor_policy_changed");
    expect(changed?.metadata).toMatchObject({ required: true, members_without_second_factor: 2 });
  }, 90_000);

  it("refuses to let someone without a second factor join, and the invitation page says what to do", async () => {
    const owner = await PortalClient.newDeveloper(portalUrl, "Jo Joinpolicy", { verified: true });
    await enableTotp(databaseUrl, owner.email);
    const teamId = await createTeam(owner.client, "Strict team");
    expect((await owner.client.json("PATCH", `/api/teams/${teamId}/policies`, { require_two_factor: true })).status).toBe(200);

    const joiner = await PortalClient.newDeveloper(portalUrl, "Jamie Joiner");
    expect((await owner.client.json("POST", `/api/teams/${teamId}/invites`, { email: joiner.email, role: "viewer" })).status).toBe(201);
    const link = await inviteLinkFor(portalUrl, joiner.email);
    const mail = await suiteMailbox().next({ to: joiner.email, subject: "invited you to" });
    expect(mail.text).toContain("Strict team requires two-factor authentication");
    const refused = await joiner.client.json("POST", "/api/invites/accept", { token: tokenOf(link) });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "two_factor_required", detail: expect.stringMatching(/open the invitation link again/) });
    const page = await (await joiner.client.request("GET", new URL(link).pathname)).text();
    expect(page).toContain("Strict team requires two-factor authentication");
    expect(page).toContain("Set up two-factor");
    // Nothing happened: still invited, not a member.
    const invites = (await owner.client.json("GET", `/api/teams/${teamId}/invites`)).body.data;
    expect(invites.find((invite: { email: string }) => invite.email === joiner.email)?.status).toBe("pending");

    await enableTotp(databaseUrl, joiner.email);
    expect((await joiner.client.json("POST", "/api/invites/accept", { token: tokenOf(link) })).status).toBe(200);

    // A new account from the link would have no second factor: refused before it is created.
    const newcomer = `newcomer-${randomBytes(4).toString("hex")}@example.com`;
    expect((await owner.client.json("POST", `/api/teams/${teamId}/invites`, { email: newcomer, role: "viewer" })).status).toBe(201);
    const signup = await new PortalClient(portalUrl).json("POST", "/api/invites/signup", {
      token: tokenOf(await inviteLinkFor(portalUrl, newcomer)),
      name: "New Comer",
      password: PASSWORD,
    });
    expect(signup.status).toBe(403);
    expect(signup.body.code).toBe("two_factor_required");
    expect(await accountExists(newcomer)).toBe(false);
  }, 90_000);
});
