import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServices } from "../../scripts/test-services.mjs";
import { expectProblem } from "../support/contract";
import { freePorts } from "../support/free-ports";
import { PortalClient } from "../support/portal-client";
import { probeRedis, TEST_REDIS_URL } from "../support/test-redis";

/**
 * The account throttles (sign-in, step-up and change-password guesses, reset mails) with REDIS_URL
 * set: two portal instances behind one address count every attempt in one shared window, so
 * spreading guesses over the instances gains nothing. Attempts alternate A, B, A, …; the limit
 * holds for their sum, where per-process windows would let each instance admit the limit again.
 * Every attempt names fresh addresses and emails, so other runs on the same Redis never meet them.
 */
const available = await probeRedis("account throttles across two portal instances");
if (available && !existsSync(".next/BUILD_ID"))
  throw new Error("shared throttles: no production build (.next/BUILD_ID). Run `npm run build` first.");

const MAX_SIGN_IN_ATTEMPTS = 4;

describe.skipIf(!available)("account throttles shared by two portal instances through Redis", { timeout: 120_000 }, () => {
  let services: Awaited<ReturnType<typeof startServices>>;
  let urls: string[];
  /** A client address of its own per test (the proxy's X-Forwarded-For). */
  const freshIp = () => `198.18.${randomBytes(1)[0]}.${(randomBytes(1)[0] % 250) + 1}`;
  /** A browser on instance `n` (alternating), sending the portal's public URL as its Origin. */
  const on = (n: number) => new PortalClient(urls[n % 2], urls[0]);

  beforeAll(async () => {
    const ports = await freePorts();
    services = await startServices({
      portalPort: ports.portal,
      bankPort: ports.bank,
      name: "shared-throttles",
      portalInstances: 2,
      env: { REDIS_URL: TEST_REDIS_URL, SIGN_IN_MAX_ATTEMPTS: String(MAX_SIGN_IN_ATTEMPTS) },
    });
    urls = services.portalUrls;
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
  });

  it("wrong passwords at sign-in count once across instances: the limit's next try is refused on either", async () => {
    const { email, password } = await PortalClient.newDeveloper(urls[0], "Guessed At");
    const ip = freshIp();
    const errors: Array<string | null> = [];
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS + 2; i++) {
      errors.push((await on(i).signInWith("credentials", { email, password: `Wrong-${i}-guess` }, { "x-forwarded-for": ip })).error);
    }
    expect(errors.slice(0, MAX_SIGN_IN_ATTEMPTS)).toEqual(Array(MAX_SIGN_IN_ATTEMPTS).fill("CredentialsSignin"));
    for (const error of errors.slice(MAX_SIGN_IN_ATTEMPTS)) expect(error).toMatch(/^TooManyAttempts:\d+$/);
    // Even the right password, on either instance, waits for the window.
    for (const n of [0, 1]) {
      expect((await on(n).signInWith("credentials", { email, password }, { "x-forwarded-for": ip })).error).toMatch(/^TooManyAttempts:/);
    }
    // Another client address is a separate window.
    expect((await on(1).signInWith("credentials", { email, password }, { "x-forwarded-for": freshIp() })).error).toBeNull();
  });

  it("wrong current passwords (change password) count per account across instances", async () => {
    const developer = await PortalClient.newDeveloper(urls[0], "Changes Twice");
    const browsers = [developer.client, developer.client.copy(urls[1])];
    const statuses: number[] = [];
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS + 1; i++) {
      const answer = await browsers[i % 2].json("POST", "/api/account/password", {
        current_password: `Wrong-${i}-guess`,
        new_password: `Fresh-${randomBytes(6).toString("hex")}-pw`,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(MAX_SIGN_IN_ATTEMPTS).fill(403), 429]);
    const right = await browsers[0].request("POST", "/api/account/password", {
      current_password: developer.password,
      new_password: `Fresh-${randomBytes(6).toString("hex")}-pw`,
    });
    await expectProblem(right, 429, "too_many_sign_in_attempts");
  });

  it("reset mails per address: 5 an hour in total, whichever instance is asked, known address or not", async () => {
    const { email } = await PortalClient.newDeveloper(urls[0], "Forgets Often");
    for (const address of [email, `ghost-${randomBytes(4).toString("hex")}@example.com`]) {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const answer = await on(i).request("POST", "/api/account/password/forgot", { email: address }, { "x-forwarded-for": freshIp() });
        statuses.push(answer.status);
      }
      expect(statuses, address).toEqual([202, 202, 202, 202, 202, 429, 429]);
    }
  });
});
