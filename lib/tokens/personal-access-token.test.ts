import { describe, expect, it } from "vitest";
import { containsCredential } from "@openbank/contracts/credential-formats";
import { acceptsTokens } from "@/lib/portal-api/define-operation";
import { portalOperations } from "@/lib/portal-api/operations";
import {
  bearerToken,
  generateToken,
  hashToken,
  isWellFormedToken,
  scopeAllows,
  tokenExpiry,
  tokenFormat,
  tokenState,
} from "./personal-access-token";
import { createTokenInput } from "./manage-tokens";

describe("personal access tokens' format", () => {
  it("is pat_ + 36 base62 chars with a checksum, recognised as a credential, and never repeats", () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const token of tokens) {
      expect(token).toMatch(/^pat_[0-9A-Za-z]{36}$/);
      expect(isWellFormedToken(token)).toBe(true);
      expect(containsCredential(`Authorization: Bearer ${token}`)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("rejects a token with one character changed (the checksum), a key, and truncations", () => {
    const token = generateToken();
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(isWellFormedToken(token.slice(0, -1) + last)).toBe(false);
    const random = token.at(10) === "A" ? "B" : "A";
    expect(isWellFormedToken(token.slice(0, 10) + random + token.slice(11))).toBe(false);
    expect(isWellFormedToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`sk_sandbox_${token.slice(4)}`)).toBe(false);
  });

  it("stores a keyed hash (different pepper, different hash) and displays only the ends", () => {
    const token = generateToken();
    expect(hashToken(token, "a".repeat(32))).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token, "a".repeat(32))).not.toBe(hashToken(token, "b".repeat(32)));
    const shown = tokenFormat.display(token);
    expect(shown).toBe(`${token.slice(0, 8)}…${token.slice(-4)}`);
    expect(isWellFormedToken(shown)).toBe(false);
  });
});

describe("scope, expiry and state", () => {
  it("lets a read token GET only, a write token anything", () => {
    expect(scopeAllows("read", "GET")).toBe(true);
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      expect(scopeAllows("read", method)).toBe(false);
      expect(scopeAllows("write", method)).toBe(true);
    }
  });

  it("expires after the chosen days, and only the offered lifetimes (at most a year) are accepted", () => {
    const now = new Date("2026-12-06T00:00:00Z");
    expect(tokenExpiry(7, now).toISOString()).toBe("2026-12-13T00:00:00.000Z");
    expect(tokenExpiry(365, now).toISOString()).toBe("2027-12-06T00:00:00.000Z");
    for (const days of [7, 30, 90, 365])
      expect(createTokenInput.safeParse({ name: "ci", scope: "read", expires_in_days: days }).success).toBe(true);
    for (const days of [0, 1, 366, 3650, "30", null, undefined]) {
      expect(createTokenInput.safeParse({ name: "ci", scope: "read", expires_in_days: days }).success).toBe(false);
    }
    expect(createTokenInput.safeParse({ name: "ci", scope: "admin", expires_in_days: 7 }).success).toBe(false);
    expect(createTokenInput.safeParse({ name: " ", scope: "read", expires_in_days: 7 }).success).toBe(false);
  });

  it("is active until its expiry, expired at it, revoked whatever its expiry", () => {
    const now = new Date("2026-12-06T00:00:00Z");
    expect(tokenState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("active");
    expect(tokenState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(tokenState({ expiresAt: new Date(now.getTime() + 1e9), revokedAt: now }, now)).toBe("revoked");
  });

  it("reads the bearer of a request: null without Authorization, empty for another scheme", () => {
    expect(bearerToken(new Headers())).toBeNull();
    expect(bearerToken(new Headers({ authorization: "Bearer pat_abc" }))).toBe("pat_abc");
    expect(bearerToken(new Headers({ authorization: "bearer  pat_abc " }))).toBe("pat_abc");
    expect(bearerToken(new Headers({ authorization: "Basic dTpw" }))).toBe("");
    expect(bearerToken(new Headers({ authorization: "Bearer a b" }))).toBe("");
  });
});

describe("which operations accept tokens", () => {
  const byId = new Map(portalOperations.map((operation) => [operation.operationId, operation]));
  const accepts = (operationId: string) => {
    const operation = byId.get(operationId);
    if (!operation) throw new Error(`no operation ${operationId}`);
    return acceptsTokens(operation);
  };

  it("accepts what the CLI needs: apps, keys, webhooks, logs, sandbox, teams read, whoami", () => {
    for (const id of [
      "getAccount",
      "listApps",
      "getApp",
      "listKeys",
      "createKey",
      "rollKey",
      "revokeKey",
      "listWebhookEndpoints",
      "listRequestLogs",
      "resetSandbox",
      "listTeams",
      "getTeam",
      "listWebhookEventTypes",
    ]) {
      expect(accepts(id), id).toBe(true);
    }
  });

  it("refuses account security, the tokens API, step-up, team management and platform admin", () => {
    for (const id of [
      "changePassword",
      "stepUp",
      "listTokens",
      "createToken",
      "revokeToken",
      "deleteAccount",
      "listSessions",
      "deleteApp",
      "transferTeamOwnership",
      "updateTeamPolicies",
    ]) {
      expect(accepts(id), id).toBe(false);
    }
    for (const operation of portalOperations) {
      if (operation.access === "platform-admin" || operation.path.startsWith("/api/account/"))
        expect(acceptsTokens(operation), operation.operationId).toBe(false);
    }
  });
});
