import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyOverrides, parseOverridePath } from "../src/domain/events/apply-overrides";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

// `trigger --override`: overrides of a fired event's object are applied, or refused with a
// pointer per path and nothing fired. Never silently ignored (stripe-cli's recurring complaint).
const now = new Date("2026-11-21T10:30:00.000Z");
const FIRE = "/v1/sandbox/webhooks/fire";
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => now });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const fire = (tenant: string, body: unknown) =>
  bank.request({
    method: "POST",
    url: FIRE,
    template: FIRE,
    tenant,
    payload: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("parseOverridePath", () => {
  it("reads dotted names and array indexes", () => {
    expect(parseOverridePath("object.amount")).toEqual(["object", "amount"]);
    expect(parseOverridePath("object.counterparty.name")).toEqual(["object", "counterparty", "name"]);
    expect(parseOverridePath("object.lines[0].amount")).toEqual(["object", "lines", 0, "amount"]);
    expect(parseOverridePath("object.m[1][2]")).toEqual(["object", "m", 1, 2]);
  });

  it("refuses what is not a path", () => {
    for (const bad of ["", ".", "object.", ".object", "object..a", "object[", "object[x]", "[0]", "object.a[0]b", "object[-1]"]) {
      expect(parseOverridePath(bad), bad).toBeNull();
    }
  });
});

describe("applyOverrides", () => {
  const base = { id: "pay_1", amount: { amount: "10.00", currency: "GBP" }, lines: [{ amount: 1 }], note: null, ok: true };

  it("changes existing paths (nested, in arrays, a null to anything) and leaves the base untouched", () => {
    const result = applyOverrides(base, {
      "object.amount.amount": "12.50",
      "object.lines[0].amount": 7,
      "object.note": { any: "thing" },
      "object.ok": false,
    });
    expect(result).toEqual({
      id: "pay_1",
      amount: { amount: "12.50", currency: "GBP" },
      lines: [{ amount: 7 }],
      note: { any: "thing" },
      ok: false,
    });
    expect(base.amount.amount).toBe("10.00");
  });

  it("refuses every absent path and wrong type at once, one pointer each, naming what exists nearby", () => {
    let caught: unknown;
    try {
      applyOverrides(base, {
        "object.amount.value": "1",
        "object.lines[3].amount": 1,
        "object.ok": "yes",
        "object.id": null,
        "amount.amount": "1",
        "object..x": 1,
        "object.amount.amount": "9.99",
      });
    } catch (error) {
      caught = error;
    }
    const error = caught as { code: string; status: number; detail: string; errors: { pointer: string; detail: string }[] };
    expect(error.code).toBe("event_override_invalid");
    expect(error.errors.map((e) => e.pointer)).toEqual([
      "/body/overrides/object.amount.value",
      "/body/overrides/object.lines[3].amount",
      "/body/overrides/object.ok",
      "/body/overrides/object.id",
      "/body/overrides/amount.amount",
      "/body/overrides/object..x",
    ]);
    expect(error.errors[0].detail).toContain("object.amount has object.amount.amount, object.amount.currency");
    expect(error.errors[1].detail).toContain("indexes 0–0");
    expect(error.errors[2].detail).toBe("object.ok is a boolean in the event, not string.");
    expect(error.errors[3].detail).toContain("not null");
    expect(error.errors[4].detail).toContain("paths start at object");
  });

  it("escapes a path's slashes in its pointer", () => {
    expect(() => applyOverrides({ a: 1 }, { "object.b/c": 1 })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ pointer: "/body/overrides/object.b~1c" })] }),
    );
  });
});

describe("POST /v1/sandbox/webhooks/fire with overrides", () => {
  it("applies them to the object sent and records the changed object", async () => {
    const reply = await fire("app_override", {
      type: "kyc.decided",
      object: { id: "cus_x", kyc: { status: "approved", checks: [{ name: "id", passed: true }] } },
      overrides: { "object.kyc.status": "rejected", "object.kyc.checks[0].passed": false },
    });
    expect(reply.status).toBe(201);
    const changed = { id: "cus_x", kyc: { status: "rejected", checks: [{ name: "id", passed: false }] } };
    expect(reply.body.object).toEqual(changed);
    const row = await t.app.db.bankEvent.findUniqueOrThrow({ where: { id: reply.body.id } });
    expect(JSON.parse(row.payload).object).toEqual(changed);
  });

  it("applies them to the replayed latest real event, which stays as it was", async () => {
    const tenant = "app_override_replay";
    const accounts = (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as { id: string; currency: string }[];
    const credit = await bank.request({
      method: "POST",
      url: "/v1/sandbox/transactions",
      template: "/v1/sandbox/transactions",
      tenant,
      payload: JSON.stringify({
        account_id: accounts[0].id,
        amount: { amount: "10.00", currency: accounts[0].currency },
        counterparty_name: "ACME",
      }),
      headers: { "content-type": "application/json" },
    });
    expect(credit.status).toBe(201);
    const reply = await fire(tenant, { type: "transaction.booked", overrides: { "object.amount.amount": "99.99" } });
    expect(reply.status).toBe(201);
    expect(reply.body.object).toEqual({ ...credit.body, amount: { ...credit.body.amount, amount: "99.99" } });
    expect((await fire(tenant, { type: "transaction.booked" })).body.object).toEqual(credit.body);
  });

  it("refuses a path the object lacks and a value of another type with 422, one pointer per path, and fires nothing", async () => {
    const tenant = "app_override_bad";
    const reply = await fire(tenant, {
      type: "payment.completed",
      overrides: { "object.amount": "12.50", "object.sandbox_test": "yes", "object.id": "pay_mine" },
    });
    expectProblemShape(reply, 422, "event_override_invalid");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      "/body/overrides/object.amount",
      "/body/overrides/object.sandbox_test",
    ]);
    expect(reply.body.detail).toContain("object.amount is not in the event: object has object.id, object.sandbox_test");
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant } })).toBe(0);

    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`object.k${i}`, i]));
    expectProblemShape(await fire(tenant, { type: "payment.completed", overrides: tooMany }), 400, "validation_failed");
    expectProblemShape(await fire(tenant, { type: "payment.completed", overrides: ["object.id"] }), 400, "validation_failed");
    expect(await t.app.db.bankEvent.count({ where: { tenantId: tenant } })).toBe(0);
  });
});
