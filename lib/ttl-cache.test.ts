import { describe, expect, it } from "vitest";
import { createTtlCache } from "./ttl-cache";

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createTtlCache", () => {
  it("serves a value for its TTL, then forgets it", () => {
    const time = clock();
    const cache = createTtlCache<{ id: string }>({ max: 10, ttlMs: 30_000, now: time.now });
    cache.set("a", { id: "a" });
    time.advance(30_000);
    expect(cache.get("a")).toEqual({ id: "a" });
    time.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("remembers a miss (null) for the shorter miss TTL only", () => {
    const time = clock();
    const cache = createTtlCache<{ id: string }>({ max: 10, ttlMs: 30_000, missTtlMs: 5_000, now: time.now });
    cache.set("a", null);
    time.advance(5_000);
    expect(cache.get("a")).toBeNull();
    time.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("drops an entry at once on delete and everything on clear", () => {
    const cache = createTtlCache<{ id: string }>({ max: 10, ttlMs: 30_000 });
    cache.set("a", { id: "a" });
    cache.set("b", null);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeNull();
    cache.clear();
    expect(cache.get("b")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps at most max entries, evicting the least recently used", () => {
    const cache = createTtlCache<string>({ max: 2, ttlMs: 30_000 });
    cache.set("a", "A");
    cache.set("b", "B");
    expect(cache.get("a")).toBe("A"); // a is now the most recently used
    cache.set("c", "C");
    expect(cache.get("b")).toBeUndefined();
    expect([cache.get("a"), cache.get("c"), cache.size]).toEqual(["A", "C", 2]);
  });

  it("caches nothing with a TTL of 0 (KEY_CACHE_TTL_SECONDS=0 turns the key cache off)", () => {
    const cache = createTtlCache<string>({ max: 2, ttlMs: 0 });
    cache.set("a", "A");
    expect(cache.get("a")).toBeUndefined();
  });
});
