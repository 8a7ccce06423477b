import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { linkIn, tokenOf } from "../support/mailbox";
import { PortalClient } from "../support/portal-client";
import { ageAccountTokens, ageSessionProof, expireAccountToken, storedRows } from "../support/stored-rows";
import { suiteMailbox } from "../support/suite-mailbox";
import { createTeam } from "../support/teams";

/**
 * Email addresses: verification at sign-up (a 24 h single-use link, only its hash stored), what an
 * unverified developer may not do (invite, request go-live: 403 email_unverified), the resend
 * pace, and changing the address (step-up, the new address proves itself before anything changes,
 * the old one is told). Links come from the mail the suite's SMTP sink received.
 */

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
const mailbox = suiteMailbox();
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());

type Answer = { status: number; body: unknown; response: Response };
function conforms(method: string, path: string, answer: Answer) {
  published.assertResponse({
    method,
    path,
    status: answer.status,
    contentType: answer.response.headers.get("content-type"),
    body: answer.body,
  });
}

async function verificationToken(email: string, after?: number): Promise<string> {
  return tokenOf(linkIn(await mailbox.next({ to: email, subject: "Verify your email address" }, { after }), "/verify-email/"));
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await storedRows(databaseUrl, "AuditEvent");
  return rows.filter((row) => row.actorId === userId && row.teamId === null).map((row) => String(row.action));
}

const goLiveChecklist = {
  contact_name: "Una Verified",
  contact_email: "una@example.com",
  use_case: "A budgeting app that reads balances and transactions to categorise spending for consumers.",
  data_protection: {
    data_controller: "Una Ltd",
    purpose: "Budget insights for the account holder",
    retention_days: 90,
    dpo_email: "dpo@example.com",
    encrypts_credentials: true,
    accepts_terms: true,
  },
};

describe("verification at sign-up", () => {
  let dev: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
  let userId: string;
  beforeAll(async () => {
    dev = await PortalClient.newDeveloper(portalUrl, "Una Verified");
    userId = (await dev.client.json("GET", "/api/account")).body.id;
  });

  it("mails a link that works for 24 hours, stores only its hash, and leaves the account unverified until it is opened", async () => {
    const mail = await mailbox.next({ to: dev.email, subject: "Verify your email address" });
    expect(mail.from).toContain("no-reply@openbank.test");
    expect(mail.text).toContain("Hi Una Verified,");
    const link = linkIn(mail, "/verify-email/");
    expect(link.startsWith(`${portalUrl}/verify-email/`)).toBe(true);
    const token = tokenOf(link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rows = (await storedRows(databaseUrl, "AccountToken")).filter((row) => row.userId === userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "verify_email", email: dev.email, usedAt: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    const lifetime = new Date(String(rows[0].expiresAt)).getTime() - new Date(String(rows[0].createdAt)).getTime();
    expect(lifetime).toBe(24 * 60 * 60 * 1000);

    const account = await dev.client.json("GET", "/api/account");
    expect(account.body.email_verified).toBe(false);
    // The page that opens the link does not use it (mail scanners open links too).
    const page = await dev.client.request("GET", `/verify-email/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(html).toContain("Verify email address");
    expect((await dev.client.json("GET", "/api/account")).body.email_verified).toBe(false);
  });

  it("refuses an unverified developer's invitations and go-live request with 403 email_unverified", async () => {
    const team = await createTeam(dev.client, "Unverified team");
    const invite = await dev.client.json("POST", `/api/teams/${team}/invites`, { email: "colleague-of-una@example.com", role: "viewer" });
    conforms("post", "/api/teams/{teamId}/invites", invite);
    const problem = await expectProblem(invite.response, 403, "email_unverified");
    expect(problem.title).toBe("Verify your email address first");
    const app = await dev.client.createApp("Una's app");
    await expectProblem(await dev.client.request("POST", `/api/apps/${app.app.id}/go-live`, goLiveChecklist), 403, "email_unverified");
    // The sandbox itself is open: the app's key works.
    expect((await fetch(`${portalUrl}/v1/accounts`, { headers: { authorization: `Bearer ${app.secret}` } })).status).toBe(200);
    // Nothing was invited.
    expect((await dev.client.json("GET", `/api/teams/${team}/invites`)).body.data).toEqual([]);
  });

  it("resends at most one link a minute; each new link is a new token", async () => {
    const first = await dev.client.json("POST", "/api/account/email/verification");
    conforms("post", "/api/account/email/verification", first);
    // The sign-up mail went out moments ago: too soon.
    expect(first.status).toBe(429);
    expect(first.body.code).toBe("rate_limited");
    expect(Number(first.response.headers.get("retry-after"))).toBeGreaterThan(0);
    await ageAccountTokens(databaseUrl, dev.email, 2);
    const mark = mailbox.mark();
    const resent = await dev.client.json("POST", "/api/account/email/verification");
    conforms("post", "/api/account/email/verification", resent);
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ email: dev.email, sent: true });
    expect((await dev.client.json("POST", "/api/account/email/verification")).status).toBe(429);
    await verificationToken(dev.email, mark);
    const tokens = mailbox
      .all()
      .filter((mail) => mail.to.includes(dev.email) && mail.subject.startsWith("Verify"))
      .map((mail) => tokenOf(linkIn(mail, "/verify-email/")));
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
  });

  it("verifies once: the link then answers 410 link_used; an unknown one 404 link_invalid", async () => {
    const [older, token] = mailbox
      .all()
      .filter((mail) => mail.to.includes(dev.email) && mail.subject.startsWith("Verify"))
      .map((mail) => tokenOf(linkIn(mail, "/verify-email/")));
    const anonymous = new PortalClient(portalUrl); // the link is the proof: no session needed
    const verified = await anonymous.json("POST", "/api/account/email/verify", { token });
    conforms("post", "/api/account/email/verify", verified);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ email: dev.email, email_verified: true, changed: false });
    expect((await dev.client.json("GET", "/api/account")).body.email_verified).toBe(true);

    const again = await anonymous.json("POST", "/api/account/email/verify", { token });
    conforms("post", "/api/account/email/verify", again);
    await expectProblem(again.response, 410, "link_used");
    await expectProblem(await anonymous.request("POST", "/api/account/email/verify", { token: "x".repeat(43) }), 404, "link_invalid");
    await expectProblem(await anonymous.request("POST", "/api/account/email/verify", { token: "not a token" }), 404, "link_invalid");
    expect(await auditActions(userId)).toContain("account.email_verified");
    // An older link that was never opened still proves the same address until it expires (no second audit row).
    expect((await anonymous.json("POST", "/api/account/email/verify", { token: older })).status).toBe(200);
    expect((await auditActions(userId)).filter((action) => action === "account.email_verified")).toHaveLength(1);
    // Verified: a resend is pointless.
    await expectProblem(await dev.client.request("POST", "/api/account/email/verification"), 409, "conflict");
  });

  it("lets the verified developer invite and request go-live", async () => {
    const team = await createTeam(dev.client, "Verified team");
    const invite = await dev.client.json("POST", `/api/teams/${team}/invites`, { email: "colleague-of-una@example.com", role: "viewer" });
    expect(invite.status, JSON.stringify(invite.body)).toBe(201);
    const app = await dev.client.createApp("Una's second app");
    // Past the email gate: the evidence check answers now.
    await expectProblem(
      await dev.client.request("POST", `/api/apps/${app.app.id}/go-live`, goLiveChecklist),
      422,
      "go_live_evidence_missing",
    );
  });

  it("expires: a link past its 24 hours answers 410 link_expired and verifies nothing", async () => {
    const late = await PortalClient.newDeveloper(portalUrl, "Lou Late");
    const token = await verificationToken(late.email);
    await expireAccountToken(databaseUrl, token);
    const page = await late.client.request("GET", `/verify-email/${token}`);
    expect(await page.text()).toContain("This link has expired");
    await expectProblem(await late.client.request("POST", "/api/account/email/verify", { token }), 410, "link_expired");
    expect((await late.client.json("GET", "/api/account")).body.email_verified).toBe(false);
  });

  it("starts verified when the account comes from an invitation link (the link proved the address)", async () => {
    const team = await createTeam(dev.client, "Invite team");
    const email = `invited-${Date.now()}@example.com`;
    expect((await dev.client.json("POST", `/api/teams/${team}/invites`, { email, role: "developer" })).status).toBe(201);
    const token = tokenOf(linkIn(await mailbox.next({ to: email, subject: "invited you to" }), "/invites/"));
    const signup = await new PortalClient(portalUrl).json("POST", "/api/invites/signup", {
      token,
      name: "Ivy Invited",
      password: "Invited-Pass-2026",
    });
    expect(signup.status, JSON.stringify(signup.body)).toBe(201);
    const ivy = new PortalClient(portalUrl);
    await ivy.signIn(email, "Invited-Pass-2026");
    expect((await ivy.json("GET", "/api/account")).body.email_verified).toBe(true);
    // No verification mail was needed.
    expect(mailbox.latest({ to: email, subject: "Verify your email address" })).toBeUndefined();
  });
});

describe("changing the address", () => {
  let dev: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
  let userId: string;
  beforeAll(async () => {
    dev = await PortalClient.newDeveloper(portalUrl, "Cam Changer", { verified: true });
    userId = (await dev.client.json("GET", "/api/account")).body.id;
  });

  it("needs a recent proof of identity (step-up)", async () => {
    await ageSessionProof(databaseUrl, dev.email, 11);
    const refused = await dev.client.json("POST", "/api/account/email", { email: "cam.new@example.com" });
    conforms("post", "/api/account/email", refused);
    await expectProblem(refused.response, 403, "step_up_required");
    expect(mailbox.latest({ to: "cam.new@example.com" })).toBeUndefined();
    expect((await dev.client.json("POST", "/api/account/step-up", { password: dev.password })).status).toBe(200);
  });

  it("answers a taken address exactly as a free one (its holder is told, no link goes out), and refuses the current one", async () => {
    const other = await PortalClient.newDeveloper(portalUrl, "Taken Tess");
    const mark = mailbox.mark();
    const taken = await dev.client.json("POST", "/api/account/email", { email: other.email.toUpperCase() });
    conforms("post", "/api/account/email", taken);
    // Before: 409 email_taken, which told any signed-in developer who has an account (issue 21, finding 4).
    expect(taken.status).toBe(202);
    expect(Object.keys(taken.body).sort()).toEqual(["expires_at", "pending_email", "sent"]);
    expect(taken.body).toMatchObject({ pending_email: other.email, sent: true });
    const told = await mailbox.next({ to: other.email, subject: "Another account asked to use your address" }, { after: mark });
    expect(told.text).not.toMatch(/\/verify-email\//);
    await mailbox.next({ to: dev.email, subject: "Someone asked to change" }, { after: mark });
    // The holder's account is untouched, and the developer's own address has not moved.
    expect((await dev.client.json("GET", "/api/account")).body.email).toBe(dev.email);
    // Paced like any other change (one link mail a minute): the next test's request comes "later".
    await ageAccountTokens(databaseUrl, dev.email, 2);
    const same = await expectProblem(
      await dev.client.request("POST", "/api/account/email", { email: dev.email }),
      400,
      "validation_failed",
    );
    expect(same.errors[0].pointer).toBe("/body/email");
  });

  it("mails the new address a link, tells the old one, and changes nothing until the link is opened", async () => {
    const newEmail = `cam-${Date.now()}@example.com`;
    const mark = mailbox.mark();
    const requested = await dev.client.json("POST", "/api/account/email", { email: newEmail });
    conforms("post", "/api/account/email", requested);
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ pending_email: newEmail, sent: true });

    const notice = await mailbox.next({ to: dev.email, subject: "Someone asked to change" }, { after: mark });
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toMatch(/\/verify-email\//); // the old address gets no link to approve it
    const link = linkIn(await mailbox.next({ to: newEmail, subject: "Confirm your new email address" }, { after: mark }), "/verify-email/");
    const token = tokenOf(link);

    // Nothing changed yet: same address, old one still signs in, new one does not.
    expect((await dev.client.json("GET", "/api/account")).body.email).toBe(dev.email);
    await new PortalClient(portalUrl).signIn(dev.email, dev.password);
    await expect(new PortalClient(portalUrl).signIn(newEmail, dev.password)).rejects.toThrow(/sign-in failed/);
    expect(await auditActions(userId)).toContain("account.email_change_requested");

    // The link, opened anywhere (no session), makes the change.
    const confirmed = await new PortalClient(portalUrl).json("POST", "/api/account/email/verify", { token });
    conforms("post", "/api/account/email/verify", confirmed);
    expect(confirmed.body).toEqual({ email: newEmail, email_verified: true, changed: true });
    const account = await dev.client.json("GET", "/api/account");
    expect(account.body).toMatchObject({ email: newEmail, email_verified: true });
    const told = await mailbox.next({ to: dev.email, subject: "email address was changed" }, { after: mark });
    expect(told.text).toContain(newEmail);
    await new PortalClient(portalUrl).signIn(newEmail, dev.password);
    await expect(new PortalClient(portalUrl).signIn(dev.email, dev.password)).rejects.toThrow(/sign-in failed/);
    expect(await auditActions(userId)).toEqual(expect.arrayContaining(["account.email_change_requested", "account.email_changed"]));

    // Single use.
    await expectProblem(await new PortalClient(portalUrl).request("POST", "/api/account/email/verify", { token }), 410, "link_used");
    dev.email = newEmail;
  });

  it("expires after 24 hours, and a newer request replaces an older link", async () => {
    await ageAccountTokens(databaseUrl, dev.email, 2);
    const first = `cam-first-${Date.now()}@example.com`;
    expect((await dev.client.json("POST", "/api/account/email", { email: first })).status).toBe(202);
    const firstToken = tokenOf(linkIn(await mailbox.next({ to: first, subject: "Confirm your new" }), "/verify-email/"));
    await ageAccountTokens(databaseUrl, dev.email, 2);
    const second = `cam-second-${Date.now()}@example.com`;
    expect((await dev.client.json("POST", "/api/account/email", { email: second })).status).toBe(202);
    const secondToken = tokenOf(linkIn(await mailbox.next({ to: second, subject: "Confirm your new" }), "/verify-email/"));

    await expectProblem(
      await new PortalClient(portalUrl).request("POST", "/api/account/email/verify", { token: firstToken }),
      410,
      "link_used",
    );
    await expireAccountToken(databaseUrl, secondToken);
    await expectProblem(
      await new PortalClient(portalUrl).request("POST", "/api/account/email/verify", { token: secondToken }),
      410,
      "link_expired",
    );
    expect((await dev.client.json("GET", "/api/account")).body.email).toBe(dev.email);
  });

  it("answers email_taken when someone took the address before the link was opened", async () => {
    await ageAccountTokens(databaseUrl, dev.email, 2);
    const contested = `contested-${Date.now()}@example.com`;
    expect((await dev.client.json("POST", "/api/account/email", { email: contested })).status).toBe(202);
    const token = tokenOf(linkIn(await mailbox.next({ to: contested, subject: "Confirm your new" }), "/verify-email/"));
    const signup = await new PortalClient(portalUrl).json("POST", "/api/signup", {
      name: "Quick Quinn",
      email: contested,
      password: "Quick-Quinn-2026",
    });
    expect(signup.status).toBe(202);
    await expectProblem(await new PortalClient(portalUrl).request("POST", "/api/account/email/verify", { token }), 409, "email_taken");
    expect((await dev.client.json("GET", "/api/account")).body.email).toBe(dev.email);
  });
});
