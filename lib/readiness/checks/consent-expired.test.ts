import { describe, expect, it } from "vitest";
import type { LoggedCall } from "../readiness-check";
import { SESSION_PERSONA } from "./consent-ended";
import { consentExpired } from "./consent-expired";
import { consentRevoked } from "./consent-revoked";
import { accountsRead, gradeInput } from "./session-traffic";

// Synthetic customer sessions around an expiring consent: what a careful and a careless app leave in the request log.
const EXPIRED = JSON.stringify({ code: "consent_expired", detail: "Consent cns_1 expired on 2026-12-06 (sandbox clock)." });
const REVOKED = JSON.stringify({ code: "consent_revoked", detail: "Consent cns_1 was revoked; its tokens no longer work." });
const tokenRequest = (at: number, status: number): LoggedCall => ({
  ...accountsRead(at, "x"),
  method: "POST",
  path: "/oauth/token",
  status,
  consentToken: null,
  responseBody: status === 200 ? "{}" : JSON.stringify({ error: "invalid_grant", error_description: "The consent has expired." }),
});
const expiredAt = [{ tag: "expire", kind: "expire_consent" as const, persona: SESSION_PERSONA, at: 1_500 }];
const before = [accountsRead(1_000, "oat_A…aaaa")];

describe("consent expired: the engine's action", () => {
  it("expires the persona's consents once the session is under way", () => {
    expect(consentExpired.act!(gradeInput({ calls: [accountsRead(0, "oat_A…aaaa", 401, "{}")] }))).toBeNull();
    expect(consentExpired.act!(gradeInput({ calls: before }))).toBeNull();
    expect(consentExpired.act!(gradeInput({ calls: [...before, accountsRead(1_900, "oat_A…aaaa")] }))).toEqual({
      tag: "expire",
      kind: "expire_consent",
      persona: SESSION_PERSONA,
    });
  });
  it("is not set off by the previous check's session: its last call in flight, with its own token", () => {
    const stray = accountsRead(100, "oat_Z…zzzz");
    expect(consentExpired.act!(gradeInput({ calls: [stray, accountsRead(1_000, "oat_A…aaaa")] }))).toBeNull();
  });
  it("asks the customer session the consent checks share", () => {
    expect(consentExpired.instruction.action).toEqual(consentRevoked.instruction.action);
  });
});

describe("consent expired: grading", () => {
  it("passes: one 401 consent_expired, no refresh, a new consent whose token works", () => {
    const first = accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED);
    const back = accountsRead(3_000, "oat_B…bbbb");
    const result = consentExpired.grade(gradeInput({ calls: [...before, first, back], actions: expiredAt, now: 10_000 }));
    expect(result).toMatchObject({ grade: "pass", requestIds: [first.id, back.id] });
    expect(result?.summary).toMatch(/no refresh was tried/);
  });
  it("passes when the new consent comes from the authorization code flow (a 200 at /oauth/token)", () => {
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED), tokenRequest(2_500, 200), accountsRead(3_000, "oat_B…bbbb")];
    expect(consentExpired.grade(gradeInput({ calls, actions: expiredAt, now: 10_000 }))?.grade).toBe("pass");
  });
  it("fails when the app tries to refresh the expired consent, naming the refused refresh", () => {
    const first = accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED);
    const refresh = tokenRequest(2_100, 400);
    const calls = [...before, first, refresh, accountsRead(3_000, "oat_B…bbbb")];
    const result = consentExpired.grade(gradeInput({ calls, actions: expiredAt, now: 3_100 }));
    expect(result).toMatchObject({ grade: "fail", requestIds: [first.id, refresh.id] });
    expect(result?.summary).toMatch(/asked POST \/oauth\/token for new tokens 1 time\(s\), refused \(400\)/);
  });
  it("names both faults of a careless session: the token sent again and the refreshes", () => {
    const calls = [
      ...before,
      accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED),
      tokenRequest(2_050, 400),
      accountsRead(3_000, "oat_A…aaaa", 401, EXPIRED),
      tokenRequest(3_050, 400),
      accountsRead(4_000, "oat_A…aaaa", 401, EXPIRED),
    ];
    const result = consentExpired.grade(gradeInput({ calls, actions: expiredAt, now: 4_100 }));
    expect(result?.grade).toBe("fail");
    expect(result?.summary).toBe(
      "After the first 401 consent_expired, the app sent the expired consent's token 2 more times (at most 1 allowed), and asked POST /oauth/token for new tokens 2 time(s), refused (400): a refresh token ends with its consent.",
    );
  });
  it("does not count a 401 of another ending: a revocation is not an expiry", () => {
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, REVOKED)];
    expect(consentExpired.grade(gradeInput({ calls, actions: expiredAt, timedOut: true }))?.grade).toBe("warn");
  });
  it("fails at the time limit when the app never comes back, and without a session at all", () => {
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED)];
    expect(consentExpired.grade(gradeInput({ calls, actions: expiredAt }))).toBeNull();
    expect(consentExpired.grade(gradeInput({ calls, actions: expiredAt, timedOut: true }))?.summary).toMatch(/never came back/);
    expect(consentExpired.grade(gradeInput({ timedOut: true }))).toMatchObject({
      grade: "fail",
      summary: expect.stringMatching(/No call/),
    });
  });
});

describe("consent revoked: no refresh of a revoked consent either", () => {
  it("fails a refused refresh after consent_revoked", () => {
    const revokedAt = [{ tag: "revoke", kind: "revoke_consent" as const, persona: SESSION_PERSONA, at: 1_500 }];
    const calls = [...before, accountsRead(2_000, "oat_A…aaaa", 401, REVOKED), tokenRequest(2_100, 400), accountsRead(3_000, "oat_B…bbbb")];
    expect(consentRevoked.grade(gradeInput({ calls, actions: revokedAt, now: 10_000 }))?.grade).toBe("fail");
  });
});
