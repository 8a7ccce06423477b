import { createHash, createPrivateKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { CREDENTIAL_FORMATS, credentialFormatOf, credentialPattern } from "@openbank/contracts/credential-formats";
import { deriveMessageSigningJwk } from "@openbank/contracts/message-signing";
import { Secret, TOTP } from "otpauth";
import { beforeAll, expect, inject, it } from "vitest";
import { PortalClient } from "../support/portal-client";
import { Issuer } from "openid-client";
import { BankBrowser, field } from "../support/bank-browser";
import { dpopKey, FAPI_REDIRECT, fapiApp, fapiAuthorize, registerWithStatement } from "../support/fapi-client";
import { linkIn } from "../support/mailbox";
import { suiteMailbox } from "../support/suite-mailbox";
import { pollDevice, startDevice, waitInterval } from "../support/device-grant";
import { createTeam, inviteLinkFor, tokenOf } from "../support/teams";
import { signDetached, tppSigningKey } from "../support/uk-message-signing";
import { signTppRequest } from "../../lib/gateway/tpp-signature/sign-tpp-request";
import { dumpDatabase, encodings, type TableDump } from "./support/database-dump";
import { call } from "./support/sandbox-fixtures";

/**
 * Secrets at rest: real flows create every kind of secret the system hands out or receives
 * (passwords, session cookie, API keys, read-only and rolled keys, personal access tokens, the device grant's
 * device and user codes (delivered, denied, pending), OAuth client secret,
 * authorization code, access and refresh tokens (issued and rotated, and minted), webhook
 * signing secrets (issued and rotated), invitation tokens, the links of account emails: email
 * verification, address change and password reset, used and pending; TOTP seeds (pending,
 * enabled, removed) and recovery codes (unused, spent, replaced)); the open-banking standards'
 * (client-credentials tokens, basic and DPoP-bound; UK message signing: the TPP's private key and the
 * bank's, derived from the internal secret; the connected-apps link's signature; a Berlin Group PSU's
 * password and one-time passwords relayed in EMBEDDED SCA, right and wrong); then a logical dump of
 * both databases must contain none of them, plainly or base64 / hex encoded, and nothing shaped like
 * any credential format of @openbank/contracts/credential-formats (the walk must make one of each
 * issued format: a new format in that list is searched for here).
 */

const portalUrl = inject("portalUrl");
const portalDatabaseUrl = inject("portalDatabaseUrl");
const bankDatabaseUrl = inject("bankDatabaseUrl");
const internalSecret = inject("internalSecret");
const REDIRECT = "http://localhost:8080/callback";

/**
 * The dev outbox stands in for a recipient's mailbox (DEV_OUTBOX, never in production): its mail
 * must hold the link. The suites send over SMTP, so it stays empty here.
 */
const MAILBOX_TABLES = new Set(["OutboxMail"]);

const secrets: { kind: string; value: string }[] = [];
const remember = (kind: string, value: unknown) => {
  expect(typeof value, kind).toBe("string");
  secrets.push({ kind, value: value as string });
};

/**
 * Values too common to search for alone (the sandbox's documented OTP is 123456): found only next to
 * the field that carries them, as a stored JSON body would hold them (quotes escaped or not).
 */
const secretFields: { kind: string; field: string; value: string }[] = [];
const fieldPattern = ({ field, value }: { field: string; value: string }) => new RegExp(`${field}\\\\?"\\s*:\\s*\\\\?"${value}`);

/** An RSA private key as it could be stored: its JWK members, the private exponent in hex, a line of its PEM. */
function rememberRsaPrivateKey(kind: string, key: KeyObject) {
  const jwk = key.export({ format: "jwk" }) as Record<string, string>;
  for (const member of ["d", "p", "q", "dp", "dq", "qi"]) remember(`${kind} (${member})`, jwk[member]);
  remember(`${kind} (d, hex)`, Buffer.from(jwk.d, "base64url").toString("hex"));
  const pem = String(key.export({ type: "pkcs8", format: "pem" })).split("\n");
  remember(`${kind} (a PEM line)`, pem[Math.floor(pem.length / 2)]);
}

/** The customer's walk through the bank's login and consent pages (as a browser, on the portal origin). */
async function authorizationCode(clientId: string) {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const query = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: "accounts:read transactions:read",
    state: "st-secrets",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  // The personas' passwords are public sandbox values (documented), not secrets.
  const walk = await new BankBrowser(portalUrl).authorize(`/oauth/authorize?${query}`);
  expect(walk.loginPage.status).toBe(200);
  return { code: walk.code!, verifier };
}

function tokenRequest(params: Record<string, string>, clientId: string, clientSecret: string) {
  return fetch(`${portalUrl}/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    },
    body: new URLSearchParams(params),
  });
}

let dumps: TableDump[] = [];
/** A value the portal does store plainly (the owner's address), for the search's own check. */
let storedPlainly = "";

beforeAll(async () => {
  // A developer: password and the session cookie of their sign-in.
  const owner = await PortalClient.newDeveloper(portalUrl, "Sally Secret", { verified: true });
  storedPlainly = owner.email;
  remember("user password", owner.password);
  const session = owner.client.cookieHeader.split("; ").find((c) => c.includes("next-auth.session-token="))!;
  remember("session token", session.slice(session.indexOf("=") + 1));

  // API keys: the first key, a read-only key, a rolled key (old and new), a revoked key.
  const created = await owner.client.createApp("Secret app");
  const appId = created.app.id;
  remember("API key", created.secret);
  const readOnly = await owner.client.json("POST", `/api/apps/${appId}/keys`, { name: "ro", scope: "read_only" });
  remember("read-only API key", readOnly.body.secret);
  const rolled = await owner.client.json("POST", `/api/apps/${appId}/keys/${readOnly.body.key.id}/roll`, { overlap_seconds: 3600 });
  remember("rolled API key", rolled.body.secret);
  const doomed = await owner.client.json("POST", `/api/apps/${appId}/keys`, { name: "doomed" });
  remember("revoked API key", doomed.body.secret);
  await owner.client.request("DELETE", `/api/apps/${appId}/keys/${doomed.body.key.id}`);
  // Use the keys so their last-used rows and request logs exist too.
  expect((await call(portalUrl, created.secret, "GET", "/v1/accounts")).status).toBe(200);
  expect((await call(portalUrl, rolled.body.secret, "GET", "/v1/accounts")).status).toBe(200);

  // Personal access tokens (issue 18): one used on the portal API (its last use is written), one revoked.
  const pat = await owner.client.json("POST", "/api/account/tokens", { name: "CLI", scope: "write", expires_in_days: 7 });
  expect(pat.status).toBe(201);
  remember("personal access token", pat.body.secret);
  const patCall = await fetch(`${portalUrl}/api/apps`, { headers: { authorization: `Bearer ${pat.body.secret}` } });
  expect(patCall.status).toBe(200);
  const revokedPat = await owner.client.json("POST", "/api/account/tokens", { name: "old CLI", scope: "read", expires_in_days: 30 });
  remember("revoked personal access token", revokedPat.body.secret);
  expect((await owner.client.request("DELETE", `/api/account/tokens/${revokedPat.body.token.id}`)).status).toBe(204);

  // The device grant (issue 18, `openbank login`): a code approved and picked up (its token too, then
  // used), a code denied, and one still pending; device and user codes, as typed and as shown.
  const delivered = (await startDevice(portalUrl)).body;
  remember("device code (delivered)", delivered.device_code);
  remember("user code (delivered)", delivered.user_code);
  remember("user code (delivered, as stored before hashing)", delivered.user_code.replace("-", ""));
  expect((await owner.client.request("POST", "/api/device/approve", { user_code: delivered.user_code, scope: "write" })).status).toBe(204);
  await waitInterval();
  const deviceToken = await pollDevice(portalUrl, delivered.device_code);
  expect(deviceToken.status).toBe(200);
  remember("personal access token (device grant)", deviceToken.body.access_token);
  expect((await fetch(`${portalUrl}/api/whoami`, { headers: { authorization: `Bearer ${deviceToken.body.access_token}` } })).status).toBe(
    200,
  );
  const denied = (await startDevice(portalUrl)).body;
  remember("device code (denied)", denied.device_code);
  expect((await owner.client.request("POST", "/api/device/deny", { user_code: denied.user_code })).status).toBe(204);
  expect((await pollDevice(portalUrl, denied.device_code)).body.error).toBe("access_denied");
  const waiting = (await startDevice(portalUrl)).body;
  remember("device code (pending)", waiting.device_code);
  remember("user code (pending)", waiting.user_code.replace("-", ""));
  expect((await pollDevice(portalUrl, waiting.device_code)).body.error).toBe("authorization_pending");

  // OAuth: client secret (issued, then rotated), code, access and refresh tokens, a rotated refresh token.
  const client = await owner.client.json("GET", `/api/apps/${appId}/oauth-client`);
  const clientId = client.body.client_id as string;
  const first = await owner.client.json("POST", `/api/apps/${appId}/oauth-client/secret`);
  remember("OAuth client secret (rotated away)", first.body.client_secret);
  const clientSecret = (await owner.client.json("POST", `/api/apps/${appId}/oauth-client/secret`)).body.client_secret;
  remember("OAuth client secret", clientSecret);
  const { code, verifier } = await authorizationCode(clientId);
  remember("authorization code", code);
  remember("PKCE verifier", verifier);
  const issued = await tokenRequest(
    { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
    clientId,
    clientSecret,
  );
  expect(issued.status).toBe(200);
  const tokens = await issued.json();
  remember("access token", tokens.access_token);
  remember("refresh token (rotated away)", tokens.refresh_token);
  expect((await call(portalUrl, tokens.access_token, "GET", "/v1/accounts")).status).toBe(200);
  const refreshed = await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, clientId, clientSecret);
  expect(refreshed.status).toBe(200);
  const rotatedTokens = await refreshed.json();
  remember("access token (refreshed)", rotatedTokens.access_token);
  remember("refresh token", rotatedTokens.refresh_token);
  const minted = await call(portalUrl, created.secret, "POST", "/v1/sandbox/consents", {
    persona: "small_business",
    permissions: ["accounts:read"],
  });
  expect(minted.status).toBe(201);
  remember("minted access token", minted.body.access_token);
  remember("minted refresh token", minted.body.refresh_token);
  // A snapshot and an export of the sandbox now holding those consents: neither may carry a credential.
  expect((await call(portalUrl, created.secret, "POST", "/v1/sandbox/snapshots", { name: "secrets-at-rest" })).status).toBe(201);

  // FAPI 2.0: the private halves of a registered key and of a DPoP key, DPoP-bound tokens, and a
  // client registered with a software statement (its registration access token).
  const issuer = await Issuer.discover(portalUrl);
  const fapi = await fapiApp(issuer, owner.client, "Secrets FAPI");
  remember("private signing key (d)", fapi.signing.privateJwk.d);
  const dpop = dpopKey();
  remember("DPoP private key (d)", (dpop.export({ format: "jwk" }) as { d: string }).d);
  const { params, checks } = await fapiAuthorize(portalUrl, fapi.client);
  remember("FAPI authorization code", params.code);
  const bound = await fapi.client.callback(FAPI_REDIRECT, params, checks, { DPoP: dpop });
  remember("DPoP-bound access token", bound.access_token);
  remember("DPoP-bound refresh token", bound.refresh_token);
  expect((await fapi.client.requestResource(`${portalUrl}/v1/accounts`, bound.access_token!, { DPoP: dpop })).statusCode).toBe(200);
  const registered = await registerWithStatement(issuer, owner.client, fapi.appId, fapi.signing);
  remember("registration access token", registered.metadata.registration_access_token);

  // The standards. Client-credentials tokens (the app's own, which create the standards' consents):
  // a basic client's bearer token and a FAPI client's DPoP-bound one, each used once.
  const appToken = await tokenRequest({ grant_type: "client_credentials", scope: "accounts" }, clientId, clientSecret);
  expect(appToken.status).toBe(200);
  const clientCredentials = (await appToken.json()).access_token;
  remember("client-credentials token", clientCredentials);
  const ukConsent = await call(
    portalUrl,
    clientCredentials,
    "POST",
    "/open-banking/v4.0/aisp/account-access-consents",
    { Data: { Permissions: ["ReadAccountsBasic"] }, Risk: {} },
    { "x-fapi-interaction-id": randomUUID() },
  );
  expect(ukConsent.status, ukConsent.text).toBe(201);
  const fapiToken = await fapi.client.grant({ grant_type: "client_credentials", scope: "accounts" }, { DPoP: dpop });
  remember("client-credentials token (DPoP-bound)", fapiToken.access_token);
  const fapiConsent = await fapi.client.requestResource(
    `${portalUrl}/open-banking/v4.0/aisp/account-access-consents`,
    fapiToken.access_token!,
    {
      DPoP: dpop,
      method: "POST",
      headers: { "content-type": "application/json", "x-fapi-interaction-id": randomUUID() },
      body: JSON.stringify({ Data: { Permissions: ["ReadAccountsBasic"] }, Risk: {} }),
    },
  );
  expect(fapiConsent.statusCode, String(fapiConsent.body)).toBe(201);

  // UK message signing: an app that signs its payment requests with its RSA key (the portal gets the
  // public half only), and the bank's signing key, which both processes derive from the internal secret.
  remember("internal secret", internalSecret);
  rememberRsaPrivateKey("bank's message-signing key", createPrivateKey({ key: deriveMessageSigningJwk(internalSecret), format: "jwk" }));
  const tpp = tppSigningKey("secrets-at-rest-rsa");
  rememberRsaPrivateKey("TPP's message-signing key", tpp.privateKey);
  const signing = await owner.client.json("PUT", `/api/apps/${appId}/oauth-client/settings`, {
    profile: "basic",
    token_endpoint_auth_method: "client_secret_basic",
    jwks: { keys: [tpp.publicJwk] },
    message_signing: true,
  });
  expect(signing.status, JSON.stringify(signing.body)).toBe(200);
  const payment = JSON.stringify({
    Data: { Initiation: { InstructionIdentification: "SECRETS1", InstructedAmount: { Amount: "15.00", Currency: "GBP" } } },
    Risk: {},
  });
  const signed = await call(portalUrl, created.secret, "POST", "/open-banking/v4.0/pisp/domestic-payment-consents", JSON.parse(payment), {
    "x-jws-signature": await signDetached(
      payment,
      { privateKey: tpp.privateKey, kid: "secrets-at-rest-rsa" },
      { iss: clientId, tan: new URL(portalUrl).hostname },
    ),
    "x-idempotency-key": randomUUID(),
  });
  // Past the gateway's signature check (the bank's answer to a key, not a token, is its own business).
  expect(signed.text).not.toMatch(/U01[5-9]/);
  expect(signed.response.headers.get("x-jws-signature")).toBeTruthy();

  // A Berlin Group test certificate with a key the portal generates: the private key is in the answer
  // once, never stored; one consent request signed with it passes the gateway's check.
  const certificate = await owner.client.json("POST", `/api/apps/${appId}/tpp-certificate`, {});
  expect(certificate.status, JSON.stringify(certificate.body)).toBe(201);
  rememberRsaPrivateKey("TPP test certificate's private key", createPrivateKey(certificate.body.private_key));
  const consentBody = JSON.stringify({
    access: { allPsd2: "allAccounts" },
    recurringIndicator: false,
    validUntil: "2099-12-31",
    frequencyPerDay: 1,
    combinedServiceIndicator: false,
  });
  const bgHeaders = { "x-request-id": randomUUID(), "psu-ip-address": "192.0.2.10", "tpp-decoupled-preferred": "true" };
  const signedConsent = await call(
    portalUrl,
    created.secret,
    "POST",
    "/berlin-group/v1/consents",
    JSON.parse(consentBody),
    signTppRequest({
      certificatePem: certificate.body.certificate.certificate_pem,
      privateKeyPem: certificate.body.private_key,
      headers: bgHeaders,
      body: consentBody,
    }),
  );
  expect(signedConsent.status, signedConsent.text).toBe(201);
  expect((await owner.client.request("DELETE", `/api/apps/${appId}/tpp-certificate`)).status).toBe(200);

  // The customer's connected-apps page: the signed link the portal hands out (a capability while it
  // lasts), opened, and a customer signed in with it.
  const link = await owner.client.json("POST", `/api/apps/${appId}/connected-apps-link`);
  expect(link.status).toBe(200);
  remember("connected-apps link signature", new URL(link.body.url).searchParams.get("sig"));
  const customer = new BankBrowser(portalUrl);
  const loginPage = await customer.go(link.body.url);
  expect(loginPage.html).toContain('name="sig"');
  const signedIn = await customer.go("/oauth/connected-apps/login", {
    method: "POST",
    form: new URLSearchParams({
      ...Object.fromEntries(["tenant", "app", "exp", "sig", "csrf_token"].map((name) => [name, field(loginPage.html, name)])),
      username: "user_good_credit",
      password: "pass_good_credit",
    }),
  });
  expect(signedIn.response.status).toBe(200);

  // Berlin Group EMBEDDED SCA: the TPP relays the PSU's password and one-time password, a wrong one of
  // each first (a typo is as secret as the real thing).
  const bg = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(portalUrl, created.secret, method, `/berlin-group/v1${path}`, body, { "x-request-id": randomUUID(), ...headers });
  const psu = { "psu-id": "user_good_credit", "psu-ip-address": "192.0.2.10", "tpp-redirect-preferred": "false" };
  const bgConsent = await bg(
    "POST",
    "/consents",
    {
      access: { allPsd2: "allAccounts" },
      recurringIndicator: false,
      validUntil: "2099-01-01",
      frequencyPerDay: 1,
      combinedServiceIndicator: false,
    },
    psu,
  );
  expect(bgConsent.status, bgConsent.text).toBe(201);
  const scaStatus = (bgConsent.body._links.scaStatus.href as string).replace("/berlin-group/v1", "");
  const wrongPassword = `Typo-${randomBytes(8).toString("hex")}`;
  remember("EMBEDDED PSU password (wrong)", wrongPassword);
  expect((await bg("PUT", scaStatus, { psuData: { password: wrongPassword } }, psu)).status).toBe(401);
  remember("EMBEDDED PSU password", "pass_good_credit");
  expect((await bg("PUT", scaStatus, { psuData: { password: "pass_good_credit" } }, psu)).status).toBe(200);
  expect((await bg("PUT", scaStatus, { authenticationMethodId: "sms-otp" })).status).toBe(200);
  const wrongOtp = randomBytes(6).toString("hex");
  remember("EMBEDDED one-time password (wrong)", wrongOtp);
  expect((await bg("PUT", scaStatus, { scaAuthenticationData: wrongOtp })).status).toBe(400);
  secretFields.push({ kind: "EMBEDDED one-time password", field: "scaAuthenticationData", value: "123456" });
  const finalised = await bg("PUT", scaStatus, { scaAuthenticationData: "123456" });
  expect(finalised.body.scaStatus, finalised.text).toBe("finalised");

  // Webhooks: a signing secret, then its rotation (both sign for a while).
  const endpoint = await owner.client.json("POST", `/api/apps/${appId}/webhooks`, {
    url: "http://127.0.0.1:9/hooks",
    description: "Secrets at rest",
  });
  expect(endpoint.status).toBe(201);
  remember("webhook signing secret", endpoint.body.secret);
  const rotatedSecret = await owner.client.json("POST", `/api/apps/${appId}/webhooks/${endpoint.body.endpoint.id}/rotate-secret`);
  remember("webhook signing secret (rotated)", rotatedSecret.body.secret);

  // Invitations: a token accepted by an existing developer, one used to sign up, one left pending.
  const team = await createTeam(owner.client, "Secret team");
  const member = await PortalClient.newDeveloper(portalUrl, "Member");
  remember("member password", member.password);
  await owner.client.json("POST", `/api/teams/${team}/invites`, { email: member.email, role: "developer" });
  const accepted = tokenOf(await inviteLinkFor(portalUrl, member.email));
  remember("invitation token (accepted)", accepted);
  expect((await member.client.json("POST", "/api/invites/accept", { token: accepted })).status).toBe(200);
  const newcomer = `new-${randomBytes(4).toString("hex")}@example.com`;
  await owner.client.json("POST", `/api/teams/${team}/invites`, { email: newcomer, role: "viewer" });
  const signupToken = tokenOf(await inviteLinkFor(portalUrl, newcomer));
  remember("invitation token (sign-up)", signupToken);
  const newcomerPassword = `Invited-${randomBytes(8).toString("hex")}`;
  remember("invited user's password", newcomerPassword);
  const signup = await new PortalClient(portalUrl).json("POST", "/api/invites/signup", {
    token: signupToken,
    name: "New Comer",
    password: newcomerPassword,
  });
  expect(signup.status, JSON.stringify(signup.body)).toBeLessThan(300);
  const pending = `pending-${randomBytes(4).toString("hex")}@example.com`;
  await owner.client.json("POST", `/api/teams/${team}/invites`, { email: pending, role: "viewer" });
  remember("invitation token (pending)", tokenOf(await inviteLinkFor(portalUrl, pending)));

  // Account links. The owner's verification link was used by newDeveloper; this one stays pending.
  const mailbox = suiteMailbox();
  const verifyToken = async (email: string) =>
    tokenOf(linkIn(await mailbox.next({ to: email, subject: "Verify your email" }), "/verify-email/"));
  remember("email verification token (used)", await verifyToken(owner.email));
  const unverified = await PortalClient.newDeveloper(portalUrl, "Unverified");
  remember("email verification token (pending)", await verifyToken(unverified.email));
  // An address change waiting for its link (the sign-in a moment ago is the step-up).
  const newAddress = `moved-${randomBytes(4).toString("hex")}@example.com`;
  expect((await unverified.client.json("POST", "/api/account/email", { email: newAddress })).status).toBe(202);
  remember(
    "email change token (pending)",
    tokenOf(linkIn(await mailbox.next({ to: newAddress, subject: "Confirm your new" }), "/verify-email/")),
  );
  // Password reset: one link used (with the new password it set), one left pending.
  const resetToken = async (email: string) => {
    const mark = mailbox.mark();
    expect((await new PortalClient(portalUrl).json("POST", "/api/account/password/forgot", { email })).status).toBe(202);
    return tokenOf(linkIn(await mailbox.next({ to: email, subject: "Reset your" }, { after: mark }), "/reset-password/"));
  };
  const usedReset = await resetToken(member.email);
  remember("password reset token (used)", usedReset);
  const resetPassword = `Reset-${randomBytes(8).toString("hex")}-pw`;
  remember("password set by a reset", resetPassword);
  const reset = await new PortalClient(portalUrl).json("POST", "/api/account/password/reset", {
    token: usedReset,
    password: resetPassword,
  });
  expect(reset.status, JSON.stringify(reset.body)).toBe(200);
  remember("password reset token (pending)", await resetToken(unverified.email));

  // Two-factor: a TOTP seed (pending, then enabled), its recovery codes (one spent at sign-in, one at
  // step-up, then all replaced), and a seed that was removed again.
  const guarded = await PortalClient.newDeveloper(portalUrl, "Tina Totp");
  remember("two-factor user's password", guarded.password);
  const enrolment = await guarded.client.json("POST", "/api/account/two-factor/totp");
  expect(enrolment.status).toBe(200);
  const seed = enrolment.body.secret as string;
  remember("TOTP seed (base32)", seed);
  const seedBytes = Buffer.from(Secret.fromBase32(seed).bytes);
  remember("TOTP seed (raw bytes, hex)", seedBytes.toString("hex"));
  remember("TOTP seed (raw bytes, base64)", seedBytes.toString("base64"));
  const totp = new TOTP({ secret: Secret.fromBase32(seed) });
  const confirmed = await guarded.client.json("POST", "/api/account/two-factor/totp/confirm", { code: totp.generate() });
  expect(confirmed.status).toBe(200);
  const recoveryCodes = confirmed.body.recovery_codes as string[];
  recoveryCodes.forEach((code) => remember("recovery code", code));
  expect(
    (
      await new PortalClient(portalUrl).signInWith("credentials", {
        email: guarded.email,
        password: guarded.password,
        code: recoveryCodes[0],
      })
    ).error,
  ).toBeNull();
  expect((await guarded.client.json("POST", "/api/account/step-up", { code: recoveryCodes[1] })).status).toBe(200);
  const regenerated = await guarded.client.json("POST", "/api/account/two-factor/recovery-codes");
  expect(regenerated.status).toBe(200);
  (regenerated.body.recovery_codes as string[]).forEach((code) => remember("recovery code (regenerated)", code));
  const quitter = await PortalClient.newDeveloper(portalUrl, "Quinn Quit");
  const abandoned = await quitter.client.json("POST", "/api/account/two-factor/totp");
  remember("TOTP seed (removed)", abandoned.body.secret);
  const quitCodes = await quitter.client.json("POST", "/api/account/two-factor/totp/confirm", {
    code: new TOTP({ secret: Secret.fromBase32(abandoned.body.secret) }).generate(),
  });
  remember("recovery code (of a removed authenticator)", quitCodes.body.recovery_codes[0]);
  expect((await quitter.client.request("DELETE", "/api/account/two-factor/totp")).status).toBe(204);

  // Writes behind the response (request logs, last-used) land within a few hundred ms.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  dumps = [...(await dumpDatabase(portalDatabaseUrl, "portal"))];
  if (bankDatabaseUrl !== portalDatabaseUrl) dumps.push(...(await dumpDatabase(bankDatabaseUrl, "bank")));
});

it("stores no secret plainly (nor base64 / hex encoded) in either database", () => {
  const searched = dumps.filter((dump) => !MAILBOX_TABLES.has(dump.table));
  const rows = searched.reduce((sum, dump) => sum + dump.rows, 0);
  const bytes = searched.reduce((sum, dump) => sum + dump.text.length, 0);
  const found: string[] = [];
  for (const secret of secrets) {
    for (const form of encodings(secret.value)) {
      for (const dump of searched)
        if (dump.text.includes(form))
          found.push(`${secret.kind} in ${dump.database}.${dump.table}${form === secret.value ? "" : " (encoded)"}`);
    }
  }
  for (const secret of secretFields)
    for (const dump of searched) if (fieldPattern(secret).test(dump.text)) found.push(`${secret.kind} in ${dump.database}.${dump.table}`);
  const databases = [...new Set(searched.map((d) => d.database))].join(" + ");
  console.log(
    `[reliability] secrets at rest: ${secrets.length + secretFields.length} secrets of ${new Set([...secrets, ...secretFields].map((s) => s.kind)).size} kinds × 6-7 encodings searched in ${searched.length} tables (${databases}), ${rows} rows, ${(bytes / 1024).toFixed(0)} KiB; found ${found.length}`,
  );
  expect(found).toEqual([]);
  expect(rows).toBeGreaterThan(100);
});

it("creates a credential of every format the platform issues (@openbank/contracts/credential-formats)", () => {
  // A format added to the list is searched for here from then on: its flow must be walked above.
  const made = new Set(secrets.map((secret) => credentialFormatOf(secret.value)?.kind).filter(Boolean));
  const issued = CREDENTIAL_FORMATS.filter((format) => format.status === "issued").map((format) => format.kind);
  expect(issued.filter((kind) => !made.has(kind))).toEqual([]);
});

it("stores nothing shaped like any of the platform's credential formats, whoever made it, in either database", () => {
  // Beyond the values this walk remembered: a credential of any listed format, stored anywhere in
  // clear (display prefixes such as "sk_sandbox_AbCd…wxyz" and masked "oat_[REDACTED]" do not match).
  const found: string[] = [];
  for (const dump of dumps.filter((candidate) => !MAILBOX_TABLES.has(candidate.table)))
    for (const match of dump.text.matchAll(credentialPattern()))
      found.push(`${credentialFormatOf(match[0])?.kind} in ${dump.database}.${dump.table}: ${match[0].slice(0, 14)}…`);
  expect(found).toEqual([]);
});

it("would notice a credential of every format stored in clear", () => {
  for (const format of CREDENTIAL_FORMATS) {
    const stored = JSON.stringify({ note: `${format.prefix}${"Zq8Wm3Xv7Tn2Kp5Rs9Ly4Hb6Jd1Fc0Ga".repeat(2).slice(0, format.length)}` });
    expect(
      [...stored.matchAll(credentialPattern())].map((match) => credentialFormatOf(match[0])?.kind),
      format.kind,
    ).toEqual([format.kind]);
  }
});

it("would notice a one-time password stored next to its field, escaped in a JSON column or not", () => {
  const secret = { field: "scaAuthenticationData", value: "123456" };
  expect(fieldPattern(secret).test(JSON.stringify({ scaAuthenticationData: "123456" }))).toBe(true);
  expect(fieldPattern(secret).test(JSON.stringify(JSON.stringify({ scaAuthenticationData: "123456" }, null, 2)))).toBe(true);
  expect(fieldPattern(secret).test(JSON.stringify({ scaAuthenticationData: "[REDACTED]", amount: "123456" }))).toBe(false);
});

it("would notice a value stored plainly (the owner's address, in User)", () => {
  // The suites' mail now goes to an SMTP sink, not the OutboxMail table, so the invitation links
  // are no longer there to be found: a value the portal does keep in clear shows the search works.
  const found = dumps.filter((dump) => encodings(storedPlainly).some((form) => dump.text.includes(form))).map((dump) => dump.table);
  expect(found).toContain("User");
});
