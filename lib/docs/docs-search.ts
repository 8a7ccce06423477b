import { queryWords, scoreFields, snippet, type SearchEntry } from "../guides/search-index";
import { pastedRequestId, requestHref } from "../request-logs/request-id";
import { operationFragment, operationHref } from "./api-areas";

/** One searchable thing in the docs: a guide section, or one operation of the API reference. */
export type DocsSearchItem =
  | { kind: "guide"; title: string; heading: string | null; text: string; href: string }
  | { kind: "endpoint"; title: string; heading: string; text: string; href: string; method: string; path: string }
  | { kind: "request"; title: string; heading: null; text: string; href: string };
export type DocsSearchHit = DocsSearchItem & { score: number; snippet: string };

type Operation = { operationId?: string; summary?: string; description?: string; tags?: string[] };
type OpenApiLike = { paths?: unknown; [key: string]: unknown };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** The guides' section index as search items linking to each section. */
export function guideItems(index: SearchEntry[]): DocsSearchItem[] {
  return index.map((entry) => ({
    kind: "guide",
    title: entry.guide,
    heading: entry.heading,
    text: entry.text,
    href: `/docs/guides/${entry.slug}${entry.anchor ? `#${entry.anchor}` : ""}`,
  }));
}

/**
 * Every operation of the OpenAPI document as a search item: summary as title, tag as heading (after
 * the standard's `label`, for a standard's document, whose operations link to its `page`),
 * method, path, operation id and description as text. Operations without a tag or id cannot be
 * deep-linked and are left out.
 */
export function endpointItems(doc: OpenApiLike, options: { page?: string; label?: string } = {}): DocsSearchItem[] {
  // A standard's paths are under its server's path (`/open-banking/v4.0`): shown and searched whole.
  const servers = (doc.servers ?? []) as { url: string }[];
  const prefix = options.page && servers[0] ? new URL(servers[0].url, "http://portal.invalid").pathname.replace(/\/$/, "") : "";
  const items: DocsSearchItem[] = [];
  for (const [path, pathItem] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown> | undefined>)) {
    if (!pathItem) continue;
    for (const method of METHODS) {
      const operation = pathItem[method] as Operation | undefined;
      const tag = operation?.tags?.[0];
      if (!operation?.operationId || !tag) continue;
      const verb = method.toUpperCase();
      items.push({
        kind: "endpoint",
        title: operation.summary ?? `${verb} ${path}`,
        heading: options.label ? `${options.label} · ${tag}` : tag,
        text: [verb, `${prefix}${path}`, operation.operationId, (operation.description ?? "").replace(/[`*_]/g, "")]
          .join(" ")
          .replace(/\s+/g, " ")
          .trim(),
        // A standard's operations live on its own page (`page`), the sandbox API's on their area's.
        href: options.page ? `${options.page}${operationFragment(tag, operation.operationId)}` : operationHref(tag, operation.operationId),
        method: verb,
        path: `${prefix}${path}`,
      });
    }
  }
  return items;
}

/**
 * Guides and endpoints ranked together (same weights as the guide search), best first. A pasted
 * request id (`req_…`) is one hit, first: the request itself, in the dashboard's logs.
 */
export function searchDocs(items: DocsSearchItem[], query: string, limit = 10): DocsSearchHit[] {
  const requestId = pastedRequestId(query);
  if (requestId) {
    const text = "Open this request in your app's logs: the request, the response and its timing.";
    return [{ kind: "request", title: `Request ${requestId}`, heading: null, text, href: requestHref(requestId), score: 1, snippet: text }];
  }
  const terms = queryWords(query);
  if (terms.length === 0) return [];
  const hits: DocsSearchHit[] = [];
  for (const item of items) {
    const score = scoreFields({ title: item.title, heading: item.heading ?? "", text: item.text }, terms);
    if (score !== null) hits.push({ ...item, score, snippet: snippet(item.text, terms[0]) });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
