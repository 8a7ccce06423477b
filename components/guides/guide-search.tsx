"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";
import { searchGuides, type SearchEntry, type SearchHit } from "@/lib/guides/search-index";

let indexPromise: Promise<SearchEntry[]> | null = null;

/** The index is built with the site (a static JSON file) and fetched once, on first use. */
function loadIndex(): Promise<SearchEntry[]> {
  indexPromise ??= fetch("/docs/guides/search-index.json")
    .then((response) => (response.ok ? (response.json() as Promise<SearchEntry[]>) : []))
    .catch(() => {
      indexPromise = null;
      return [];
    });
  return indexPromise;
}

/** A combobox over the guides: type, arrow through the hits, Enter opens one, Escape clears. */
export function GuideSearch() {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [index, setIndex] = useState<SearchEntry[] | null>(null);
  const router = useRouter();
  const id = useId();
  const listId = `${id}-results`;

  async function search(value: string) {
    setQuery(value);
    const entries = index ?? (await loadIndex());
    if (!index) setIndex(entries);
    setHits(searchGuides(entries, value));
    setActive(0);
  }

  function open(hit: SearchHit) {
    setQuery("");
    setHits([]);
    router.push(`/docs/guides/${hit.slug}${hit.anchor ? `#${hit.anchor}` : ""}`);
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
        Search the guides
      </label>
      <input
        id={`${id}-input`}
        type="search"
        value={query}
        placeholder="Search guides…"
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
        <ul id={listId} role="listbox" aria-label="Search results" className="absolute z-30 mt-1 max-h-96 w-full overflow-y-auto rounded-card border border-border bg-surface p-1 shadow-lg">
          {hits.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled className="px-3 py-2 text-sm text-fg-muted">
              No guide mentions “{query.trim()}”.
            </li>
          ) : (
            hits.map((hit, position) => (
              // Options hold no links (no nested interactive content): a click or Enter opens the hit.
              <li
                key={`${hit.slug}#${hit.anchor}`}
                id={`${id}-hit-${position}`}
                role="option"
                aria-selected={position === active}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => open(hit)}
                onMouseEnter={() => setActive(position)}
                className={cn("cursor-pointer rounded-control px-3 py-2 text-sm", position === active ? "bg-primary-soft" : "hover:bg-surface-muted")}
              >
                <span className="block font-medium text-fg">
                  {hit.guide}
                  {hit.heading && <span className="text-fg-muted"> › {hit.heading}</span>}
                </span>
                <span className="mt-0.5 line-clamp-2 block text-xs text-fg-muted">{hit.snippet}</span>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
