import { describe, expect, it } from "vitest";
import type { LoggedCall } from "../readiness-check";
import { accountsRead, gradeInput } from "./session-traffic";
import { MAX_CALLS_AFTER_END, SESSION_PERSONA } from "./consent-ended";
import { consentRevoked } from "./consent-revoked";

// Synthetic customer sessions: what a careful and a careless app leave in the request log.
const REVOKED = JSON.stringify({ code: "consent_revoked", detail: "Consent cns_1 was revoked; its tokens no longer work." });
const mint = (at: number): LoggedCall => ({
  ...accountsRead(at, "x"),
  method: "POST",
  path: "/v1/sandbox/consents",
  status: 201,
  consentToken: null,
});
const revokedAt = [{ tag: "revoke", kind: "revoke_consent" as const, persona: SESSION_PERSONA, at: 1_500 }];

describe("consent revoked: the engine's action", () => {
  it("revokes once the session is under way (one token answered 2xx twice), not before", () => {
    expect(consentRevoked.act!(gradeInput({ calls: [mint(0)] }))).toBeNull();
    expect(consentRevoked.act!(gradeInput({ calls: [accountsRead(0, "oat_A…aaaa", 401, "{}")] }))).toBeNull();
    expect(consentRevoked.act!(gradeInput({ calls: [mint(0), accountsRead(1_000, "oat_A…aaaa")] }))).toBeNull();
    expect(
      consentRevoked.act!(gradeInput({ calls: [mint(0), accountsRead(1_000, "oat_A…aaaa"), accountsRead(2_000, "oat_A…aaaa")] })),
    ).toEqual({
      tag: "revoke",
      kind: "revoke_consent",
      persona: SESSION_PERSONA,
    });
  });
  it("ignores calls made with an API key", () => {
    expect(consentRevoked.act!(gradeInput({ calls: [{ ...accountsRead(0, "x"), consentToken: null }] }))).toBeNull();
  });
});

describe("consent revoked: grading", () => {
  const before = [mint(0), accountsRead(1_000, "oat_A…aaaa")];
  it("passes: one 401, a new consent, the new token works", () => {
    const first = accountsRead(2_000, "oat_A…aaaa", 401, REVOKED);
    const back = accountsRead(3_000, "oat_B…bbbb");
    const calls = [...before, first, mint(2_100), back, accountsRead(4_000, "oat_B…bbbb")];
    const result = consentRevoked.grade(gradeInput({ calls, actions: revokedAt, now: 10_000 }));
    expect(result).toMatchObject({ grade: "pass", requestIds: [first.id, back.id] });
  });
  it("waits for stray calls with the old token before passing", () => {
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, REVOKED), accountsRead(3_000, "oat_B…bbbb")];
    expect(consentRevoked.grade(gradeInput({ calls, actions: revokedAt, now: 4_000 }))).toBeNull();
  });
  it(`allows ${MAX_CALLS_AFTER_END} call already in flight with the old token`, () => {
    const calls = [
      ...before,
      accountsRead(2_000, "oat_A…aaaa", 401, REVOKED),
      accountsRead(2_010, "oat_A…aaaa", 401, REVOKED),
      accountsRead(3_000, "oat_B…bbbb"),
    ];
    expect(consentRevoked.grade(gradeInput({ calls, actions: revokedAt, now: 10_000 }))?.grade).toBe("pass");
  });
  it("fails as soon as the revoked token keeps being sent, naming each call", () => {
    const revokedCalls = [2_000, 3_000, 4_000].map((at) => accountsRead(at, "oat_A…aaaa", 401, REVOKED));
    const result = consentRevoked.grade(gradeInput({ calls: [...before, ...revokedCalls], actions: revokedAt, now: 4_100 }));
    expect(result).toMatchObject({ grade: "fail", requestIds: revokedCalls.map((call) => call.id) });
    expect(result?.summary).toMatch(/2 more times/);
  });
  it("fails at the time limit when the app never comes back with a new consent", () => {
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, REVOKED)];
    expect(consentRevoked.grade(gradeInput({ calls, actions: revokedAt }))).toBeNull();
    expect(consentRevoked.grade(gradeInput({ calls, actions: revokedAt, timedOut: true }))?.summary).toMatch(/never came back/);
  });
  it("warns at the time limit when no call reached the revoked consent", () => {
    expect(consentRevoked.grade(gradeInput({ calls: before, actions: revokedAt, timedOut: true }))?.grade).toBe("warn");
  });
  it("waits for a session, then fails at the time limit without one", () => {
    expect(consentRevoked.grade(gradeInput({}))).toBeNull();
    expect(consentRevoked.grade(gradeInput({ timedOut: true }))).toMatchObject({
      grade: "fail",
      summary: expect.stringMatching(/No call/),
    });
  });
});
