"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import {
  IconArrowRight,
  IconCheckCircle,
  IconClock,
  IconKey,
  IconSearch,
  IconShield,
  IconTransfer,
  IconWebhook,
} from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/cn";
import { callApi } from "@/lib/portal-api/use-api-action";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import type { StatusClass, TimelineItem, TimelineKind } from "@/lib/timeline/timeline-item";
import { TimelineDetail } from "./timeline-detail";

export type TimelinePageData = {
  data: TimelineItem[];
  next_cursor: string | null;
  head_cursor: string | null;
  has_newer: boolean;
  matched_id: string | null;
  unavailable_sources: string[];
};

export const KIND_LABELS: Record<TimelineKind, string> = {
  request: "Requests",
  webhook: "Webhooks",
  consent: "Consents",
  change: "Keys & clients",
  sandbox: "Sandbox",
  readiness: "Readiness",
};

const KIND_ICONS: Record<TimelineKind, typeof IconKey> = {
  request: IconTransfer,
  webhook: IconWebhook,
  consent: IconShield,
  change: IconKey,
  sandbox: IconClock,
  readiness: IconCheckCircle,
};

export const STATUS_TONES: Record<StatusClass, BadgeTone> = { ok: "success", warn: "warning", error: "danger" };
const RANGES = { all: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 } as const;
type Range = keyof typeof RANGES;
const KINDS = Object.keys(KIND_LABELS) as TimelineKind[];
const POLL_MS = 4_000;
const LATE_MS = 15_000;

/** A timeline cursor (`<ms>|<id>`, base64url) at a time: "0" sorts before every id, so the whole millisecond is newer. */
const cursorAt = (at: number) =>
  btoa(`${Math.max(0, Math.floor(at))}|0`)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** Newest first, then id descending: the API's order. */
const sortItems = (items: TimelineItem[]) =>
  [...items].sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

type Filters = { kinds: TimelineKind[]; status: StatusClass | ""; range: Range; q: string };

function queryOf(filters: Filters) {
  return {
    kind: filters.kinds.length && filters.kinds.length < KINDS.length ? filters.kinds.join(",") : undefined,
    status: filters.status || undefined,
    from: RANGES[filters.range] ? new Date(Date.now() - RANGES[filters.range]).toISOString() : undefined,
    q: filters.q.trim() || undefined,
  };
}

const dayOf = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Items grouped by their local day, in the page's order. */
function byDay(items: TimelineItem[]): Array<{ day: string; items: TimelineItem[] }> {
  const groups: Array<{ day: string; items: TimelineItem[] }> = [];
  for (const item of items) {
    const day = dayOf(item.occurred_at);
    if (groups.at(-1)?.day !== day) groups.push({ day, items: [] });
    groups.at(-1)!.items.push(item);
  }
  return groups;
}

/**
 * The app's timeline: filters, a search for ids, the list by day, and the open item's detail.
 * While the tab is visible it polls for items newer than the newest shown (`after`), and offers
 * them in a "new items" pill instead of moving the list under the reader.
 */
export function TimelineView({
  appId,
  initial,
  initialQ,
  canResend,
  renderedAt,
}: {
  appId: string;
  initial: TimelinePageData;
  initialQ: string;
  canResend: boolean;
  renderedAt: number;
}) {
  const [filters, setFilters] = useState<Filters>({ kinds: [], status: "", range: "all", q: initialQ });
  const [searchText, setSearchText] = useState(initialQ);
  const [page, setPage] = useState(initial);
  const [items, setItems] = useState(initial.data);
  const [incoming, setIncoming] = useState<TimelineItem[]>([]);
  const [loading, setLoading] = useState<"page" | "more" | null>(null);
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<string | null>(initial.matched_id);
  const latest = useRef(0);
  const polling = useRef(false);
  const list = useRef<HTMLOListElement>(null);
  const known = useRef(new Set<string>());
  const newestAt = useRef(renderedAt);

  const load = useCallback(
    async (next: Filters) => {
      const request = ++latest.current;
      setLoading("page");
      const outcome = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/timeline", { params: { path: { appId }, query: queryOf(next) }, cache: "no-store" }),
      );
      if (request !== latest.current) return;
      setLoading(null);
      if (!outcome.ok) return setError(outcome.message);
      setError(undefined);
      setPage(outcome.data);
      setItems(outcome.data.data);
      setIncoming([]);
      newestAt.current = Date.now();
      setSelected(outcome.data.matched_id);
    },
    [appId],
  );

  function apply(change: Partial<Filters>) {
    const next = { ...filters, ...change };
    setFilters(next);
    const url = new URL(window.location.href);
    if (next.q.trim()) url.searchParams.set("q", next.q.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    void load(next);
  }

  async function loadOlder() {
    if (!page.next_cursor) return;
    setLoading("more");
    const outcome = await callApi(() =>
      portalApi.GET("/api/apps/{appId}/timeline", {
        params: { path: { appId }, query: { ...queryOf({ ...filters, q: "" }), cursor: page.next_cursor! } },
        cache: "no-store",
      }),
    );
    setLoading(null);
    if (!outcome.ok) return setError(outcome.message);
    setPage((current) => ({ ...current, next_cursor: outcome.data.next_cursor }));
    setItems((current) => [...current, ...outcome.data.data]);
  }

  // Live: every few seconds while the tab is visible, what happened since the newest item known.
  // The poll reaches back LATE_MS because calls are logged in batches, so one can be stored a moment
  // after a newer one; what is already known is dropped by id.
  useEffect(() => {
    known.current = new Set([...items, ...incoming].map((item) => item.id));
    for (const item of [...items, ...incoming]) newestAt.current = Math.max(newestAt.current, Date.parse(item.occurred_at));
  }, [items, incoming]);
  useEffect(() => {
    if (filters.q.trim()) return; // a search shows a moment, not the live edge
    const tick = async () => {
      if (document.visibilityState !== "visible" || polling.current) return;
      polling.current = true;
      const request = latest.current;
      const after = cursorAt(newestAt.current - LATE_MS);
      const outcome = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/timeline", {
          params: { path: { appId }, query: { ...queryOf(filters), after, limit: "100" } },
          cache: "no-store",
        }),
      );
      polling.current = false;
      if (!outcome.ok || request !== latest.current) return;
      const fresh = outcome.data.data.filter((item) => !known.current.has(item.id));
      if (fresh.length) setIncoming((current) => sortItems([...fresh, ...current]));
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    const onVisible = () => document.visibilityState === "visible" && void tick();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [appId, filters]);

  function showIncoming() {
    setItems((current) => sortItems([...incoming, ...current]));
    setIncoming([]);
    list.current?.querySelector<HTMLButtonElement>("button[data-item]")?.focus();
  }

  function onListKey(event: KeyboardEvent<HTMLOListElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Home" && event.key !== "End") return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>("button[data-item]") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? buttons.length - 1
          : Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)));
    buttons[next]?.focus();
    event.preventDefault();
  }

  const toggleKind = (kind: TimelineKind) =>
    apply({ kinds: filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind], q: "" });
  const filtered = filters.kinds.length > 0 || filters.status !== "" || filters.range !== "all";
  const current = items.find((item) => item.id === selected) ?? null;

  return (
    <div className="flex flex-col gap-4">
      <div
        role="search"
        aria-label="Filter the timeline"
        className="flex flex-col gap-3 rounded-card border border-border bg-surface p-4 shadow-card"
      >
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(event) => {
            event.preventDefault();
            apply({ q: searchText });
          }}
        >
          <label className="flex flex-1 flex-col gap-1 text-xs font-medium text-fg-muted">
            Find a moment by id
            <Input
              name="q"
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              placeholder="Paste a request id (req_…) or a webhook-id (evt_…)"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
          </label>
          <div className="flex gap-2">
            <Button type="submit" variant="secondary" icon={<IconSearch />}>
              Find
            </Button>
            {filters.q && (
              <Button
                variant="ghost"
                onClick={() => {
                  setSearchText("");
                  apply({ q: "" });
                }}
              >
                Clear
              </Button>
            )}
          </div>
        </form>
        <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
          <fieldset className="flex flex-wrap gap-2">
            <legend className="mb-1 text-xs font-medium text-fg-muted">Kinds</legend>
            {KINDS.map((kind) => {
              const on = filters.kinds.includes(kind);
              const Icon = KIND_ICONS[kind];
              return (
                <button
                  key={kind}
                  type="button"
                  aria-pressed={on}
                  onClick={() => toggleKind(kind)}
                  className={cn(
                    "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary",
                    on
                      ? "border-primary bg-primary-soft text-primary-soft-fg"
                      : "border-border-strong bg-surface text-fg-muted hover:text-fg",
                  )}
                >
                  <Icon size={14} />
                  {KIND_LABELS[kind]}
                </button>
              );
            })}
          </fieldset>
          <div className="grid grid-cols-2 gap-2 sm:w-80">
            <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
              Status
              <Select value={filters.status} onChange={(event) => apply({ status: event.target.value as Filters["status"], q: "" })}>
                <option value="">Any status</option>
                <option value="ok">OK</option>
                <option value="warn">Warning (4xx, retrying)</option>
                <option value="error">Error (5xx, failed)</option>
              </Select>
            </label>
            <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
              Time
              <Select value={filters.range} onChange={(event) => apply({ range: event.target.value as Range, q: "" })}>
                <option value="all">Any time</option>
                <option value="1h">Last hour</option>
                <option value="24h">Last 24 hours</option>
                <option value="7d">Last 7 days</option>
              </Select>
            </label>
          </div>
        </div>
      </div>

      {error && (
        <Alert tone="error" title="The timeline could not be loaded">
          {error}
        </Alert>
      )}
      {page.unavailable_sources.length > 0 && (
        <Alert tone="warning" title="Some items are missing">
          The sandbox bank did not answer, so consent events are not shown. They will be on the next refresh.
        </Alert>
      )}

      <div aria-live="polite" className="sr-only">
        {loading === "page" ? "Loading the timeline" : incoming.length ? `${incoming.length} new items` : ""}
      </div>
      {incoming.length > 0 && (
        <div className="sticky top-2 z-10 flex justify-center">
          <Button variant="primary" size="sm" onClick={showIncoming} className="rounded-full shadow-card">
            {incoming.length === 1 ? "1 new item" : `${incoming.length} new items`}
          </Button>
        </div>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className={cn("flex min-w-0 flex-col gap-4", loading === "page" && "opacity-60")} aria-busy={loading === "page"}>
          {loading === "page" && (
            <p className="flex items-center gap-2 text-sm text-fg-muted">
              <Spinner label="Loading" /> Loading…
            </p>
          )}
          {items.length === 0 && loading !== "page" ? (
            <EmptyState
              icon={<IconClock size={22} />}
              title={filtered ? "Nothing matches these filters" : "Nothing has happened yet"}
              action={
                filtered ? (
                  <Button variant="secondary" onClick={() => apply({ kinds: [], status: "", range: "all", q: "" })}>
                    Clear the filters
                  </Button>
                ) : (
                  <ButtonLink href="/docs/api" variant="secondary" icon={<IconArrowRight />}>
                    Make a call in the API docs
                  </ButtonLink>
                )
              }
            >
              <p>
                Calls with this app&apos;s keys, webhook deliveries, consents, key changes and sandbox controls appear here as they happen.
                This page updates by itself.
              </p>
            </EmptyState>
          ) : (
            <ol ref={list} aria-label="Timeline, newest first" className="flex flex-col gap-5" onKeyDown={onListKey}>
              {byDay(items).map((group) => (
                <li key={group.day} className="flex flex-col gap-2">
                  <h3 className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{group.day}</h3>
                  <ul className="divide-y divide-border overflow-hidden rounded-card border border-border bg-surface shadow-card">
                    {group.items.map((item) => {
                      const Icon = KIND_ICONS[item.kind];
                      const open = item.id === selected;
                      return (
                        <li key={item.id}>
                          <button
                            type="button"
                            data-item={item.id}
                            data-kind={item.kind}
                            aria-expanded={open}
                            aria-controls="timeline-detail"
                            onClick={() => setSelected(open ? null : item.id)}
                            className={cn(
                              "flex w-full items-start gap-3 px-4 py-3 text-left transition-colors hover:bg-surface-muted focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-primary",
                              open && "bg-primary-soft/60",
                              item.matched && "ring-2 ring-primary ring-inset",
                            )}
                          >
                            <span className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-surface-muted text-fg-muted">
                              <Icon size={15} aria-label={KIND_LABELS[item.kind]} />
                            </span>
                            <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                              <span className="flex flex-wrap items-center gap-2">
                                <span className="min-w-0 font-medium break-all text-fg">{item.title}</span>
                                {item.matched && <Badge tone="brand">Found</Badge>}
                              </span>
                              {item.detail && <span className="truncate text-xs text-fg-muted">{item.detail}</span>}
                            </span>
                            <span className="flex shrink-0 flex-col items-end gap-1">
                              <Badge tone={STATUS_TONES[item.status.class]} dot>
                                {item.status.label}
                              </Badge>
                              <time dateTime={item.occurred_at} className="text-xs text-fg-muted tabular-nums">
                                {timeOf(item.occurred_at)}
                              </time>
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
          )}
          {page.next_cursor && items.length > 0 && (
            <div className="flex justify-center">
              <Button variant="secondary" size="sm" loading={loading === "more"} onClick={() => void loadOlder()}>
                Older items
              </Button>
            </div>
          )}
        </div>
        <TimelineDetail key={current?.id ?? "none"} appId={appId} item={current} canResend={canResend} onClose={() => setSelected(null)} />
      </div>
    </div>
  );
}
