import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { linkIn, tokenOf } from "../support/mailbox";
import { PortalClient } from "../support/portal-client";
import { expireAccountToken, storedRows } from "../support/stored-rows";
import { suiteMailbox } from "../support/suite-mailbox";

/**
 * Passwords: "forgot password" (a 1 h single-use link, hashed at rest; a reset signs out every
 * session and ends other reset links), changing it (the current one required, the sign-up policy,
 * other sessions signed out, this one rotated), and the throttles on both, per address and per
 * client. Every request here names its own client address (X-Forwarded-For, as the proxy in
 * front would), so the per-address limits of other files do not interfere.
 */

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
const mailbox = suiteMailbox();
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by assertions and the OpenAPI validator
type Body = any;

/** A POST from a client address of its own (the proxy's X-Forwarded-For). */
async function post(
  client: PortalClient,
  path: string,
  body: unknown,
  ip = freshIp(),
): Promise<{ status: number; body: Body; response: Response }> {
  const response = await client.request("POST", path, body, { "x-forwarded-for": ip });
  const text = await response.clone().text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, response };
}

/** Asks for a reset link and returns its token, from the mail the sink received. */
async function resetToken(email: string, ip = freshIp()): Promise<string> {
  const mark = mailbox.mark();
  const asked = await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email }, ip);
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  return tokenOf(
    linkIn(await mailbox.next({ to: email, subject: "Reset your Open Bank Developers password" }, { after: mark }), "/reset-password/"),
  );
}

const newPassword = () => `Fresh-${randomBytes(6).toString("hex")}-pw`;

async function auditActions(email: string): Promise<string[]> {
  const users = await storedRows(databaseUrl, "User");
  const id = users.find((user) => user.email === email)?.id;
  return (await storedRows(databaseUrl, "AuditEvent")).filter((row) => row.actorId === id).map((row) => String(row.action));
}

describe("forgot password", () => {
  it("answers 202 and mails a link that works for 1 hour, stored only as its hash", async () => {
    const dev = await PortalClient.newDeveloper(portalUrl, "Fay Forgetful");
    const mark = mailbox.mark();
    const asked = await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email: ` ${dev.email.toUpperCase()} ` });
    conforms("post", "/api/account/password/forgot", asked);
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true, expires_in_seconds: 3600 });
    const mail = await mailbox.next({ to: dev.email, subject: "Reset your" }, { after: mark });
    expect(mail.text).toContain("Hi Fay Forgetful,");
    const token = tokenOf(linkIn(mail, "/reset-password/"));
    const rows = (await storedRows(databaseUrl, "AccountToken")).filter((row) => row.kind === "reset_password" && row.email === dev.email);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(new Date(String(rows[0].expiresAt)).getTime() - new Date(String(rows[0].createdAt)).getTime()).toBe(60 * 60 * 1000);
    // The page shows the form, without using the link.
    const page = await new PortalClient(portalUrl).request("GET", `/reset-password/${token}`);
    const html = await page.text();
    expect(html).toContain("Choose a new password");
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
  });

  it("sends nothing for an unknown address, with the same answer", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@example.com`;
    const asked = await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ accepted: true, expires_in_seconds: 3600 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.latest({ to: email })).toBeUndefined();
  });

  it("refuses a malformed address with 400, whether or not anyone has it", async () => {
    const refused = await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email: "not-an-email" });
    conforms("post", "/api/account/password/forgot", refused);
    await expectProblem(refused.response, 400, "validation_failed");
  });
});

describe("resetting from the link", () => {
  let dev: Awaited<ReturnType<typeof PortalClient.newDeveloper>>;
  beforeAll(async () => {
    dev = await PortalClient.newDeveloper(portalUrl, "Rory Reset");
  });

  it("applies the sign-up policy, then signs out every session and ends the other reset links", async () => {
    const other = new PortalClient(portalUrl);
    await other.signIn(dev.email, dev.password);
    const older = await resetToken(dev.email);
    const token = await resetToken(dev.email);

    const weak = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password: "password123" });
    conforms("post", "/api/account/password/reset", weak);
    const problem = await expectProblem(weak.response, 400, "validation_failed");
    expect(problem.errors.every((error) => error.pointer === "/body/password")).toBe(true);
    const local = dev.email.split("@")[0];
    const personal = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password: `${local}-Secure-1` });
    expect((await expectProblem(personal.response, 400, "validation_failed")).errors[0].detail).toMatch(/email/);

    const password = newPassword();
    const reset = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password });
    conforms("post", "/api/account/password/reset", reset);
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toEqual({ email: dev.email, sessions_revoked: 2 });

    // Both browsers are signed out; the old password no longer works, the new one does.
    await expectProblem(await dev.client.request("GET", "/api/account"), 401, "unauthenticated");
    await expectProblem(await other.request("GET", "/api/account"), 401, "unauthenticated");
    await expect(new PortalClient(portalUrl).signIn(dev.email, dev.password)).rejects.toThrow(/sign-in failed/);
    const signedIn = new PortalClient(portalUrl);
    await signedIn.signIn(dev.email, password);
    // The link came to the address, so it is verified now too.
    expect((await signedIn.json("GET", "/api/account")).body.email_verified).toBe(true);
    const notice = await mailbox.next({ to: dev.email, subject: "password was changed" });
    expect(notice.text).not.toMatch(/reset-password\//);
    expect(await auditActions(dev.email)).toEqual(expect.arrayContaining(["account.password_reset", "account.email_verified"]));

    // Single use, and the older outstanding link was ended with it.
    const again = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password: newPassword() });
    conforms("post", "/api/account/password/reset", again);
    await expectProblem(again.response, 410, "link_used");
    await expectProblem(
      (await post(new PortalClient(portalUrl), "/api/account/password/reset", { token: older, password: newPassword() })).response,
      410,
      "link_used",
    );
    const used = await (await new PortalClient(portalUrl).request("GET", `/reset-password/${token}`)).text();
    expect(used).toContain("This reset link has already been used");
    dev.password = password;
  });

  it("expires after an hour", async () => {
    const token = await resetToken(dev.email);
    await expireAccountToken(databaseUrl, token);
    const expired = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password: newPassword() });
    await expectProblem(expired.response, 410, "link_expired");
    expect(await (await new PortalClient(portalUrl).request("GET", `/reset-password/${token}`)).text()).toContain(
      "This reset link has expired",
    );
    await new PortalClient(portalUrl).signIn(dev.email, dev.password);
  });

  it("refuses a made-up link with 404 link_invalid", async () => {
    for (const token of ["A".repeat(43), "short", "../../etc/passwd"]) {
      const answer = await post(new PortalClient(portalUrl), "/api/account/password/reset", { token, password: newPassword() });
      await expectProblem(answer.response, 404, "link_invalid");
    }
  });
});

describe("changing the password", () => {
  it("needs the current password, follows the policy, signs out the other sessions and rotates this one", async () => {
    const dev = await PortalClient.newDeveloper(portalUrl, "Chris Change");
    const other = new PortalClient(portalUrl);
    await other.signIn(dev.email, dev.password);
    const oldCookie = dev.client.cookieHeader;

    const wrong = await dev.client.json("POST", "/api/account/password", {
      current_password: "Not-The-Password-1",
      new_password: newPassword(),
    });
    conforms("post", "/api/account/password", wrong);
    const problem = await expectProblem(wrong.response, 403, "password_incorrect");
    expect(problem.errors).toEqual([{ pointer: "/body/current_password", detail: "This is not your current password" }]);
    const weak = await dev.client.json("POST", "/api/account/password", { current_password: dev.password, new_password: "short" });
    await expectProblem(weak.response, 400, "validation_failed");
    const same = await dev.client.json("POST", "/api/account/password", { current_password: dev.password, new_password: dev.password });
    expect((await expectProblem(same.response, 400, "validation_failed")).errors[0].pointer).toBe("/body/new_password");
    const missing = await dev.client.json("POST", "/api/account/password", { new_password: newPassword() });
    expect((await expectProblem(missing.response, 400, "validation_failed")).errors[0].pointer).toBe("/body/current_password");
    // Nothing changed so far: both browsers are still signed in.
    expect((await other.json("GET", "/api/account")).status).toBe(200);

    const password = newPassword();
    const changed = await dev.client.json("POST", "/api/account/password", { current_password: dev.password, new_password: password });
    conforms("post", "/api/account/password", changed);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toEqual({ sessions_revoked: 1 });
    expect(changed.response.headers.getSetCookie().some((cookie) => cookie.startsWith("next-auth.session-token="))).toBe(true);

    // This browser goes on with its new cookie; its old cookie and the other browser are signed out.
    expect((await dev.client.json("GET", "/api/account")).status).toBe(200);
    const stale = await fetch(`${portalUrl}/api/account`, { headers: { cookie: oldCookie } });
    await expectProblem(stale, 401, "unauthenticated");
    await expectProblem(await other.request("GET", "/api/account"), 401, "unauthenticated");
    await expect(new PortalClient(portalUrl).signIn(dev.email, dev.password)).rejects.toThrow(/sign-in failed/);
    await new PortalClient(portalUrl).signIn(dev.email, password);
    expect(await auditActions(dev.email)).toContain("account.password_changed");
    const notice = await mailbox.next({ to: dev.email, subject: "password was changed" });
    expect(notice.text).toContain("your other sessions were signed out");
  });

  it("counts wrong current passwords against the sign-in throttle", async () => {
    const dev = await PortalClient.newDeveloper(portalUrl, "Guess Guarded");
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push(
        (await dev.client.json("POST", "/api/account/password", { current_password: `Wrong-Guess-${i}`, new_password: newPassword() }))
          .status,
      );
    }
    expect(answers).toEqual([403, 403, 403, 403, 403, 429]);
    const throttled = await dev.client.json("POST", "/api/account/password", {
      current_password: dev.password,
      new_password: newPassword(),
    });
    conforms("post", "/api/account/password", throttled);
    await expectProblem(throttled.response, 429, "too_many_sign_in_attempts");
    expect(Number(throttled.response.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is for signed-in developers only", async () => {
    await expectProblem(
      await new PortalClient(portalUrl).request("POST", "/api/account/password", { current_password: "x", new_password: newPassword() }),
      401,
      "unauthenticated",
    );
  });
});

describe("throttles", () => {
  it("limits reset mails per address to 5 an hour, answering known and unknown addresses alike", async () => {
    const dev = await PortalClient.newDeveloper(portalUrl, "Tara Throttled");
    const unknown = `ghost-${randomBytes(4).toString("hex")}@example.com`;
    for (const email of [dev.email, unknown]) {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email })).status);
      expect(statuses, email).toEqual([202, 202, 202, 202, 202, 429]);
    }
    const [known, ghost] = await Promise.all(
      [dev.email, unknown].map((email) => post(new PortalClient(portalUrl), "/api/account/password/forgot", { email })),
    );
    conforms("post", "/api/account/password/forgot", known);
    expect(known.status).toBe(ghost.status);
    expect({ ...known.body, request_id: "" }).toEqual({ ...ghost.body, request_id: "" });
    expect(
      Math.abs(Number(known.response.headers.get("retry-after")) - Number(ghost.response.headers.get("retry-after"))),
    ).toBeLessThanOrEqual(2);
  });

  it("limits forgot and reset requests per client address to 30 an hour", async () => {
    const ip = "192.0.2.77";
    const statuses = [];
    for (let i = 0; i < 30; i++) {
      const email = `flood-${i}-${randomBytes(3).toString("hex")}@example.com`;
      statuses.push((await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email }, ip)).status);
    }
    expect(statuses.every((status) => status === 202)).toBe(true);
    const forgot = await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email: "one-more@example.com" }, ip);
    await expectProblem(forgot.response, 429, "rate_limited");
    const reset = await post(
      new PortalClient(portalUrl),
      "/api/account/password/reset",
      { token: "A".repeat(43), password: newPassword() },
      ip,
    );
    await expectProblem(reset.response, 429, "rate_limited");
    // Another client is not affected.
    expect((await post(new PortalClient(portalUrl), "/api/account/password/forgot", { email: "one-more@example.com" })).status).toBe(202);
  });
});
