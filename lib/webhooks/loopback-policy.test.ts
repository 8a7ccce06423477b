import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyModeDefaults } from "../../scripts/run-env.mjs";
import { parsePortalEnv } from "../env";
import { internalPorts, internalTargetReason } from "./internal-ports";
import { sendWebhook } from "./send-webhook";

// Issue 21 finding 7: `npm start` turned loopback webhooks on, and the dispatcher then posted to
// the bank's internal port and stored the first 2 KiB of its answer.

const secrets = { NEXTAUTH_SECRET: "n".repeat(32), API_KEY_PEPPER: "p".repeat(32), BANK_INTERNAL_SECRET: "b".repeat(32) };

/** The settings a process started by scripts/run.mjs in `mode` parses (the dispatcher has no NODE_ENV of its own). */
const settingsUnder = (mode: "dev" | "start", extra: Record<string, string> = {}) =>
  parsePortalEnv(applyModeDefaults(mode, { ...secrets, ...extra }));

// Stands in for the bank (or anything else on this machine): counts what reaches it.
let canary: Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  canary = createServer((request, response) => {
    hits++;
    request.resume();
    response.end('{"internal":"answer"}');
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  port = (canary.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => canary.close(() => resolve())));
beforeEach(() => {
  hits = 0;
});

const deliver = (url: string, settings: ReturnType<typeof parsePortalEnv>) =>
  sendWebhook({
    url,
    headers: {},
    body: "{}",
    timeoutMs: 2_000,
    allowLoopback: settings.WEBHOOKS_ALLOW_LOOPBACK,
    internalPorts: internalPorts(settings),
  });

describe("loopback webhooks", () => {
  it("are off under `npm start`'s settings, in the portal (NODE_ENV=production) and the dispatcher (none)", async () => {
    expect(settingsUnder("start").WEBHOOKS_ALLOW_LOOPBACK).toBe(false);
    expect(settingsUnder("start", { NODE_ENV: "production" }).WEBHOOKS_ALLOW_LOOPBACK).toBe(false);
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const result = await deliver(url, settingsUnder("start"));
      expect(result.error, url).toMatch(/loopback/);
    }
    expect(hits).toBe(0);
  });

  it("are on under `npm run dev`, and under `npm start` only when set explicitly", async () => {
    expect(settingsUnder("dev").WEBHOOKS_ALLOW_LOOPBACK).toBe(true);
    expect(settingsUnder("start", { WEBHOOKS_ALLOW_LOOPBACK: "true" }).WEBHOOKS_ALLOW_LOOPBACK).toBe(true);
    expect(settingsUnder("dev", { WEBHOOKS_ALLOW_LOOPBACK: "false" }).WEBHOOKS_ALLOW_LOOPBACK).toBe(false);
    const result = await deliver(`http://localhost:${port}/hook`, settingsUnder("dev"));
    expect(result.ok).toBe(true);
    expect(hits).toBe(1);
  });

  it("never reach the bank's internal port, even with loopback on, in any spelling", async () => {
    const settings = settingsUnder("dev", { BANK_URL: `http://127.0.0.1:${port}` });
    expect(settings.WEBHOOKS_ALLOW_LOOPBACK).toBe(true);
    for (const url of [
      `http://127.0.0.1:${port}/internal/events`,
      `http://localhost:${port}/`,
      `http://127.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
    ]) {
      const result = await deliver(url, settings);
      expect(result.error, url).toMatch(/bank's or the portal's own port/);
      expect(result.responseBody, url).toBeNull();
    }
    expect(hits).toBe(0);
  });

  it("never reach the portal's own port (PORT or PORTAL_URL's), even with loopback on", async () => {
    const variants: Record<string, string>[] = [{ PORT: String(port) }, { PORTAL_URL: `http://localhost:${port}` }];
    for (const extra of variants) {
      const result = await deliver(`http://localhost:${port}/api/health`, settingsUnder("dev", extra));
      expect(result.error).toMatch(/own port/);
    }
    expect(hits).toBe(0);
  });

  it("judge only loopback addresses on the internal ports", () => {
    expect(internalPorts({ BANK_URL: "http://127.0.0.1:4010", PORT: 3000, PORTAL_URL: "https://developers.bank.example" })).toEqual([
      4010, 3000, 443,
    ]);
    expect(internalTargetReason("127.0.0.1", 4010, [4010])).toMatch(/own port/);
    expect(internalTargetReason("::1", 4010, [4010])).toMatch(/own port/);
    expect(internalTargetReason("127.0.0.1", 4011, [4010])).toBeNull();
    expect(internalTargetReason("93.184.215.14", 4010, [4010])).toBeNull();
  });
});
