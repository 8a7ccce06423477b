import { describe, expect, it } from "vitest";
import { createKeyInput, rollKeyInput } from "./key-input";

const issues = (result: { error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((issue) => issue.path.join("/")) ?? [];

describe("createKeyInput", () => {
  it("defaults to read-write and no expiry", () => {
    expect(createKeyInput.parse({ name: " CI " })).toEqual({ name: "CI", scope: "read_write" });
  });

  it("accepts a future expiry within a year, with one message per bad value", () => {
    expect(createKeyInput.safeParse({ name: "x", expires_at: new Date(Date.now() + 60_000).toISOString() }).success).toBe(true);
    expect(issues(createKeyInput.safeParse({ name: "x", expires_at: "yesterday" }))).toEqual(["expires_at"]);
    expect(issues(createKeyInput.safeParse({ name: "x", expires_at: new Date(Date.now() - 1_000).toISOString() }))).toEqual(["expires_at"]);
    expect(issues(createKeyInput.safeParse({ name: "x", expires_at: new Date(Date.now() + 400 * 86_400_000).toISOString() }))).toEqual([
      "expires_at",
    ]);
  });

  it("knows only two scopes", () => {
    expect(issues(createKeyInput.safeParse({ name: "x", scope: "admin" }))).toEqual(["scope"]);
  });
});

describe("rollKeyInput", () => {
  it("takes 0 s to 7 days of overlap, whole seconds", () => {
    for (const overlap_seconds of [0, 3, 3600, 604_800]) expect(rollKeyInput.safeParse({ overlap_seconds }).success).toBe(true);
    for (const overlap_seconds of [-1, 604_801, 1.5, "60", null])
      expect(issues(rollKeyInput.safeParse({ overlap_seconds }))).toEqual(["overlap_seconds"]);
  });
});
