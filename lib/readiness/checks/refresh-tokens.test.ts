import { describe, expect, it } from "vitest";
import type { LoggedCall, EngineActionDone } from "../readiness-check";
import { accountsRead, gradeInput } from "./session-traffic";
import { refreshTokens } from "./refresh-tokens";

// Synthetic sessions: the access token expires twice; the app refreshes (or reuses a refresh token).
const refresh = (at: number, status = 200): LoggedCall => ({
  ...accountsRead(at, "x", status),
  method: "POST",
  path: "/oauth/token",
  responseBody: null,
  consentToken: null,
});
const EXPIRED = JSON.stringify({
  code: "invalid_token",
  detail: "The access token has expired. Use your refresh token at POST /oauth/token.",
});
const FAMILY = JSON.stringify({ code: "invalid_token", detail: "The access token has been revoked." });
const expiry = (tag: string, at: number): EngineActionDone => ({ tag, kind: "expire_access_token", at });
const both = [expiry("expire-1", 1_500), expiry("expire-2", 4_500)];

const careful = [
  accountsRead(1_000, "oat_A…aaaa"),
  accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED),
  refresh(2_100),
  accountsRead(2_200, "oat_B…bbbb"),
  accountsRead(5_000, "oat_B…bbbb", 401, EXPIRED),
  refresh(5_100),
  accountsRead(5_200, "oat_C…cccc"),
];

describe("refresh tokens: the engine's actions", () => {
  const next = (calls: LoggedCall[], actions: EngineActionDone[] = []) => refreshTokens.act!(gradeInput({ calls, actions }));
  it("expires the token once the session is under way: one token answered 2xx twice", () => {
    expect(next([])).toBeNull();
    expect(next(careful.slice(0, 1))).toBeNull();
    expect(next([accountsRead(0, "oat_A…aaaa"), accountsRead(900, "oat_A…aaaa")])).toEqual({
      tag: "expire-1",
      kind: "expire_access_token",
    });
  });
  it("is not set off by the previous check's session: one stray call with its token, then the new session's first", () => {
    expect(next([accountsRead(0, "oat_Z…zzzz"), accountsRead(300, "oat_A…aaaa")])).toBeNull();
  });
  it("expires it again only after a refresh and a call with the new token", () => {
    expect(next(careful.slice(0, 3), [both[0]])).toBeNull();
    expect(next(careful.slice(0, 4), [both[0]])).toEqual({ tag: "expire-2", kind: "expire_access_token" });
  });
});

describe("refresh tokens: grading", () => {
  it("passes: two refreshes, each followed by a call with the new token", () => {
    const result = refreshTokens.grade(gradeInput({ calls: careful, actions: both, now: 10_000 }));
    expect(result).toMatchObject({ grade: "pass", requestIds: [careful[2].id, careful[5].id, careful[6].id] });
  });
  it("leaves out a refused refresh from before the token's first expiry answer: the previous check's session, still in flight", () => {
    for (const at of [200, 1_600]) {
      const stray = refresh(at, 400);
      const result = refreshTokens.grade(gradeInput({ calls: [stray, ...careful], actions: both, now: 10_000 }));
      expect(result).toMatchObject({ grade: "pass", requestIds: [careful[2].id, careful[5].id, careful[6].id] });
    }
  });
  it("waits after the last refresh for a reuse to show", () => {
    expect(refreshTokens.grade(gradeInput({ calls: careful, actions: both, now: 6_000 }))).toBeNull();
  });
  it("fails when a used refresh token is sent again, with the family revocation as evidence", () => {
    const calls = [...careful.slice(0, 5), refresh(5_100, 400), accountsRead(6_000, "oat_B…bbbb", 401, FAMILY)];
    const result = refreshTokens.grade(gradeInput({ calls, actions: both, now: 6_100 }));
    expect(result).toMatchObject({ grade: "fail", requestIds: [calls[2].id, calls[5].id, calls[6].id] });
    expect(result?.summary).toMatch(/sent again/);
  });
  it("waits briefly after a refused refresh for the family revocation to show, then fails without it", () => {
    const calls = [...careful.slice(0, 5), refresh(5_100, 400)];
    expect(refreshTokens.grade(gradeInput({ calls, actions: both, now: 5_200 }))).toBeNull();
    expect(refreshTokens.grade(gradeInput({ calls, actions: both, now: 9_000 }))).toMatchObject({
      grade: "fail",
      requestIds: [calls[2].id, calls[5].id],
    });
  });
  it("fails at the time limit when the expired token is never refreshed", () => {
    const calls = [accountsRead(1_000, "oat_A…aaaa"), accountsRead(2_000, "oat_A…aaaa", 401, EXPIRED)];
    expect(refreshTokens.grade(gradeInput({ calls, actions: both.slice(0, 1) }))).toBeNull();
    expect(refreshTokens.grade(gradeInput({ calls, actions: both.slice(0, 1), timedOut: true }))?.summary).toMatch(/never refreshed/);
  });
  it("fails at the time limit after only one refresh", () => {
    const result = refreshTokens.grade(gradeInput({ calls: careful.slice(0, 4), actions: both.slice(0, 1), timedOut: true }));
    expect(result?.summary).toMatch(/Only 1 of the 2/);
  });
  it("fails at the time limit without any consent-token session", () => {
    expect(refreshTokens.grade(gradeInput({ timedOut: true }))?.summary).toMatch(/No call with a consent access token/);
  });
});
