import { describe, expect, it } from "vitest";
import { KeyCache } from "./key-cache";

const key = { keyId: "key_1", appId: "app_1", prefix: "sk_sandbox_abcd…wxyz", revoked: false, scope: "read_write" as const, expiresAt: null, rolled: false, appSuspended: false };

describe("KeyCache", () => {
  it("serves a verified key until its TTL, then forgets it", () => {
    const cache = new KeyCache(() => 30_000);
    cache.set("h", key, 0);
    expect(cache.get("h", 29_999)).toEqual(key);
    expect(cache.get("h", 30_000)).toBeUndefined();
  });

  it("remembers unknown keys for at most 5 s, so a new key is never refused for long", () => {
    const cache = new KeyCache(() => 30_000);
    cache.set("h", null, 0);
    expect(cache.get("h", 4_999)).toBeNull();
    expect(cache.get("h", 5_000)).toBeUndefined();
  });

  it("drops an entry at once on delete (revocation in this process)", () => {
    const cache = new KeyCache(() => 30_000);
    cache.set("h", key, 0);
    cache.delete("h");
    expect(cache.get("h", 1)).toBeUndefined();
  });
});
