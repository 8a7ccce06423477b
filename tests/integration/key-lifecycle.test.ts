import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { eventually, PortalClient, sandbox } from "../support/portal-client";

/**
 * Key lifecycle through the real gateway: roll with an overlap window (the old key works
 * until the chosen time, then 401 expired_api_key), revoke at once, expiry, read-only scope,
 * last-used time and IP. Overlaps of a few seconds keep the timing real without long waits.
 */
const portalUrl = inject("portalUrl");

let developer: PortalClient;
let appId: string;

beforeAll(async () => {
  ({ client: developer } = await PortalClient.newDeveloper(portalUrl, "Key Keeper"));
  ({
    app: { id: appId },
  } = await developer.createApp("Lifecycle app"));
});

async function newKey(body: Record<string, unknown> = {}) {
  const { status, body: created } = await developer.json("POST", `/api/apps/${appId}/keys`, { name: "Lifecycle key", ...body });
  expect(status, JSON.stringify(created)).toBe(201);
  return created as { key: { id: string; prefix: string; scope: string; expires_at: string | null; status: string }; secret: string };
}

const sleepUntil = (iso: string, extraMs = 150) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(iso) - Date.now() + extraMs)));

describe("roll", () => {
  it("keeps the old key working until the overlap ends, then refuses it with 401 expired_api_key", async () => {
    const old = await newKey();
    expect((await sandbox(portalUrl, old.secret, "/v1/accounts?limit=1")).status).toBe(200);

    const rolled = await developer.json("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 3 });
    expect(rolled.status).toBe(201);
    expect(rolled.body.secret).toMatch(/^sk_sandbox_[0-9A-Za-z]{36}$/);
    expect(rolled.body.secret).not.toBe(old.secret);
    expect(rolled.body.key).toMatchObject({ name: "Lifecycle key", scope: "read_write", status: "active" });
    expect(rolled.body.old_key).toMatchObject({ id: old.key.id, status: "expiring", rolled_to_id: rolled.body.key.id });
    const endsAt: string = rolled.body.old_key.expires_at;
    expect(Date.parse(endsAt) - Date.now()).toBeGreaterThan(1_000);
    expect(Date.parse(endsAt) - Date.now()).toBeLessThanOrEqual(3_000);

    // Both keys work inside the overlap.
    expect((await sandbox(portalUrl, old.secret, "/v1/accounts?limit=1")).status).toBe(200);
    expect((await sandbox(portalUrl, rolled.body.secret, "/v1/accounts?limit=1")).status).toBe(200);

    await sleepUntil(endsAt);
    const refused = await expectProblem(await sandbox(portalUrl, old.secret, "/v1/accounts?limit=1"), 401, "expired_api_key");
    expect(refused.detail).toContain("rolled");
    expect((await sandbox(portalUrl, rolled.body.secret, "/v1/accounts?limit=1")).status).toBe(200);

    const { body: keys } = await developer.json("GET", `/api/apps/${appId}/keys`);
    expect(keys.data.find((k: { id: string }) => k.id === old.key.id).status).toBe("expired");
  });

  it("with overlap 0 stops the old key on the very next call", async () => {
    const old = await newKey();
    const rolled = await developer.json("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 0 });
    expect(rolled.status).toBe(201);
    await expectProblem(await sandbox(portalUrl, old.secret, "/v1/accounts"), 401, "expired_api_key");
    expect((await sandbox(portalUrl, rolled.body.secret, "/v1/accounts?limit=1")).status).toBe(200);
  });

  it("keeps the scope and never extends the old key past its own expiry", async () => {
    const expiresAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const old = await newKey({ scope: "read_only", expires_at: expiresAt });
    const rolled = await developer.json("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 7 * 86_400 });
    expect(rolled.body.key.scope).toBe("read_only");
    expect(rolled.body.key.expires_at).toBe(new Date(expiresAt).toISOString());
    expect(rolled.body.old_key.expires_at).toBe(new Date(expiresAt).toISOString());
  });

  it("refuses to roll a key twice, a revoked key, or with a bad overlap", async () => {
    const old = await newKey();
    expect((await developer.request("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 60 })).status).toBe(201);
    await expectProblem(
      await developer.request("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 60 }),
      409,
      "conflict",
    );

    const revoked = await newKey();
    await developer.request("DELETE", `/api/apps/${appId}/keys/${revoked.key.id}`);
    await expectProblem(
      await developer.request("POST", `/api/apps/${appId}/keys/${revoked.key.id}/roll`, { overlap_seconds: 60 }),
      409,
      "conflict",
    );

    for (const overlap of [-1, 7 * 86_400 + 1, 1.5, "3600", null]) {
      const problem = await expectProblem(
        await developer.request("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: overlap }),
        400,
        "validation_failed",
      );
      expect(problem.errors.map((e) => e.pointer)).toEqual(["/body/overlap_seconds"]);
    }
    await expectProblem(
      await developer.request("POST", `/api/apps/${appId}/keys/key_unknown/roll`, { overlap_seconds: 60 }),
      404,
      "resource_not_found",
    );
  });
});

describe("revoke", () => {
  it("stops a key at once, even inside a roll's overlap", async () => {
    const old = await newKey();
    await developer.json("POST", `/api/apps/${appId}/keys/${old.key.id}/roll`, { overlap_seconds: 3600 });
    expect((await sandbox(portalUrl, old.secret, "/v1/accounts?limit=1")).status).toBe(200);
    expect((await developer.request("DELETE", `/api/apps/${appId}/keys/${old.key.id}`)).status).toBe(200);
    await expectProblem(await sandbox(portalUrl, old.secret, "/v1/accounts"), 401, "revoked_api_key");
  });
});

describe("expiry", () => {
  it("works until expires_at, then answers 401 expired_api_key", async () => {
    const expiresAt = new Date(Date.now() + 2_500).toISOString();
    const key = await newKey({ expires_at: expiresAt });
    expect(key.key.expires_at).toBe(expiresAt);
    expect((await sandbox(portalUrl, key.secret, "/v1/accounts?limit=1")).status).toBe(200);
    await sleepUntil(expiresAt);
    const problem = await expectProblem(await sandbox(portalUrl, key.secret, "/v1/accounts?limit=1"), 401, "expired_api_key");
    expect(problem.detail).toContain(expiresAt.slice(0, 19));
  });

  it("validates expires_at", async () => {
    for (const expires_at of [
      "yesterday",
      new Date(Date.now() - 1000).toISOString(),
      new Date(Date.now() + 400 * 86_400_000).toISOString(),
    ]) {
      const problem = await expectProblem(
        await developer.request("POST", `/api/apps/${appId}/keys`, { name: "x", expires_at }),
        400,
        "validation_failed",
      );
      expect(problem.errors.map((e) => e.pointer)).toEqual(["/body/expires_at"]);
    }
    await expectProblem(
      await developer.request("POST", `/api/apps/${appId}/keys`, { name: "x", scope: "admin" }),
      400,
      "validation_failed",
    );
  });
});

describe("scopes", () => {
  it("lets a read-only key read but refuses writes with 403 insufficient_scope, before the bank sees them", async () => {
    const key = await newKey({ scope: "read_only" });
    expect(key.key.scope).toBe("read_only");
    expect((await sandbox(portalUrl, key.secret, "/v1/accounts?limit=1")).status).toBe(200);
    const refused = await sandbox(portalUrl, key.secret, "/v1/sandbox/reset", { method: "POST" });
    const problem = await expectProblem(refused, 403, "insufficient_scope");
    expect(problem.detail).toContain("read-only");
    const payment = await sandbox(portalUrl, key.secret, "/v1/payments", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "scope-test" },
      body: JSON.stringify({}),
    });
    await expectProblem(payment, 403, "insufficient_scope");
  });

  it("lets a read-write key write", async () => {
    const key = await newKey({ scope: "read_write" });
    const response = await sandbox(portalUrl, key.secret, "/v1/sandbox/reset", { method: "POST" });
    expect(response.status).toBeLessThan(300);
  });
});

describe("last use", () => {
  it("records the time and the caller's address, off the request path", async () => {
    const key = await newKey();
    await sandbox(portalUrl, key.secret, "/v1/accounts?limit=1", { headers: { "x-forwarded-for": "203.0.113.7" } });
    const found = await eventually(async () => {
      const { body } = await developer.json("GET", `/api/apps/${appId}/keys`);
      const row = body.data.find((k: { id: string }) => k.id === key.key.id);
      return row?.last_used_at ? row : undefined;
    }, 8_000);
    expect(found.last_used_ip).toBe("203.0.113.7");
    expect(JSON.stringify(found)).not.toContain(key.secret);
  });
});
