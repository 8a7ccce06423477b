import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signatureHeaders } from "./sign-payload";
import { generateSigningSecret } from "./signing-secret";

const body = JSON.stringify({
  id: "evt_1",
  type: "payment.completed",
  timestamp: "2026-11-21T10:30:00.000Z",
  data: { object: { id: "pay_1", amount: { amount: "12.50", currency: "GBP" } } },
});

describe("signatureHeaders (Standard Webhooks)", () => {
  it("is verified, unchanged, by the standardwebhooks package", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signatureHeaders({ id: "evt_1", timestamp: new Date(), body, secrets: [secret] });
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // Our signature is exactly the reference implementation's.
    expect(headers["webhook-signature"]).toBe(
      new Webhook(secret).sign("evt_1", new Date(Number(headers["webhook-timestamp"]) * 1000), body),
    );
  });

  it("is rejected for a tampered body, an old or future timestamp, a wrong secret or another id", () => {
    const secret = generateSigningSecret();
    const now = new Date();
    const headers = signatureHeaders({ id: "evt_1", timestamp: now, body, secrets: [secret] });
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace("12.50", "1250.00"), headers)).toThrow(/signature/i);
    const old = signatureHeaders({ id: "evt_1", timestamp: new Date(now.getTime() - 6 * 60_000), body, secrets: [secret] });
    expect(() => verifier.verify(body, old)).toThrow(/too old/i);
    const future = signatureHeaders({ id: "evt_1", timestamp: new Date(now.getTime() + 6 * 60_000), body, secrets: [secret] });
    expect(() => verifier.verify(body, future)).toThrow(/too new/i);
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow(/signature/i);
    expect(() => verifier.verify(body, { ...headers, "webhook-id": "evt_2" })).toThrow(/signature/i);
  });

  it("signs with every secret during a rotation, space-separated, so receivers on either verify", () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const headers = signatureHeaders({ id: "evt_1", timestamp: new Date(), body, secrets: [current, previous] });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow();
  });
});
