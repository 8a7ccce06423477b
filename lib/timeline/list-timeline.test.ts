import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zodIssuesToFieldErrors } from "@/lib/http/route-handler";
import { listTimeline, timelineQuery, type TimelineQuery } from "./list-timeline";
import { decodeTimelineCursor, encodeTimelineCursor } from "./timeline-cursor";
import {
  compareKeys,
  keyOf,
  STATUS_CLASSES,
  TIMELINE_KINDS,
  type StatusClass,
  type TimelineItem,
  type TimelineKind,
} from "./timeline-item";
import { orderForQuery, SourceUnavailableError, type TimelineSource } from "./timeline-source";

const T0 = Date.parse("2026-11-21T09:00:00.000Z");

/** Items spread over a few milliseconds, so many share a time and the id breaks the tie. */
const itemArb = fc.record({
  n: fc.integer({ min: 0, max: 1_000_000 }),
  kind: fc.constantFrom(...TIMELINE_KINDS),
  status: fc.constantFrom(...STATUS_CLASSES),
  offset: fc.integer({ min: 0, max: 12 }),
});

function toItems(raw: { n: number; kind: TimelineKind; status: StatusClass; offset: number }[]): TimelineItem[] {
  const seen = new Set<string>();
  return raw
    .map((entry) => ({ ...entry, id: `${entry.kind.slice(0, 3)}_${entry.n.toString(36)}` }))
    .filter((entry) => !seen.has(entry.id) && seen.add(entry.id))
    .map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      occurred_at: new Date(T0 + entry.offset).toISOString(),
      title: entry.id,
      detail: null,
      status: { class: entry.status, http: null, label: entry.status },
      ids: {},
      link: null,
      actor: null,
    }));
}

/** In-memory sources split the way the real ones are (one kind or two each). */
function sourcesOf(items: TimelineItem[], calls?: { limit: number }[]): TimelineSource[] {
  const groups: TimelineKind[][] = [["request", "sandbox"], ["webhook"], ["change"], ["consent"], ["readiness"]];
  return groups.map((kinds) => ({
    name: kinds.join("+"),
    kinds,
    async list(query) {
      calls?.push({ limit: query.limit });
      return orderForQuery(
        items.filter((item) => kinds.includes(item.kind)),
        query,
      );
    },
  }));
}

const sorted = (items: TimelineItem[]) => [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));

function parse(raw: Record<string, string>): TimelineQuery {
  return timelineQuery.parse(raw);
}

async function pageThrough(sources: TimelineSource[], raw: Record<string, string>) {
  const seen: TimelineItem[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const page = await listTimeline({ appId: "app_x", sources, query: parse(cursor ? { ...raw, cursor } : raw) });
    seen.push(...page.data);
    cursor = page.next_cursor;
    if (!cursor) return seen;
  }
  throw new Error("did not end");
}

describe("listTimeline's merge", () => {
  it("pages through every item exactly once, in one total order, whatever the page size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { maxLength: 120 }), fc.integer({ min: 1, max: 17 }), async (raw, limit) => {
        const items = toItems(raw);
        const seen = await pageThrough(sourcesOf(items), { limit: String(limit) });
        expect(seen.map((item) => item.id)).toEqual(sorted(items).map((item) => item.id));
        for (let i = 1; i < seen.length; i++) expect(compareKeys(keyOf(seen[i - 1]), keyOf(seen[i]))).toBeLessThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it("applies kind, status and time filters exactly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { maxLength: 100 }),
        fc.subarray([...TIMELINE_KINDS], { minLength: 1 }),
        fc.subarray([...STATUS_CLASSES], { minLength: 1 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        async (raw, kinds, statuses, a, b, limit) => {
          const items = toItems(raw);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const from = new Date(T0 + lo).toISOString();
          const to = new Date(T0 + hi).toISOString();
          const seen = await pageThrough(sourcesOf(items), {
            kind: kinds.join(","),
            status: statuses.join(","),
            from,
            to,
            limit: String(limit),
          });
          const expected = sorted(items).filter((item) => {
            const at = Date.parse(item.occurred_at);
            return kinds.includes(item.kind) && statuses.includes(item.status.class) && at >= T0 + lo && at <= T0 + hi;
          });
          expect(seen.map((item) => item.id)).toEqual(expected.map((item) => item.id));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("`after` returns what is newer than the head, oldest cut first, and says when more are waiting", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 80 }),
        fc.nat(),
        fc.integer({ min: 1, max: 10 }),
        async (raw, pick, limit) => {
          const items = sorted(toItems(raw));
          const head = items[pick % items.length];
          const newer = items.filter((item) => compareKeys(keyOf(item), keyOf(head)) < 0);
          const page = await listTimeline({
            appId: "app_x",
            sources: sourcesOf(items),
            query: parse({ after: encodeTimelineCursor(keyOf(head)), limit: String(limit) }),
          });
          // The oldest `limit` of the newer items, shown newest first.
          expect(page.data.map((item) => item.id)).toEqual(newer.slice(-limit).map((item) => item.id));
          expect(page.has_newer).toBe(newer.length > limit);
          expect(page.head_cursor).toBe(encodeTimelineCursor(keyOf(page.data[0] ?? head)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("asks each source for at most limit + 1 items, never for everything", async () => {
    const items = toItems(
      Array.from({ length: 300 }, (_, n) => ({ n, kind: TIMELINE_KINDS[n % 6], status: "ok" as const, offset: n % 13 })),
    );
    const calls: { limit: number }[] = [];
    const page = await listTimeline({ appId: "app_x", sources: sourcesOf(items, calls), query: parse({ limit: "20" }) });
    expect(page.data).toHaveLength(20);
    expect(calls.length).toBe(5);
    expect(calls.every((call) => call.limit === 21)).toBe(true);
  });

  it("does not ask a source for kinds it cannot produce", async () => {
    const calls: { limit: number }[] = [];
    await listTimeline({ appId: "app_x", sources: sourcesOf([], calls), query: parse({ kind: "webhook" }) });
    expect(calls).toHaveLength(1);
  });

  it("reports a source that is down and still answers the others", async () => {
    const items = toItems([{ n: 1, kind: "request", status: "ok", offset: 1 }]);
    const down: TimelineSource = {
      name: "consents",
      kinds: ["consent"],
      list: async () => {
        throw new SourceUnavailableError("bank down");
      },
    };
    const page = await listTimeline({ appId: "app_x", sources: [...sourcesOf(items).slice(0, 1), down], query: parse({}) });
    expect(page.data.map((item) => item.id)).toEqual(["req_1"]);
    expect(page.unavailable_sources).toEqual(["consents"]);
  });

  it("lets any other failure fail the request", async () => {
    const broken: TimelineSource = { name: "x", kinds: ["request"], list: async () => Promise.reject(new Error("boom")) };
    await expect(listTimeline({ appId: "app_x", sources: [broken], query: parse({}) })).rejects.toThrow("boom");
  });
});

describe("timeline cursors", () => {
  it("round-trip and refuse anything else", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.stringMatching(/^[A-Za-z0-9_:-]{1,100}$/), (at, id) => {
        expect(decodeTimelineCursor(encodeTimelineCursor({ at, id }))).toEqual({ at, id });
      }),
    );
    for (const bad of ["", "nope", Buffer.from("12|a b").toString("base64url"), Buffer.from("x|req_1").toString("base64url")]) {
      expect(decodeTimelineCursor(bad), bad).toBeNull();
    }
  });
});

describe("timelineQuery", () => {
  const problems = (raw: Record<string, string>) => {
    const result = timelineQuery.safeParse(raw);
    return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, "/query");
  };

  it("defaults to every kind and status, 50 a page", () => {
    const query = parse({});
    expect([query.limit, query.kind, query.status, query.cursor, query.after, query.q]).toEqual([
      50,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(parse({ kind: "request, webhook", status: "ERROR" })).toMatchObject({ kind: ["request", "webhook"], status: ["error"] });
  });

  it("points at each bad parameter with what fits", () => {
    expect(problems({ kind: "request,nope" })[0]).toMatchObject({ pointer: "/query/kind" });
    expect(problems({ status: "5xx" })[0]).toMatchObject({ pointer: "/query/status" });
    expect(problems({ limit: "0" })[0]).toMatchObject({ pointer: "/query/limit" });
    expect(problems({ limit: "101" })[0]).toMatchObject({ pointer: "/query/limit" });
    expect(problems({ from: "yesterday" })[0]).toMatchObject({ pointer: "/query/from" });
    expect(problems({ cursor: "garbage" })[0]).toMatchObject({ pointer: "/query/cursor" });
    expect(problems({ q: "req_1; drop" })[0]).toMatchObject({ pointer: "/query/q" });
    expect(problems({ from: "2026-11-22T00:00:00Z", to: "2026-11-21T00:00:00Z" })[0]).toMatchObject({ pointer: "/query/from" });
    const c = encodeTimelineCursor({ at: T0, id: "req_1" });
    expect(problems({ cursor: c, after: c })[0]).toMatchObject({ pointer: "/query/after" });
    expect(problems({ q: "req_1", cursor: c })[0]).toMatchObject({ pointer: "/query/q" });
  });
});
