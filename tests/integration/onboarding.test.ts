import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BankBrowser } from "../support/bank-browser";
import { eventually, PortalClient, sandbox } from "../support/portal-client";

// The onboarding checklist through the real gateway: a brand-new developer makes real calls
// (as their code would) and each step ticks from the stored traffic, never from a button.
const portalUrl = inject("portalUrl");
const REDIRECT = "http://localhost:8080/callback";

type Step = { id: string; done: boolean; optional: boolean; completed_at: string | null; next: string; docs: { href: string } };
type Progress = { app_id: string; completed: number; total: number; percent: number; steps: Step[]; computed_at: string };

let client: PortalClient;
let appId: string;
let key: string;
let receiver: Server;
let receiverUrl = "";

beforeAll(async () => {
  ({ client } = await PortalClient.newDeveloper(portalUrl, "Onboarding Olivia"));
  const created = await client.createApp("Olivia's first integration");
  appId = created.app.id;
  key = created.secret;
  receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
});

afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

async function progress(who = client, id = appId): Promise<Progress> {
  const { status, body } = await who.json<Progress>("GET", `/api/apps/${id}/onboarding`);
  expect(status).toBe(200);
  return body;
}

const step = (p: Progress, id: string) => p.steps.find((s) => s.id === id)!;

/** Waits until the step is ticked (logs are written in batches, off the request path). */
async function ticked(id: string): Promise<Progress> {
  return eventually(async () => {
    const p = await progress();
    return step(p, id).done ? p : undefined;
  }, 10_000);
}

function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; bearer?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return sandbox(portalUrl, options.bearer ?? key, path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

describe("onboarding checklist", () => {
  it("starts empty, with what to do next and a docs link for every step", async () => {
    const p = await progress();
    expect(p).toMatchObject({ app_id: appId, completed: 0, percent: 0 });
    expect(p.total).toBeGreaterThanOrEqual(7);
    for (const s of p.steps) {
      expect(s).toMatchObject({ done: false, completed_at: null });
      expect(s.next.length).toBeGreaterThan(20);
      expect(s.docs.href).toMatch(/^\/docs\//);
    }
  });

  it("ticks the first successful call, then a payment with an Idempotency-Key after a 4xx was fixed, and its replay", async () => {
    const accounts = await call("GET", "/v1/accounts?limit=100");
    expect(accounts.status).toBe(200);
    const first = await ticked("first_successful_call");
    expect(Date.parse(step(first, "first_successful_call").completed_at!)).toBeLessThanOrEqual(Date.now());
    expect(step(first, "payment_with_idempotency_key").done).toBe(false);

    const ids = ((await accounts.json()) as { data: Array<{ id: string; identifiers: { account_number?: string } }> }).data;
    const byNumber = (n: string) => ids.find((a) => a.identifiers.account_number === n)!.id;
    const body = {
      debtor_account_id: byNumber("41825937"),
      amount: { amount: "5.00", currency: "GBP" },
      creditor: { type: "account", account_id: byNumber("41825945") },
    };

    // The developer forgets the header (400), reads the problem, and sends it.
    const missing = await call("POST", "/v1/payments", { body });
    expect(missing.status).toBe(400);
    const idempotencyKey = randomUUID();
    expect((await call("POST", "/v1/payments", { body, headers: { "idempotency-key": idempotencyKey } })).status).toBe(201);
    const paid = await ticked("payment_with_idempotency_key");
    expect(step(paid, "error_handled_then_fixed").done).toBe(true);
    expect(step(paid, "idempotent_retry_replayed").done).toBe(false);

    const retry = await call("POST", "/v1/payments", { body, headers: { "idempotency-key": idempotencyKey } });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    await ticked("idempotent_retry_replayed");
  });

  it("does not count a 4xx that was never fixed", async () => {
    expect((await call("GET", "/v1/customers/cus_doesnotexist")).status).toBe(404);
    const p = await progress();
    // Still ticked from the payment fix, and it keeps the time of that fix.
    const fix = step(p, "error_handled_then_fixed");
    expect(fix.done).toBe(true);
    expect(Date.parse(fix.completed_at!)).toBeLessThan(Date.now() - 10);
  });

  it("ticks the sandbox controls: reset and clock advance", async () => {
    expect((await call("POST", "/v1/sandbox/clock/advance", { body: { days: 1 } })).status).toBe(200);
    await ticked("clock_advanced");
    expect((await call("POST", "/v1/sandbox/reset")).status).toBe(200);
    await ticked("sandbox_reset");
  });

  it("ticks the webhook step once an endpoint answers a delivery with a 2xx", async () => {
    const endpoint = await client.json("POST", `/api/apps/${appId}/webhooks`, { url: receiverUrl, description: "onboarding receiver" });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    expect(step(await progress(), "webhook_answered_2xx").done).toBe(false);
    const fired = await call("POST", "/v1/sandbox/webhooks/fire", { body: { type: "payment.completed" } });
    expect(fired.status).toBe(201);
    await ticked("webhook_answered_2xx");
  });

  it("ticks the consent flow once a customer authorised a consent, then a call with the consent token", async () => {
    expect(step(await progress(), "consent_flow_completed").done).toBe(false);
    const oauthClient = await client.json("GET", `/api/apps/${appId}/oauth-client`);
    const rotated = await client.json("POST", `/api/apps/${appId}/oauth-client/secret`);
    expect(rotated.status).toBe(201);
    const clientId = oauthClient.body.client_id as string;
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const query = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: REDIRECT,
      scope: "accounts:read",
      state: "st-1",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const walk = await new BankBrowser(portalUrl).authorize(`/oauth/authorize?${query}`);
    expect(walk.loginPage.status).toBe(200);
    const code = walk.code!;

    // The bank lists the consent from the customer's approval on; the token exchange follows.
    await ticked("consent_flow_completed");
    expect(step(await progress(), "consent_token_call").done).toBe(false);
    // A token the sandbox minted without a browser ticks its own optional step, not the consent-token one.
    const minted = await call("POST", "/v1/sandbox/consents", { body: { persona: "good_credit", permissions: ["accounts:read"] } });
    expect(minted.status).toBe(201);
    const mintedToken = (await minted.json()).access_token as string;
    expect((await call("GET", "/v1/accounts", { bearer: mintedToken })).status).toBe(200);
    await ticked("sandbox_token_call");
    expect(step(await progress(), "consent_token_call").done).toBe(false);
    const token = await fetch(`${portalUrl}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${clientId}:${rotated.body.client_secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }),
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };

    expect((await call("GET", "/v1/accounts", { bearer: accessToken })).status).toBe(200);
    const done = await ticked("consent_token_call");
    expect(done).toMatchObject({ completed: done.total, percent: 100 });
    expect(done.steps.filter((s) => !s.optional).every((s) => s.done)).toBe(true);
  });

  it("is readable by the app's team only: 404 for another developer's app, 401 signed out", async () => {
    const { client: stranger } = await PortalClient.newDeveloper(portalUrl, "Onboarding Stranger");
    expect((await stranger.request("GET", `/api/apps/${appId}/onboarding`)).status).toBe(404);
    expect((await stranger.request("GET", "/api/apps/app_doesnotexist/onboarding")).status).toBe(404);
    expect((await new PortalClient(portalUrl).request("GET", `/api/apps/${appId}/onboarding`)).status).toBe(401);
    // A stranger's own app starts from zero: traffic never leaks between apps.
    const theirs = await stranger.createApp("Stranger's app");
    expect((await progress(stranger, theirs.app.id)).completed).toBe(0);
  });
});
