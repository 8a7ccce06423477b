import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServices } from "../../scripts/test-services.mjs";
import { freePorts } from "../support/free-ports";
import { Mailbox } from "../support/mailbox";
import { eventually, PortalClient, sandbox } from "../support/portal-client";

/**
 * Issue 21, finding 1: whose address is the client's. The penetration test locked an account,
 * then went on guessing (and finally signed in) by sending a different `X-Forwarded-For` each
 * time; the spoofed value also landed in the audit log and a key's `last_used_ip`.
 *
 * - A portal started with TRUSTED_PROXIES unset (the production default): every forwarding
 *   header, and the internal one, is the client's own writing and is ignored. Distinct clients
 *   are real distinct sockets here: the requests bind their own loopback source address
 *   (127.0.5.2, 127.0.6.2, …), which the kernel reports as the peer.
 * - The suite's portal (TRUSTED_PROXIES=loopback: the test stands where nginx would): the
 *   forwarded address is believed, per-address windows are separate, and the per-account
 *   ceiling still stops a guesser who rotates addresses.
 */

const SPOOFED = () => ({
  "x-forwarded-for": `6.6.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
  "x-real-ip": "7.7.7.7",
  "x-openbank-client-ip": `8.8.${randomBytes(1)[0]}.1`,
});
const LOOPBACK = ["127.0.0.1", "::1"];

/** A JSON POST over a socket bound to `localAddress` (a client of its own), with extra headers. */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; body: string; retryAfter: string | undefined }>((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        path: target.pathname,
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), origin: target.origin, ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode!, body: text, retryAfter: response.headers["retry-after"] as string | undefined }),
        );
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

describe("with no trusted proxy (TRUSTED_PROXIES unset): forwarding headers are the client's and ignored", { timeout: 120_000 }, () => {
  let services: Awaited<ReturnType<typeof startServices>>;
  let url: string;

  beforeAll(async () => {
    const ports = await freePorts();
    services = await startServices({
      portalPort: ports.portal,
      bankPort: ports.bank,
      name: "trusted-proxies",
      env: {
        TRUSTED_PROXIES: "",
        SIGN_IN_MAX_ATTEMPTS: "3",
        SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT: "100",
        SIGN_UP_MAX_PER_ADDRESS: "4",
        SIGN_UP_MAX_PER_NETWORK: "6",
      },
    });
    url = services.portalUrl;
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
  });

  it("the sign-in throttle holds when every guess names another address, and the right password waits too", async () => {
    const { email, password } = await PortalClient.newDeveloper(url, "Locked Out");
    const errors: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      errors.push((await new PortalClient(url).signInWith("credentials", { email, password: `Wrong-${i}-guess` }, SPOOFED())).error);
    }
    expect(errors.slice(0, 3)).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin"]);
    for (const error of errors.slice(3)) expect(error).toMatch(/^TooManyAttempts:\d+$/);
    expect((await new PortalClient(url).signInWith("credentials", { email, password }, SPOOFED())).error).toMatch(/^TooManyAttempts:/);
  });

  it("the audit log and a key's last_used_ip record the socket's address, not the spoofed one", async () => {
    const mailbox = new Mailbox(services.mailDir);
    const { client } = await PortalClient.newDeveloper(url, "Audrey Spoofer", { verified: true, mailbox });
    const created = await client.request("POST", "/api/teams", { name: "Spoofed team" }, SPOOFED());
    expect(created.status).toBe(201);
    const team = (await created.json()).id as string;
    const audit = await client.json("GET", `/api/teams/${team}/audit?limit=100`);
    expect(audit.status).toBe(200);
    const rows = audit.body.data as Array<{ action: string; ip: string }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(LOOPBACK, row.action).toContain(row.ip);

    const { app } = await client.createApp("Spoofed app");
    const key = await client.json("POST", `/api/apps/${app.id}/keys`, { name: "Spoofed key" });
    expect(key.status).toBe(201);
    // Through the gateway's fast path (not Next.js): the same resolver decides.
    const call = await sandbox(url, key.body.secret, "/v1/accounts?limit=1", { headers: SPOOFED() });
    expect(call.status).toBe(200);
    const used = await eventually(async () => {
      const { body } = await client.json("GET", `/api/apps/${app.id}/keys`);
      return (body.data as Array<{ id: string; last_used_ip: string | null }>).find(
        (row) => row.id === key.body.key.id && row.last_used_ip,
      );
    }, 8_000);
    expect(LOOPBACK).toContain(used.last_used_ip);
  });

  it("sign-up is limited per client address and per network (/24), new and taken addresses alike, whatever the headers say", async () => {
    const signUp = (from: string, email = `limit-${randomBytes(5).toString("hex")}@example.com`) =>
      postFrom(from, `${url}/api/signup`, { name: "Lim It", email, password: `Limit-${randomBytes(6).toString("hex")}-pw` }, SPOOFED());
    const taken = `taken-${randomBytes(5).toString("hex")}@example.com`;

    // 127.0.5.2: its four, one of them a taken address, then 429.
    const first = [
      await signUp("127.0.5.2", taken),
      await signUp("127.0.5.2", taken),
      await signUp("127.0.5.2"),
      await signUp("127.0.5.2"),
    ];
    expect(first.map((answer) => answer.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(first.map((answer) => answer.body))).toEqual(new Set(['{"accepted":true}']));
    const refused = await signUp("127.0.5.2");
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).code).toBe("rate_limited");
    expect(Number(refused.retryAfter)).toBeGreaterThan(3000);
    expect((await signUp("127.0.5.2", taken)).status).toBe(429);

    // 127.0.5.3, same /24: two more fill the network's six, then 429 though this address has used only two.
    expect([(await signUp("127.0.5.3")).status, (await signUp("127.0.5.3")).status]).toEqual([202, 202]);
    expect((await signUp("127.0.5.3")).status).toBe(429);

    // Another network is untouched.
    expect((await signUp("127.0.6.2")).status).toBe(202);
  });
});

describe("behind a trusted proxy (the suite's portal trusts loopback): the forwarded address is believed", { timeout: 120_000 }, () => {
  const portalUrl = inject("portalUrl");
  const fresh = () => `198.19.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 1}`;

  it("keeps a window per forwarded address: the locked address waits, another one signs in", async () => {
    const { email, password } = await PortalClient.newDeveloper(portalUrl, "Behind Proxy");
    const locked = fresh();
    const errors: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      errors.push(
        (await new PortalClient(portalUrl).signInWith("credentials", { email, password: `Wrong-${i}` }, { "x-forwarded-for": locked }))
          .error,
      );
    }
    expect(errors.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    expect(errors[5]).toMatch(/^TooManyAttempts:/);
    // The client's own copy of the internal header changes nothing.
    const sneaky = { "x-forwarded-for": locked, "x-openbank-client-ip": fresh() };
    expect((await new PortalClient(portalUrl).signInWith("credentials", { email, password }, sneaky)).error).toMatch(/^TooManyAttempts:/);
    expect(
      (await new PortalClient(portalUrl).signInWith("credentials", { email, password }, { "x-forwarded-for": fresh() })).error,
    ).toBeNull();
  });

  it("stops a guesser who rotates addresses at the per-account ceiling (5 × SIGN_IN_MAX_ATTEMPTS = 25)", async () => {
    const { email, password } = await PortalClient.newDeveloper(portalUrl, "Rotated At");
    const errors: Array<string | null> = [];
    let address = fresh();
    for (let i = 0; i < 27; i++) {
      if (i % 2 === 0) address = fresh(); // two guesses per address: never the per-address limit
      errors.push(
        (await new PortalClient(portalUrl).signInWith("credentials", { email, password: `Wrong-${i}` }, { "x-forwarded-for": address }))
          .error,
      );
    }
    expect(errors.slice(0, 25)).toEqual(Array(25).fill("CredentialsSignin"));
    for (const error of errors.slice(25)) expect(error).toMatch(/^TooManyAttempts:/);
    // Even the right password, from an address never seen, waits for the window.
    expect(
      (await new PortalClient(portalUrl).signInWith("credentials", { email, password }, { "x-forwarded-for": fresh() })).error,
    ).toMatch(/^TooManyAttempts:/);
  });
});
