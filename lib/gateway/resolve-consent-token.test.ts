import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTtlCache } from "../ttl-cache";
import { createTokenOwnerLookup, TOKEN_OWNER_CACHE, type TokenRecord } from "./resolve-consent-token";

// The bank's token-owner answers: a DPoP-bound token, a bearer one from a bank that already says
// `jkt: null`, one from a bank before DPoP (no `jkt`), and an unknown one.
const answers: Record<string, object> = {
  bound: { app_id: "app_1", jkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" },
  bearer: { app_id: "app_1", jkt: null },
  legacy: { app_id: "app_2" },
  unknown: { app_id: null, jkt: null },
};
let bank: Server;
let bankUrl: string;
let asked = 0;

beforeAll(async () => {
  bank = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      asked++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answers[(JSON.parse(body) as { token: string }).token]));
    });
  });
  await new Promise<void>((resolve) => bank.listen(0, "127.0.0.1", resolve));
  bankUrl = `http://127.0.0.1:${(bank.address() as AddressInfo).port}`;
});
afterAll(() => void bank.close());

it("tells a token's app and DPoP binding, asks the bank once per token, and reads a bank without jkt as bearer", async () => {
  const resolve = createTokenOwnerLookup({
    bankUrl,
    internalSecret: "internal-secret-for-tests-0123456789",
    timeoutMs: 2_000,
    cache: createTtlCache<TokenRecord>(TOKEN_OWNER_CACHE),
    appStatus: async (appId) => (appId === "app_2" ? "suspended" : "active"),
  });
  expect(await resolve("bound")).toEqual({
    ok: true,
    owner: { appId: "app_1", appSuspended: false, jkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" },
  });
  expect(await resolve("bearer")).toEqual({ ok: true, owner: { appId: "app_1", appSuspended: false, jkt: null } });
  expect(await resolve("legacy")).toEqual({ ok: true, owner: { appId: "app_2", appSuspended: true, jkt: null } });
  expect(await resolve("unknown")).toEqual({ ok: true, owner: null });
  const before = asked;
  expect((await resolve("bound")).ok).toBe(true);
  expect(asked).toBe(before);
});
