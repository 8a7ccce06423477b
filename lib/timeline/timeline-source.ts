import { compareKeys, keyOf, type StatusClass, type TimelineItem, type TimelineKey, type TimelineKind } from "./timeline-item";

/**
 * One source's query. `direction: "older"` pages back in time from `before` (exclusive), newest
 * first; `"newer"` reads forward from `after` (exclusive), oldest first: a live view polls with it.
 * A source returns at most `limit` items, already filtered (kinds, statuses, range) and in that order.
 */
export type SourceQuery = {
  appId: string;
  kinds: ReadonlySet<TimelineKind>;
  /** Null: every status class. */
  statuses: ReadonlySet<StatusClass> | null;
  from?: Date;
  to?: Date;
  direction: "older" | "newer";
  /** The exclusive bound in the direction: `before` when older, `after` when newer. */
  bound?: TimelineKey;
  limit: number;
};

type TimeRange = { gte?: Date; lte?: Date; lt?: Date; gt?: Date };

/** A `where` clause `timeWindow` returns: the range on `field`, or the cursor on (field, id). */
export type TimeWindowClause<Field extends string> =
  Record<Field, TimeRange> | { OR: [Record<Field, TimeRange>, Record<Field, Date> & { id: { lt?: string; gt?: string } }] };

/**
 * The query's time range and cursor as `where` clauses over a database source's time `field`
 * and its `id`, to push into the source's `AND`: `from` and `to` inclusive, then strictly beyond
 * `bound` in the query's direction, ties on the time broken by id (compareKeys' order, so a page
 * boundary inside one millisecond loses and repeats nothing).
 */
export function timeWindow<Field extends string>(query: SourceQuery, field: Field): TimeWindowClause<Field>[] {
  const on = <T>(value: T) => ({ [field]: value }) as Record<Field, T>;
  const clauses: TimeWindowClause<Field>[] = [];
  if (query.from) clauses.push(on<TimeRange>({ gte: query.from }));
  if (query.to) clauses.push(on<TimeRange>({ lte: query.to }));
  if (query.bound) {
    const at = new Date(query.bound.at);
    const side = query.direction === "older" ? "lt" : "gt";
    clauses.push({ OR: [on<TimeRange>({ [side]: at }), { ...on(at), id: { [side]: query.bound.id } }] });
  }
  return clauses;
}

export type TimelineSource = {
  name: string;
  /** The kinds it can produce: it is not asked when none of them is wanted. */
  kinds: readonly TimelineKind[];
  list(query: SourceQuery): Promise<TimelineItem[]>;
};

/** Whether an item is inside the query's filters and beyond its bound (for sources that filter in memory). */
export function inQuery(item: TimelineItem, query: SourceQuery): boolean {
  const key = keyOf(item);
  if (!query.kinds.has(item.kind)) return false;
  if (query.statuses && !query.statuses.has(item.status.class)) return false;
  if (query.from && key.at < query.from.getTime()) return false;
  if (query.to && key.at > query.to.getTime()) return false;
  if (query.bound) {
    const order = compareKeys(key, query.bound);
    if (query.direction === "older" ? order <= 0 : order >= 0) return false;
  }
  return true;
}

/** Sorts in the query's direction and cuts at its limit: the end of an in-memory source. */
export function orderForQuery(items: TimelineItem[], query: SourceQuery): TimelineItem[] {
  const sorted = items.filter((item) => inQuery(item, query)).sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  if (query.direction === "newer") sorted.reverse();
  return sorted.slice(0, query.limit);
}

export type MergedPage = {
  /** Newest first, whatever the direction. */
  items: TimelineItem[];
  /** More items beyond the page in the query's direction. */
  more: boolean;
  /** Sources that could not answer (the bank down): the page is complete for the others. */
  unavailable: string[];
};

/**
 * The k-way merge: asks each wanted source for `limit + 1` items beyond the bound, merges them in
 * the direction's order and keeps the first `limit`. Each source's own first `limit + 1` are enough
 * to know the union's first `limit` and whether there are more, so nothing is loaded in full.
 */
export async function mergeSources(sources: readonly TimelineSource[], query: SourceQuery): Promise<MergedPage> {
  const wanted = sources.filter((source) => source.kinds.some((kind) => query.kinds.has(kind)));
  const unavailable: string[] = [];
  const lists = await Promise.all(
    wanted.map((source) =>
      source.list({ ...query, limit: query.limit + 1 }).catch((error: unknown) => {
        if (!isUnavailable(error)) throw error;
        unavailable.push(source.name);
        return [] as TimelineItem[];
      }),
    ),
  );
  const direction = query.direction === "older" ? 1 : -1;
  const merged = lists.flat().sort((a, b) => direction * compareKeys(keyOf(a), keyOf(b)));
  const page = merged.slice(0, query.limit);
  if (query.direction === "newer") page.reverse();
  return { items: page, more: merged.length > query.limit, unavailable };
}

/** A source that throws this is reported as unavailable instead of failing the whole timeline. */
export class SourceUnavailableError extends Error {
  readonly sourceUnavailable = true;
}

function isUnavailable(error: unknown): boolean {
  return error instanceof SourceUnavailableError;
}
