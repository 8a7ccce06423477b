import { describe, expect, it } from "vitest";
import { pickDocsKey } from "./pick-docs-key";

const key = (id: string, app: string) => ({ id, name: `Key ${id}`, prefix: `sk_sandbox_${id}…`, app_id: app, app_name: `App ${app}` });
// listUsableKeys' order: newest app first (app_new), newest key first within an app.
const keys = [key("key_new2", "app_new"), key("key_new1", "app_new"), key("key_old2", "app_old"), key("key_old1", "app_old")];
const none = {};

describe("pickDocsKey", () => {
  it("gives a developer with one key that key, unasked", () => {
    expect(pickDocsKey({ keys: [key("key_a", "app_a")], lastUsedByApp: none, choice: null })).toEqual({
      kind: "key",
      key: key("key_a", "app_a"),
      source: "default",
    });
  });

  it("defaults to the newest key of the most recently used app, else of the newest app", () => {
    const used = { app_old: "2026-12-04T10:00:00.000Z", app_new: "2026-12-01T10:00:00.000Z" };
    expect(pickDocsKey({ keys, lastUsedByApp: used, choice: null })).toMatchObject({
      kind: "key",
      key: { id: "key_old2" },
      source: "default",
    });
    expect(pickDocsKey({ keys, lastUsedByApp: none, choice: null })).toMatchObject({ key: { id: "key_new2" } });
    expect(pickDocsKey({ keys, lastUsedByApp: { app_old: "2026-12-04T10:00:00.000Z" }, choice: null })).toMatchObject({
      key: { id: "key_old2" },
    });
  });

  it("keeps an explicit choice over the default while the key is still usable", () => {
    expect(pickDocsKey({ keys, lastUsedByApp: none, choice: { kind: "key", keyId: "key_old1" } })).toMatchObject({
      key: { id: "key_old1" },
      source: "chosen",
    });
    expect(pickDocsKey({ keys, lastUsedByApp: none, choice: { kind: "none" } })).toEqual({ kind: "none", reason: "signed-out-of-try-it" });
  });

  it("drops a chosen key that is no longer usable (revoked, expired, a team left)", () => {
    expect(pickDocsKey({ keys, lastUsedByApp: none, choice: { kind: "key", keyId: "key_revoked" } })).toMatchObject({
      key: { id: "key_new2" },
      source: "default",
    });
  });

  it("keeps a pasted key, with the default for tabs that do not hold it", () => {
    expect(pickDocsKey({ keys, lastUsedByApp: none, choice: { kind: "pasted", prefix: "sk_sandbox_AbCd…wxyz" } })).toEqual({
      kind: "pasted",
      prefix: "sk_sandbox_AbCd…wxyz",
      fallback: key("key_new2", "app_new"),
    });
  });

  it("uses the app the developer came from: the key it names, their chosen key of that app, else the app's newest", () => {
    const choice = { kind: "key", keyId: "key_new1" } as const;
    expect(pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_old", keyId: "key_old1" }, choice })).toMatchObject({
      key: { id: "key_old1" },
      source: "came-from",
    });
    expect(pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_new" }, choice })).toMatchObject({
      key: { id: "key_new1" },
      source: "came-from",
    });
    expect(pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_old" }, choice })).toMatchObject({
      key: { id: "key_old2" },
      source: "came-from",
    });
    // Coming from an app outranks a pasted key or "none": it is the later, more specific choice.
    expect(pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_old" }, choice: { kind: "none" } })).toMatchObject({
      key: { id: "key_old2" },
    });
    // A key named for another app is not taken on the app's behalf.
    expect(pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_old", keyId: "key_new1" }, choice: null })).toMatchObject({
      key: { id: "key_old2" },
    });
  });

  it("ignores an app the developer cannot call with (someone else's, or without usable keys)", () => {
    expect(
      pickDocsKey({ keys, lastUsedByApp: none, cameFrom: { appId: "app_someone_elses" }, choice: { kind: "key", keyId: "key_old1" } }),
    ).toMatchObject({
      key: { id: "key_old1" },
      source: "chosen",
    });
  });

  it("has nothing to offer without keys", () => {
    expect(pickDocsKey({ keys: [], lastUsedByApp: none, cameFrom: { appId: "app_x" }, choice: { kind: "key", keyId: "key_x" } })).toEqual({
      kind: "none",
      reason: "no-keys",
    });
    expect(pickDocsKey({ keys: [], lastUsedByApp: none, choice: { kind: "pasted", prefix: "sk_sandbox_AbCd…wxyz" } })).toEqual({
      kind: "pasted",
      prefix: "sk_sandbox_AbCd…wxyz",
      fallback: null,
    });
  });
});
