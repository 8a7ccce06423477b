import { Secret, TOTP } from "otpauth";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { SoftAuthenticator } from "../support/soft-authenticator";
import { ageSessionProof, executeStored, storedRows } from "../support/stored-rows";

/**
 * Second factor (issue 14, part 3), through the portal's API and next-auth's sign-in endpoints as
 * a browser calls them: TOTP enrolment, replay, throttling; recovery codes (once, even in
 * parallel); passkeys (a software authenticator signs real WebAuthn answers) for sign-in alone,
 * as the second step, and for step-up; challenges single use and short-lived; the sensitive
 * changes behind step-up. Every answer of the portal API is checked against /api/openapi.json.
 */

const portalUrl = inject("portalUrl");
const databaseUrl = inject("portalDatabaseUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked by the published schema and the assertions
type Body = any;

/** A portal API call, its answer validated against the published document. `template` is the documented path. */
async function call(client: PortalClient, method: string, template: string, options: { path?: string; body?: unknown } = {}) {
  const response = await client.request(method, options.path ?? template, options.body);
  const text = await response.clone().text();
  const body: Body = text ? JSON.parse(text) : undefined;
  published.assertResponse({ method, path: template, status: response.status, contentType: response.headers.get("content-type"), body });
  return { status: response.status, body, response, text };
}

const codeAt = (seed: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(seed) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

type Developer = Awaited<ReturnType<typeof PortalClient.newDeveloper>>;

/** A new developer with the authenticator app on; the code of the current step is spent by the confirmation. */
async function withTotp(name: string) {
  const developer = await PortalClient.newDeveloper(portalUrl, name);
  const started = await call(developer.client, "POST", "/api/account/two-factor/totp");
  expect(started.status, started.text).toBe(200);
  const seed: string = started.body.secret;
  const confirmCode = codeAt(seed);
  const confirmed = await call(developer.client, "POST", "/api/account/two-factor/totp/confirm", { body: { code: confirmCode } });
  expect(confirmed.status, confirmed.text).toBe(200);
  return { ...developer, seed, confirmCode, recoveryCodes: confirmed.body.recovery_codes as string[] };
}

/** A passkey added to the developer's account through the API, with the software authenticator. */
async function addPasskey(client: PortalClient, name = "Test passkey", authenticator = new SoftAuthenticator(portalUrl)) {
  const options = await call(client, "POST", "/api/account/passkeys/registration-options");
  expect(options.status, options.text).toBe(200);
  const added = await call(client, "POST", "/api/account/passkeys", {
    body: { challenge_id: options.body.challenge_id, response: authenticator.create(options.body.options), name },
  });
  expect(added.status, added.text).toBe(201);
  return { authenticator, passkey: added.body };
}

/** A passkey answer to a fresh challenge (`sign_in` without a session; `step_up` for `client`). */
async function passkeyAnswer(authenticator: SoftAuthenticator, purpose: "sign_in" | "step_up", client = new PortalClient(portalUrl)) {
  const challenge = await call(client, "POST", "/api/account/passkeys/challenge", { body: { purpose } });
  expect(challenge.status, challenge.text).toBe(200);
  return {
    challenge_id: challenge.body.challenge_id as string,
    response: authenticator.get(challenge.body.options),
    options: challenge.body.options,
  };
}

async function currentSession(client: PortalClient) {
  const { body } = await call(client, "GET", "/api/account/sessions");
  return body.data.find((row: { current: boolean }) => row.current) as { id: string; method: string };
}

/** Makes the developer's sessions' last proof of identity 11 minutes old: sensitive actions then need a step-up. */
const ageSession = (email: string) => ageSessionProof(databaseUrl, email, 11);

/** Moves a challenge's expiry into the past, as 5 minutes passing would. */
async function expireChallenge(challengeId: string) {
  const past = new Date(Date.now() - 1000);
  // SQLite keeps Prisma's DateTime as RFC 3339 text; PostgreSQL as timestamp.
  const value = databaseUrl.startsWith("file:") ? past.toISOString().replace("Z", "+00:00") : past;
  expect(await executeStored(databaseUrl, `UPDATE "AuthChallenge" SET "expiresAt" = ? WHERE "id" = ?`, [value, challengeId])).toBe(1);
}

async function account(client: PortalClient) {
  const { status, body } = await call(client, "GET", "/api/account");
  expect(status).toBe(200);
  return body as { two_factor: { totp: boolean; passkeys: number; recovery_codes_left: number } };
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await storedRows(databaseUrl, "AuditEvent");
  return rows.filter((row) => row.actorId === userId).map((row) => String(row.action));
}

const userIdOf = async (client: PortalClient) => (await call(client, "GET", "/api/account")).body.id as string;

describe("authenticator app (TOTP)", () => {
  it("stays pending until a code from the app confirms it, then gives 10 recovery codes once", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Tess Totp");
    const started = await call(client, "POST", "/api/account/two-factor/totp");
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/Open%20Bank%20Developers:/);
    expect(new URL(started.body.otpauth_uri).searchParams.get("secret")).toBe(started.body.secret);
    expect(started.body.qr_code).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await account(client)).two_factor.totp).toBe(false);

    const wrong = await call(client, "POST", "/api/account/two-factor/totp/confirm", { body: { code: codeAt(started.body.secret, 5) } });
    const problem = await expectProblem(wrong.response, 400, "validation_failed");
    expect(problem.errors[0]).toMatchObject({ pointer: "/body/code" });

    const confirmed = await call(client, "POST", "/api/account/two-factor/totp/confirm", { body: { code: codeAt(started.body.secret) } });
    expect(confirmed.status).toBe(200);
    const codes: string[] = confirmed.body.recovery_codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await account(client)).two_factor).toEqual({ totp: true, passkeys: 0, recovery_codes_left: 10 });

    await expectProblem((await call(client, "POST", "/api/account/two-factor/totp")).response, 409, "two_factor_already_enabled");
    const again = await call(client, "POST", "/api/account/two-factor/totp/confirm", { body: { code: codeAt(started.body.secret, 1) } });
    await expectProblem(again.response, 409, "two_factor_already_enabled");
    expect(await auditActions(await userIdOf(client))).toEqual(
      expect.arrayContaining(["account.two_factor_enabled", "account.recovery_codes_generated"]),
    );
  });

  it("asks for a code after the right password (only then), and signs in with it as password+totp", async () => {
    const developer = await withTotp("Paul Password");
    const browser = new PortalClient(portalUrl);
    expect((await browser.signInWith("credentials", { email: developer.email, password: "Wrong-Password-123" })).error).toBe(
      "CredentialsSignin",
    );
    expect((await browser.signInWith("credentials", { email: developer.email, password: developer.password })).error).toBe(
      "TwoFactorRequired:totp,recovery_code",
    );
    expect((await call(browser, "GET", "/api/account")).status).toBe(401);
    const signedIn = await browser.signInWith("credentials", {
      email: developer.email,
      password: developer.password,
      code: codeAt(developer.seed, 1),
    });
    expect(signedIn.error).toBeNull();
    expect((await currentSession(browser)).method).toBe("password+totp");
  });

  it("accepts a code once: a replay within its step is refused, at sign-in and at step-up", async () => {
    const developer = await withTotp("Rita Replay");
    const spent = developer.confirmCode; // the confirmation used it
    const browser = new PortalClient(portalUrl);
    expect((await browser.signInWith("credentials", { email: developer.email, password: developer.password, code: spent })).error).toBe(
      "TwoFactorInvalid",
    );
    await expectProblem(
      (await call(developer.client, "POST", "/api/account/step-up", { body: { code: spent } })).response,
      403,
      "step_up_failed",
    );

    const next = codeAt(developer.seed, 1);
    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { code: next } })).status).toBe(200);
    await expectProblem(
      (await call(developer.client, "POST", "/api/account/step-up", { body: { code: next } })).response,
      403,
      "step_up_failed",
    );
    const replayed = await browser.signInWith("credentials", { email: developer.email, password: developer.password, code: next });
    expect(replayed.error).toBe("TwoFactorInvalid");
  });

  it("refuses step-up by password once a second factor is on", async () => {
    const developer = await withTotp("Sam Stepup");
    const byPassword = await call(developer.client, "POST", "/api/account/step-up", { body: { password: developer.password } });
    await expectProblem(byPassword.response, 403, "step_up_failed");
    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { code: codeAt(developer.seed, 1) } })).status).toBe(200);
  });

  it("throttles wrong codes: per email and address, and per account from any address", async () => {
    const developer = await withTotp("Gus Guesser");
    const browser = new PortalClient(portalUrl);
    const attempt = (code: string, ip: string) =>
      browser.signInWith("credentials", { email: developer.email, password: developer.password, code }, { "x-forwarded-for": ip });
    // The account's own budget: 5 code guesses, whichever addresses they come from.
    for (let i = 0; i < 5; i++) expect((await attempt("000000", `198.51.100.${i + 1}`)).error).toBe("TwoFactorInvalid");
    expect((await attempt(codeAt(developer.seed, 1), "198.51.100.77")).error).toMatch(/^TooManyAttempts:\d+$/);

    // One address's budget for one email: the password step counts too.
    const other = await withTotp("Ida Address");
    const from = (code?: string) =>
      browser.signInWith(
        "credentials",
        { email: other.email, password: other.password, ...(code ? { code } : {}) },
        { "x-forwarded-for": "203.0.113.9" },
      );
    expect((await from()).error).toMatch(/^TwoFactorRequired:/);
    for (let i = 0; i < 4; i++) expect((await from("111111")).error).toBe("TwoFactorInvalid");
    expect((await from(codeAt(other.seed, 1))).error).toMatch(/^TooManyAttempts:\d+$/);
  });

  it("removing the app needs a recent proof of identity; afterwards the password alone signs in", async () => {
    const developer = await withTotp("Dora Disable");
    await ageSession(developer.email);
    await expectProblem((await call(developer.client, "DELETE", "/api/account/two-factor/totp")).response, 403, "step_up_required");
    expect((await account(developer.client)).two_factor.totp).toBe(true);

    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { code: codeAt(developer.seed, 1) } })).status).toBe(200);
    expect((await call(developer.client, "DELETE", "/api/account/two-factor/totp")).status).toBe(204);
    expect((await account(developer.client)).two_factor).toEqual({ totp: false, passkeys: 0, recovery_codes_left: 0 });
    await expectProblem((await call(developer.client, "DELETE", "/api/account/two-factor/totp")).response, 409, "two_factor_not_enabled");

    const browser = new PortalClient(portalUrl);
    expect((await browser.signInWith("credentials", { email: developer.email, password: developer.password })).error).toBeNull();
    expect((await currentSession(browser)).method).toBe("password");
    expect(await auditActions(await userIdOf(browser))).toContain("account.two_factor_disabled");
  });
});

describe("recovery codes", () => {
  it("each works once, at sign-in (password+recovery_code) and at step-up", async () => {
    const developer = await withTotp("Rory Recovery");
    const [first, second] = developer.recoveryCodes;
    const browser = new PortalClient(portalUrl);
    // Typed loosely (upper case, no dash): still the same code.
    const loose = first.toUpperCase().replace("-", "");
    expect(
      (await browser.signInWith("credentials", { email: developer.email, password: developer.password, code: loose })).error,
    ).toBeNull();
    expect((await currentSession(browser)).method).toBe("password+recovery_code");
    expect((await account(browser)).two_factor.recovery_codes_left).toBe(9);

    const again = new PortalClient(portalUrl);
    expect((await again.signInWith("credentials", { email: developer.email, password: developer.password, code: first })).error).toBe(
      "TwoFactorInvalid",
    );
    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { code: second } })).status).toBe(200);
    await expectProblem(
      (await call(developer.client, "POST", "/api/account/step-up", { body: { code: second } })).response,
      403,
      "step_up_failed",
    );
    expect((await account(developer.client)).two_factor.recovery_codes_left).toBe(8);
    const actions = await auditActions(await userIdOf(developer.client));
    expect(actions.filter((action) => action === "account.recovery_code_used")).toHaveLength(2);
  });

  it("spends a code once when it is used in parallel", async () => {
    const developer = await withTotp("Pat Parallel");
    const { email, password, recoveryCodes } = developer;
    // Three sign-ins race for one code: one gets in.
    const racers = [0, 1, 2].map(() => new PortalClient(portalUrl));
    const raced = await Promise.all(
      racers.map((browser) => browser.signInWith("credentials", { email, password, code: recoveryCodes[9] })),
    );
    expect(raced.map((result) => result.error).sort()).toEqual([null, "TwoFactorInvalid", "TwoFactorInvalid"].sort());

    // Three sessions race one code at step-up: one confirms.
    const sessions = [developer.client];
    for (const code of [recoveryCodes[1], recoveryCodes[2]]) {
      const browser = new PortalClient(portalUrl);
      expect((await browser.signInWith("credentials", { email, password, code })).error).toBeNull();
      sessions.push(browser);
    }
    const answers = await Promise.all(
      sessions.map((client) => call(client, "POST", "/api/account/step-up", { body: { code: recoveryCodes[0] } })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 403, 403]);
    expect((await account(developer.client)).two_factor.recovery_codes_left).toBe(6);
  });

  it("regenerating needs a recent proof of identity, and every earlier code stops working", async () => {
    const developer = await withTotp("Gina Generate");
    await ageSession(developer.email);
    await expectProblem((await call(developer.client, "POST", "/api/account/two-factor/recovery-codes")).response, 403, "step_up_required");
    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { code: codeAt(developer.seed, 1) } })).status).toBe(200);
    const fresh = await call(developer.client, "POST", "/api/account/two-factor/recovery-codes");
    expect(fresh.status).toBe(200);
    expect(fresh.body.recovery_codes).toHaveLength(10);
    expect(fresh.body.recovery_codes).not.toContain(developer.recoveryCodes[0]);

    const browser = new PortalClient(portalUrl);
    const old = await browser.signInWith("credentials", {
      email: developer.email,
      password: developer.password,
      code: developer.recoveryCodes[0],
    });
    expect(old.error).toBe("TwoFactorInvalid");
    const renewed = await browser.signInWith("credentials", {
      email: developer.email,
      password: developer.password,
      code: fresh.body.recovery_codes[0],
    });
    expect(renewed.error).toBeNull();
  });

  it("cannot be generated without a second factor", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl, "Nico Nofactor");
    await expectProblem((await call(client, "POST", "/api/account/two-factor/recovery-codes")).response, 409, "two_factor_not_enabled");
  });
});

describe("passkeys", () => {
  let developer: Developer;
  let authenticator: SoftAuthenticator;
  let passkeyId: string;

  beforeAll(async () => {
    developer = await PortalClient.newDeveloper(portalUrl, "Petra Passkey");
    ({
      authenticator,
      passkey: { id: passkeyId },
    } = await addPasskey(developer.client, "Petra's laptop"));
  });

  it("registers a discoverable passkey for this site, listed with its name and kind", async () => {
    const options = await call(developer.client, "POST", "/api/account/passkeys/registration-options");
    expect(options.body.options).toMatchObject({
      rp: { id: "localhost", name: "Open Bank Developers" },
      user: { name: developer.email, displayName: "Petra Passkey" },
      authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "preferred" },
      attestation: "none",
    });
    // The one it has is excluded: the authenticator will not make a second for this account.
    expect(options.body.options.excludeCredentials.map((credential: { id: string }) => credential.id)).toEqual([authenticator.id]);

    const list = await call(developer.client, "GET", "/api/account/passkeys");
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: passkeyId, name: "Petra's laptop", synced: false, transports: ["internal"], last_used_at: null }),
    ]);
    const renamed = await call(developer.client, "PATCH", "/api/account/passkeys/{passkeyId}", {
      path: `/api/account/passkeys/${passkeyId}`,
      body: { name: "  Work laptop " },
    });
    expect(renamed.body.name).toBe("Work laptop");
    const stranger = (await PortalClient.newDeveloper(portalUrl, "Stranger")).client;
    const theirs = await call(stranger, "PATCH", "/api/account/passkeys/{passkeyId}", {
      path: `/api/account/passkeys/${passkeyId}`,
      body: { name: "Mine" },
    });
    await expectProblem(theirs.response, 404, "resource_not_found");
    expect(await auditActions(await userIdOf(developer.client))).toEqual(
      expect.arrayContaining(["account.passkey_added", "account.passkey_renamed"]),
    );
    expect(await auditActions(await userIdOf(stranger))).not.toContain("account.passkey_renamed");
  });

  it("refuses a registration answered for another challenge, twice, or from another origin", async () => {
    const options = await call(developer.client, "POST", "/api/account/passkeys/registration-options");
    const other = new SoftAuthenticator("https://evil.example");
    const phished = await call(developer.client, "POST", "/api/account/passkeys", {
      body: { challenge_id: options.body.challenge_id, response: other.create(options.body.options), name: "Phished" },
    });
    await expectProblem(phished.response, 400, "passkey_not_verified");
    // The challenge was spent by that attempt.
    const reused = await call(developer.client, "POST", "/api/account/passkeys", {
      body: {
        challenge_id: options.body.challenge_id,
        response: new SoftAuthenticator(portalUrl).create(options.body.options),
        name: "Again",
      },
    });
    await expectProblem(reused.response, 400, "passkey_challenge_invalid");
  });

  it("signs in with the passkey alone, no password (method passkey); the challenge names no account", async () => {
    const answer = await passkeyAnswer(authenticator, "sign_in");
    expect(answer.options.allowCredentials).toBeUndefined();
    expect(answer.options.rpId).toBe("localhost");
    const browser = new PortalClient(portalUrl);
    const result = await browser.signInWith("passkey", {
      passkey: JSON.stringify({ challenge_id: answer.challenge_id, response: answer.response }),
    });
    expect(result.error).toBeNull();
    expect((await currentSession(browser)).method).toBe("passkey");
    const [listed] = (await call(browser, "GET", "/api/account/passkeys")).body.data;
    expect(listed.last_used_at).not.toBeNull();
  });

  it("uses a challenge once, and not after 5 minutes", async () => {
    const answer = await passkeyAnswer(authenticator, "sign_in");
    const field = JSON.stringify({ challenge_id: answer.challenge_id, response: answer.response });
    expect((await new PortalClient(portalUrl).signInWith("passkey", { passkey: field })).error).toBeNull();
    expect((await new PortalClient(portalUrl).signInWith("passkey", { passkey: field })).error).toBe("PasskeyFailed");

    const late = await passkeyAnswer(authenticator, "sign_in");
    await expireChallenge(late.challenge_id);
    const expired = await new PortalClient(portalUrl).signInWith("passkey", {
      passkey: JSON.stringify({ challenge_id: late.challenge_id, response: late.response }),
    });
    expect(expired.error).toBe("PasskeyFailed");
  });

  it("refuses an answer signed for another origin (phishing)", async () => {
    const challenge = await call(new PortalClient(portalUrl), "POST", "/api/account/passkeys/challenge", { body: { purpose: "sign_in" } });
    const response = authenticator.get(challenge.body.options, { origin: "https://portal-login.evil.example" });
    const result = await new PortalClient(portalUrl).signInWith("passkey", {
      passkey: JSON.stringify({ challenge_id: challenge.body.challenge_id, response }),
    });
    expect(result.error).toBe("PasskeyFailed");
  });

  it("is the second step after the password; a passkey without user verification works only there", async () => {
    const unverified = new SoftAuthenticator(portalUrl, { userVerified: false });
    const owner = await PortalClient.newDeveloper(portalUrl, "Uma Unverified");
    await addPasskey(owner.client, "Security key without PIN", unverified);

    const browser = new PortalClient(portalUrl);
    expect((await browser.signInWith("credentials", { email: owner.email, password: owner.password })).error).toBe(
      "TwoFactorRequired:passkey",
    );
    // Someone else's passkey does not finish this account's sign-in.
    const foreign = await passkeyAnswer(authenticator, "sign_in");
    const wrong = await browser.signInWith("credentials", {
      email: owner.email,
      password: owner.password,
      passkey: JSON.stringify(foreign),
    });
    expect(wrong.error).toBe("TwoFactorInvalid");

    const alone = await passkeyAnswer(unverified, "sign_in");
    expect((await browser.signInWith("passkey", { passkey: JSON.stringify(alone) })).error).toBe("PasskeyFailed");
    const second = await passkeyAnswer(unverified, "sign_in");
    expect(
      (await browser.signInWith("credentials", { email: owner.email, password: owner.password, passkey: JSON.stringify(second) })).error,
    ).toBeNull();
    expect((await currentSession(browser)).method).toBe("password+passkey");
  });

  it("confirms a step-up; the step-up challenge needs the session and lists only its passkeys", async () => {
    const anonymous = await call(new PortalClient(portalUrl), "POST", "/api/account/passkeys/challenge", { body: { purpose: "step_up" } });
    await expectProblem(anonymous.response, 401, "unauthenticated");
    const answer = await passkeyAnswer(authenticator, "step_up", developer.client);
    expect(answer.options.allowCredentials).toEqual([expect.objectContaining({ id: authenticator.id, type: "public-key" })]);

    await expectProblem(
      (await call(developer.client, "POST", "/api/account/step-up", { body: { password: developer.password } })).response,
      403,
      "step_up_failed",
    );
    const proof = { challenge_id: answer.challenge_id, response: answer.response };
    expect((await call(developer.client, "POST", "/api/account/step-up", { body: { passkey: proof } })).status).toBe(200);
    await expectProblem(
      (await call(developer.client, "POST", "/api/account/step-up", { body: { passkey: proof } })).response,
      403,
      "step_up_failed",
    );
    // A sign-in challenge is not a step-up's.
    const signInAnswer = await passkeyAnswer(authenticator, "sign_in");
    const crossed = await call(developer.client, "POST", "/api/account/step-up", {
      body: { passkey: { challenge_id: signInAnswer.challenge_id, response: signInAnswer.response } },
    });
    await expectProblem(crossed.response, 403, "step_up_failed");
  });

  it("adding and removing need a recent proof of identity; removing the last factor drops the recovery codes", async () => {
    const owner = await PortalClient.newDeveloper(portalUrl, "Remy Remove");
    const { authenticator: own, passkey } = await addPasskey(owner.client);
    const codes = await call(owner.client, "POST", "/api/account/two-factor/recovery-codes");
    expect(codes.status).toBe(200);
    expect((await account(owner.client)).two_factor).toEqual({ totp: false, passkeys: 1, recovery_codes_left: 10 });

    await ageSession(owner.email);
    const path = `/api/account/passkeys/${passkey.id}`;
    await expectProblem(
      (await call(owner.client, "DELETE", "/api/account/passkeys/{passkeyId}", { path })).response,
      403,
      "step_up_required",
    );
    await expectProblem((await call(owner.client, "POST", "/api/account/passkeys/registration-options")).response, 403, "step_up_required");

    const answer = await passkeyAnswer(own, "step_up", owner.client);
    expect((await call(owner.client, "POST", "/api/account/step-up", { body: { passkey: answer } })).status).toBe(200);
    await expectProblem(
      (await call(owner.client, "DELETE", "/api/account/passkeys/{passkeyId}", { path: `/api/account/passkeys/${passkeyId}` })).response,
      404,
      "resource_not_found",
    );
    expect((await call(owner.client, "DELETE", "/api/account/passkeys/{passkeyId}", { path })).status).toBe(204);
    expect((await account(owner.client)).two_factor).toEqual({ totp: false, passkeys: 0, recovery_codes_left: 0 });
    expect(await auditActions(await userIdOf(owner.client))).toContain("account.passkey_removed");

    const gone = await passkeyAnswer(own, "sign_in");
    expect((await new PortalClient(portalUrl).signInWith("passkey", { passkey: JSON.stringify(gone) })).error).toBe("PasskeyFailed");
  });
});
