"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";
import { guideItems, searchDocs, type DocsSearchHit, type DocsSearchItem } from "@/lib/docs/docs-search";
import type { SearchEntry } from "@/lib/guides/search-index";
import { pastedRequestId } from "@/lib/request-logs/request-id";

let indexPromise: Promise<DocsSearchItem[]> | null = null;

async function fetchJson<T>(url: string): Promise<T | null> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}

/**
 * Two indexes, fetched once on first use: the guides' (a static file built with the site) and the
 * API reference's (from the bank's OpenAPI document). Either may fail alone: the search uses what
 * arrived; if nothing did, the next keystroke tries again.
 */
function loadIndex(): Promise<DocsSearchItem[]> {
  indexPromise ??= Promise.all([
    fetchJson<SearchEntry[]>("/docs/guides/search-index.json"),
    fetchJson<DocsSearchItem[]>("/docs/search/endpoints.json"),
  ]).then(([guides, endpoints]) => {
    if (!guides || !endpoints) indexPromise = null;
    return [...guideItems(guides ?? []), ...(endpoints ?? [])];
  });
  return indexPromise;
}

const METHOD_TONE: Record<string, string> = {
  GET: "text-info",
  POST: "text-success",
  DELETE: "text-danger",
};

/** A combobox over the guides and the API reference: type, arrow through the hits, Enter opens one, Escape clears. */
export function DocsSearch() {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<DocsSearchHit[]>([]);
  const [active, setActive] = useState(0);
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;

  async function search(value: string) {
    setQuery(value);
    // A pasted request id needs no index: its hit (the request in the dashboard) shows at once.
    setHits(searchDocs(pastedRequestId(value) ? [] : await loadIndex(), value));
    setActive(0);
  }

  function open(hit: DocsSearchHit) {
    setQuery("");
    setHits([]);
    // Swagger UI reads its deep link from the hash when it loads: a full navigation for endpoints.
    if (hit.kind === "endpoint") window.location.assign(hit.href);
    else router.push(hit.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (hits.length === 0) return;
      setActive((current) => (current + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length);
    } else if (event.key === "Enter" && hits[active]) {
      event.preventDefault();
      open(hits[active]);
    } else if (event.key === "Escape") {
      setQuery("");
      setHits([]);
    }
  }

  const expanded = query.trim().length > 1;
  return (
    <div className="relative" role="search">
      <label htmlFor={`${id}-input`} className="sr-only">
        Search the docs
      </label>
      <input
        id={`${id}-input`}
        type="search"
        value={query}
        placeholder="Search guides, API or a req_ id…"
        autoComplete="off"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && hits[active] ? `${id}-hit-${active}` : undefined}
        onFocus={() => void loadIndex()}
        onChange={(event) => void search(event.target.value)}
        onKeyDown={onKeyDown}
        className="w-full rounded-control border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted focus:border-primary focus:ring-2 focus:ring-primary/30 focus:outline-none"
      />
      {expanded && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Search results"
          className="absolute z-30 mt-1 max-h-96 w-full overflow-y-auto rounded-card border border-border bg-surface p-1 shadow-lg"
        >
          {hits.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-fg-muted">
              Nothing in the docs mentions “{query.trim()}”.
            </li>
          ) : (
            hits.map((hit, position) => (
              // Options hold no links (no nested interactive content): a click or Enter opens the hit.
              <li
                key={hit.href}
                id={`${id}-hit-${position}`}
                role="option"
                aria-selected={position === active}
                data-kind={hit.kind}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => open(hit)}
                onMouseEnter={() => setActive(position)}
                className={cn(
                  "cursor-pointer rounded-control px-3 py-2 text-sm",
                  position === active ? "bg-primary-soft" : "hover:bg-surface-muted",
                )}
              >
                <span className={cn("flex items-baseline gap-2", hit.kind === "request" && "break-all")}>
                  <span className="shrink-0 text-[10px] font-semibold tracking-wide text-fg-muted uppercase">
                    {hit.kind === "guide" ? "Guide" : hit.kind === "request" ? "Request" : "Endpoint"}
                  </span>
                  <span className="min-w-0 font-medium text-fg">
                    {hit.title}
                    {hit.kind === "guide" && hit.heading && <span className="text-fg-muted"> › {hit.heading}</span>}
                  </span>
                </span>
                {hit.kind === "endpoint" ? (
                  <span className="mt-0.5 block truncate font-mono text-xs text-fg-muted">
                    <span className={cn("font-semibold", METHOD_TONE[hit.method] ?? "text-warning")}>{hit.method}</span> {hit.path}
                  </span>
                ) : (
                  <span className="mt-0.5 line-clamp-2 block text-xs text-fg-muted">{hit.snippet}</span>
                )}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
