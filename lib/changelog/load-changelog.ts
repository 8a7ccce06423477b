import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { z } from "zod";

/** Releases live as Markdown in content/changelog, one file per release, named `<date>-<n>-<slug>.md`. */
export const CHANGELOG_DIR = path.join(process.cwd(), "content", "changelog");

export const CHANGE_KINDS = ["Added", "Changed", "Fixed"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const Frontmatter = z.strictObject({
  title: z.string().min(1),
  // gray-matter turns a bare YAML date into a Date: normalise to YYYY-MM-DD.
  date: z
    .union([z.date(), z.string()])
    .transform((value) => (value instanceof Date ? value.toISOString() : value).slice(0, 10))
    .pipe(z.iso.date()),
  summary: z.string().min(1),
});

/** One change: the area it touches ("Payments") and what changed, in Markdown with inline code only. */
export type Change = { area: string; text: string };
export type Release = z.infer<typeof Frontmatter> & { id: string; sections: Array<{ kind: ChangeKind; changes: Change[] }> };

/**
 * A release file: frontmatter, then `### Added` / `### Changed` / `### Fixed` sections of
 * `- Area: what changed` bullets. Anything else fails loudly with the file name, so a malformed
 * entry never ships half-rendered.
 */
export function parseRelease(id: string, source: string): Release {
  const { data, content } = matter(source);
  const frontmatter = Frontmatter.safeParse(data);
  if (!frontmatter.success) throw new Error(`content/changelog/${id}.md: invalid frontmatter: ${z.prettifyError(frontmatter.error)}`);
  const sections: Release["sections"] = [];
  for (const [index, raw] of content.split("\n").entries()) {
    const line = raw.trimEnd();
    if (line.trim() === "") continue;
    const heading = /^###\s+(.+)$/.exec(line);
    const bullet = /^-\s+([^:]+?):\s+(.+)$/.exec(line);
    const fail = (why: string) => new Error(`content/changelog/${id}.md:${index + 1}: ${why}`);
    if (heading) {
      const kind = heading[1] as ChangeKind;
      if (!CHANGE_KINDS.includes(kind)) throw fail(`section must be one of ${CHANGE_KINDS.join(", ")}`);
      if (sections.some((section) => section.kind === kind)) throw fail(`duplicate section ${kind}`);
      sections.push({ kind, changes: [] });
    } else if (bullet) {
      const section = sections.at(-1);
      if (!section) throw fail("a change must sit under a ### Added / Changed / Fixed heading");
      section.changes.push({ area: bullet[1].trim(), text: bullet[2].trim() });
    } else {
      throw fail("expected a ### heading or a `- Area: change` bullet");
    }
  }
  if (sections.length === 0) throw new Error(`content/changelog/${id}.md: no changes`);
  return { ...frontmatter.data, id, sections };
}

let cached: Release[] | undefined;

/** Every release, newest first (by file name: date, then sequence). Read once per production server. */
export function loadChangelog(): Release[] {
  if (cached && process.env.NODE_ENV === "production") return cached;
  const files = readdirSync(CHANGELOG_DIR)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .reverse();
  cached = files.map((file) => parseRelease(file.replace(/\.md$/, ""), readFileSync(path.join(CHANGELOG_DIR, file), "utf8")));
  return cached;
}
