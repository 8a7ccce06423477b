import type { Guide } from "./load-guides";

/** One searchable section: a guide's intro or one of its headings, with its plain text. */
export type SearchEntry = { slug: string; guide: string; heading: string | null; anchor: string | null; text: string };
export type SearchHit = SearchEntry & { score: number; snippet: string };

/** MDX → plain words: drops frontmatter-free JSX tags, fence markers, markdown punctuation. */
export function plainText(mdx: string): string {
  return mdx
    .replace(/^\s*```.*$/gm, " ")
    .replace(/<\/?[A-Z][^>]*>/g, " ")
    .replace(/\{\{[A-Z_]+\}\}/g, " ")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[`*_>#|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Built at build time from the guides: one entry per section, so a hit can link to its heading. */
export function buildSearchIndex(guides: Guide[]): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const guide of guides) {
    const lines = guide.body.split("\n");
    let current: SearchEntry = { slug: guide.slug, guide: guide.title, heading: null, anchor: null, text: guide.description };
    let headingIndex = 0;
    let inFence = false;
    const flush = () => {
      current.text = plainText(current.text);
      entries.push(current);
    };
    for (const line of lines) {
      if (/^\s*```/.test(line)) inFence = !inFence;
      const match = !inFence && /^(#{2,3})\s+(.+?)\s*$/.exec(line);
      if (match) {
        flush();
        const heading = guide.headings[headingIndex++];
        current = { slug: guide.slug, guide: guide.title, heading: heading.text, anchor: heading.id, text: "" };
      } else {
        current.text += `\n${line}`;
      }
    }
    flush();
  }
  return entries;
}

export const queryWords = (query: string) =>
  query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 1);

/** What a hit is matched on, most weighty first. */
export type SearchFields = { title: string; heading: string; text: string };

/**
 * Every query word must appear (prefix match on words) in the title, heading or text; titles
 * weigh 5, headings 3, text 1. The score, or null when a word is missing.
 */
export function scoreFields(fields: SearchFields, terms: string[]): number | null {
  const title = fields.title.toLowerCase();
  const heading = fields.heading.toLowerCase();
  const text = fields.text.toLowerCase();
  let score = 0;
  for (const term of terms) {
    const pattern = new RegExp(`(^|[^a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
    const inTitle = pattern.test(title);
    const inHeading = pattern.test(heading);
    const inText = pattern.test(text);
    if (!inTitle && !inHeading && !inText) return null;
    score += (inTitle ? 5 : 0) + (inHeading ? 3 : 0) + (inText ? 1 : 0);
  }
  return score;
}

/**
 * Every query word must appear (prefix match on words) in the section's guide title, heading or
 * text; titles and headings weigh more. Best first, at most `limit`.
 */
export function searchGuides(index: SearchEntry[], query: string, limit = 8): SearchHit[] {
  const terms = queryWords(query);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const entry of index) {
    const score = scoreFields({ title: entry.guide, heading: entry.heading ?? "", text: entry.text }, terms);
    if (score !== null) hits.push({ ...entry, score, snippet: snippet(entry.text, terms[0]) });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

export function snippet(text: string, term: string): string {
  const at = text.toLowerCase().indexOf(term);
  if (at < 0) return text.slice(0, 140);
  const start = Math.max(0, at - 50);
  return `${start > 0 ? "…" : ""}${text.slice(start, start + 140)}${start + 140 < text.length ? "…" : ""}`;
}
