import { describe, expect, it } from "vitest";
import { createKeyCache } from "./key-cache";

const key = {
  keyId: "key_1",
  appId: "app_1",
  prefix: "sk_sandbox_abcd…wxyz",
  revoked: false,
  scope: "read_write" as const,
  expiresAt: null,
  rolled: false,
  appSuspended: false,
};

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the key cache", () => {
  it("serves a verified key for KEY_CACHE_TTL_SECONDS, then forgets it", () => {
    const time = clock();
    const cache = createKeyCache(30_000, time.now);
    cache.set("h", key);
    time.advance(30_000);
    expect(cache.get("h")).toEqual(key);
    time.advance(1);
    expect(cache.get("h")).toBeUndefined();
  });

  it("remembers unknown keys for at most 5 s, so a new key is never refused for long", () => {
    const time = clock();
    const cache = createKeyCache(30_000, time.now);
    cache.set("h", null);
    time.advance(5_000);
    expect(cache.get("h")).toBeNull();
    time.advance(1);
    expect(cache.get("h")).toBeUndefined();
  });

  it("drops an entry at once on delete (revocation in this process)", () => {
    const cache = createKeyCache(30_000);
    cache.set("h", key);
    cache.delete("h");
    expect(cache.get("h")).toBeUndefined();
  });
});
