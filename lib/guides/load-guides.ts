import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";

/** Guides live as MDX in content/guides, one file per guide; the file name is the slug. */
export const GUIDES_DIR = path.join(process.cwd(), "content", "guides");

const Frontmatter = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1),
  order: z.number().int(),
});

export type GuideHeading = { id: string; text: string; depth: 2 | 3 };
export type Guide = z.infer<typeof Frontmatter> & { slug: string; body: string; headings: GuideHeading[] };
export type GuideSummary = Pick<Guide, "slug" | "title" | "description" | "order">;

/** GitHub-style anchor: what rehype-slug would produce for plain-text headings. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

/** `## ` and `### ` headings outside fenced code, with unique ids in document order. */
export function extractHeadings(body: string): GuideHeading[] {
  const headings: GuideHeading[] = [];
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of body.split("\n")) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = /^(#{2,3})\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const text = match[2].replace(/`/g, "");
    const base = slugify(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    headings.push({ id: count ? `${base}-${count}` : base, text, depth: match[1].length as 2 | 3 });
  }
  return headings;
}

/** Parses one guide file; a bad frontmatter fails loudly with the file name. */
export function parseGuide(slug: string, source: string): Guide {
  const { data, content } = matter(source);
  const frontmatter = Frontmatter.safeParse(data);
  if (!frontmatter.success) throw new Error(`content/guides/${slug}.mdx: invalid frontmatter: ${z.prettifyError(frontmatter.error)}`);
  return { ...frontmatter.data, slug, body: content, headings: extractHeadings(content) };
}

let cached: Guide[] | undefined;

/**
 * Every guide, in reading order. Read from disk once per production server (guides change only
 * with a deploy); on every call in development, so edits show on reload.
 */
export function loadGuides(dir = GUIDES_DIR): Guide[] {
  if (dir === GUIDES_DIR && process.env.NODE_ENV === "production") return (cached ??= readGuides(dir));
  return readGuides(dir);
}

function readGuides(dir: string): Guide[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".mdx"))
    .map((file) => parseGuide(file.replace(/\.mdx$/, ""), readFileSync(path.join(dir, file), "utf8")))
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

export function summarise(guide: Guide): GuideSummary {
  return { slug: guide.slug, title: guide.title, description: guide.description, order: guide.order };
}

/** The guide before and after `slug` in reading order, for previous/next links. */
export function neighbours(guides: GuideSummary[], slug: string): { previous?: GuideSummary; next?: GuideSummary } {
  const index = guides.findIndex((guide) => guide.slug === slug);
  if (index < 0) return {};
  return { previous: guides[index - 1], next: guides[index + 1] };
}
